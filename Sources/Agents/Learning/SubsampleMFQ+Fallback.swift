extension SubsampleMFQ {
    /// The fallback of unvisited states: each takes the greedy action of the nearest visited count vector
    /// of the same s_g, distance = the number of agents that must change state (moves of one agent from
    /// state i to state j are the edges). A multi-source breadth-first search from the visited vectors in
    /// rank order, so the first source to reach a vector wins and the result is deterministic. An s_g
    /// with no visited vector keeps its actions.
    /// - Complexity: O(|S_g| · count · |S_l|²).
    public static func nearestVisited(_ actions: [Int32], space: CountVectorSpace, globalStates: Int,
                                      visited: [Bool]) -> [Int32] {
        var result = actions
        let size = space.count, l = space.states
        var counts = [Int](repeating: 0, count: l)
        for sg in 0..<globalStates {
            var reached = (0..<size).map { visited[sg * size + $0] }
            var queue = (0..<size).filter { reached[$0] }
            var head = 0
            while head < queue.count {
                let rank = queue[head]
                head += 1
                space.unrank(rank, into: &counts)
                for i in 0..<l where counts[i] > 0 {
                    for j in 0..<l where j != i {
                        counts[i] -= 1
                        counts[j] += 1
                        let neighbour = space.rank(counts)
                        counts[j] -= 1
                        counts[i] += 1
                        guard !reached[neighbour] else { continue }
                        reached[neighbour] = true
                        result[sg * size + neighbour] = result[sg * size + rank]
                        queue.append(neighbour)
                    }
                }
            }
        }
        return result
    }
}
