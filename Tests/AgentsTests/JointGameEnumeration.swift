@testable import Agents

/// Exact expectations in the joint game of one global agent and n local agents, by enumerating every
/// joint state (s_g, s_1, …, s_n), every k-subset the global agent may sample and every action profile.
/// Written independently of the exploitability code, for small games only (|S_g| · |S_l|^n states).
struct JointGameEnumeration {
    /// A randomized rule: probabilities over actions.
    typealias GlobalRule = (_ t: Int, _ sg: Int, _ counts: [Int]) -> [Double]
    typealias LocalRule = (_ t: Int, _ sg: Int, _ sl: Int) -> [Double]

    let game: TabularGame, n: Int, k: Int, horizon: Int, gamma: Double, initial: [Double]
    /// Every joint state decoded once.
    private var decoded: [(sg: Int, locals: [Int])] = []

    init(game: TabularGame, n: Int, k: Int, horizon: Int, gamma: Double, initial: [Double]) {
        self.game = game
        self.n = n
        self.k = k
        self.horizon = horizon
        self.gamma = gamma
        self.initial = initial
        decoded = (0..<stateCount).map(decode)
    }

    var stateCount: Int { game.globalStates * pow(game.localStates, n) }

    private func pow(_ base: Int, _ e: Int) -> Int { (0..<e).reduce(1) { acc, _ in acc * base } }

    func decode(_ index: Int) -> (sg: Int, locals: [Int]) {
        var rest = index / game.globalStates
        var locals: [Int] = []
        for _ in 0..<n { locals.append(rest % game.localStates); rest /= game.localStates }
        return (index % game.globalStates, locals)
    }

    func encode(_ sg: Int, _ locals: [Int]) -> Int {
        var index = 0
        for s in locals.reversed() { index = index * game.localStates + s }
        return index * game.globalStates + sg
    }

    /// P(s_0): s_g uniform, agents i.i.d. from `initial`.
    func initialDistribution() -> [Double] {
        (0..<stateCount).map { i in
            let (_, locals) = decode(i)
            return locals.reduce(1.0 / Double(game.globalStates)) { $0 * initial[$1] }
        }
    }

    /// Law of the sampled counts: every k-subset of the n agents equally likely.
    func sampledCounts(_ locals: [Int]) -> [([Int], Double)] {
        var result: [([Int], Double)] = []
        var subsets: [[Int]] = []
        func choose(_ start: Int, _ chosen: [Int]) {
            if chosen.count == k { subsets.append(chosen); return }
            guard start < n else { return }
            for i in start..<n { choose(i + 1, chosen + [i]) }
        }
        choose(0, [])
        for subset in subsets {
            var counts = [Int](repeating: 0, count: game.localStates)
            for i in subset { counts[locals[i]] += 1 }
            result.append((counts, 1 / Double(subsets.count)))
        }
        return result
    }

    /// One step from a joint state: calls `visit(next state, probability, team reward, per-agent rewards)`
    /// for every outcome, with global action `globalLaw` and agent i on `agents[i]`.
    func step(_ t: Int, _ state: Int, global: GlobalRule, agents: [LocalRule],
              visit: (Int, Double, Double, [Double]) -> Void) {
        let (sg, locals) = decoded[state]
        var globalLaw = [Double](repeating: 0, count: game.globalActions)
        for (counts, p) in sampledCounts(locals) {
            for (a, q) in global(t, sg, counts).enumerated() { globalLaw[a] += p * q }
        }
        let profiles = pow(game.localActions, n)
        for ag in 0..<game.globalActions where globalLaw[ag] > 0 {
            for profile in 0..<profiles {
                var actions: [Int] = [], rest = profile, p = globalLaw[ag]
                for i in 0..<n {
                    actions.append(rest % game.localActions); rest /= game.localActions
                    p *= agents[i](t, sg, locals[i])[actions[i]]
                }
                guard p > 0 else { continue }
                let own = (0..<n).map { game.rewardLocal(locals[$0], sg, actions[$0]) }
                let team = game.rewardGlobal(sg, ag) + own.reduce(0, +) / Double(n)
                for next in 0..<stateCount {
                    let (sg2, locals2) = decoded[next]
                    var q = p * game.pGlobal(sg, ag, sg2)
                    let read = game.localUsesNextGlobal ? sg2 : sg
                    for i in 0..<n { q *= game.pLocal(locals[i], read, actions[i], locals2[i]) }
                    if q > 0 { visit(next, q, team, own) }
                }
            }
        }
    }

    /// E[Σ_t γ^t r_team] and E[Σ_t γ^t r_l of each agent].
    func returns(global: GlobalRule, agents: [LocalRule]) -> (team: Double, own: [Double]) {
        var dist = initialDistribution(), team = 0.0, own = [Double](repeating: 0, count: n), weight = 1.0
        for t in 0..<horizon {
            var next = [Double](repeating: 0, count: stateCount)
            for s in 0..<stateCount where dist[s] > 0 {
                step(t, s, global: global, agents: agents) { s2, q, r, rs in
                    let p = dist[s] * q
                    next[s2] += p
                    team += weight * p * r
                    for i in 0..<n { own[i] += weight * p * rs[i] }
                }
            }
            dist = next
            weight *= gamma
        }
        return (team, own)
    }

    /// The team return of the best time-dependent global policy that sees the whole joint state.
    func optimalTeamReturn(agents: [LocalRule]) -> Double {
        var value = [Double](repeating: 0, count: stateCount)
        for t in stride(from: horizon - 1, through: 0, by: -1) {
            var current = value
            for s in 0..<stateCount {
                var best = -Double.infinity
                for a in 0..<game.globalActions {
                    var q = 0.0
                    let pure: GlobalRule = { _, _, _ in (0..<game.globalActions).map { $0 == a ? 1 : 0 } }
                    step(t, s, global: pure, agents: agents) { s2, p, r, _ in q += p * (r + gamma * value[s2]) }
                    best = max(best, q)
                }
                current[s] = best
            }
            value = current
        }
        return zip(initialDistribution(), value).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The law of the global-state path (s_{g,0}, …, s_{g,H}) as a dictionary.
    func globalPathLaw(global: GlobalRule, agents: [LocalRule]) -> [[Int]: Double] {
        var dist: [[Int]: [Double]] = [:]
        for (s, p) in initialDistribution().enumerated() where p > 0 {
            dist[[decode(s).sg], default: [Double](repeating: 0, count: stateCount)][s] += p
        }
        for t in 0..<horizon {
            var next: [[Int]: [Double]] = [:]
            for (path, law) in dist {
                for s in 0..<stateCount where law[s] > 0 {
                    step(t, s, global: global, agents: agents) { s2, q, _, _ in
                        next[path + [decode(s2).sg], default: [Double](repeating: 0, count: stateCount)][s2] += law[s] * q
                    }
                }
            }
            dist = next
        }
        return dist.mapValues { $0.reduce(0, +) }
    }

    /// E[Σ_t γ^t r_l] of a ghost on `rule` riding the s_g paths of `paths` (it starts from `initial`
    /// and never influences s_g).
    func ghostReturn(_ rule: LocalRule, paths: [[Int]: Double]) -> Double {
        var total = 0.0
        for (path, p) in paths {
            var x = initial, value = 0.0, weight = 1.0
            for t in 0..<horizon {
                var next = [Double](repeating: 0, count: game.localStates)
                let read = game.localUsesNextGlobal ? path[t + 1] : path[t]
                for s in 0..<game.localStates where x[s] > 0 {
                    for (a, q) in rule(t, path[t], s).enumerated() where q > 0 {
                        value += weight * x[s] * q * game.rewardLocal(s, path[t], a)
                        for s2 in 0..<game.localStates { next[s2] += x[s] * q * game.pLocal(s, read, a, s2) }
                    }
                }
                x = next
                weight *= gamma
            }
            total += p * value
        }
        return total
    }

    /// Every deterministic rule on (t, s_g, s_l), as action tables `[t][s_g][s_l]`.
    func allDeterministicLocalRules() -> [[Int]] {
        let cells = horizon * game.globalStates * game.localStates
        let total = pow(game.localActions, cells)
        return (0..<total).map { code in
            var rest = code
            return (0..<cells).map { _ in defer { rest /= game.localActions }; return rest % game.localActions }
        }
    }

    /// The rule of a table from ``allDeterministicLocalRules()``.
    func rule(_ table: [Int]) -> LocalRule {
        { t, sg, sl in
            let a = table[(t * game.globalStates + sg) * game.localStates + sl]
            return (0..<game.localActions).map { $0 == a ? 1 : 0 }
        }
    }
}
