extension GLearn {
    /// G-LEARN's solution with its action values: one Bellman backup of the converged V (the equation
    /// of the type),
    ///
    ///   Q(s_g, c, a_g) = r_g(s_g, a_g) + (1/k) Σ_j c_j r~_l(j, s_g)
    ///                    + γ Σ_{s_g'} P_g(s_g' | s_g, a_g) Σ_{c'} T(c' | s_g, s_g', c) V(s_g', c'),
    ///
    /// flat `[s_g][rank][a_g]`, the layout of ``SubsampleMFQ``'s Q (its warm start). max_a Q = V up to
    /// the solver's `tol`.
    /// - Complexity: one solve plus one backup, O(|S_g| · entries · |S_g| · |A_g|).
    public func actionValues(localPolicy: LocalPolicyTable, k: Int) -> (result: Result, q: [Double]) {
        let space = CountVectorSpace(k: k, states: game.localStates)
        let dynamics = InducedLocalDynamics(game: game, policy: localPolicy)
        let table = CountTransitionTable(space: space, dynamics: dynamics, method: options.method)
        let result = solve(table: table, dynamics: dynamics)
        let g = game.globalStates, ag = game.globalActions, size = space.count
        let local = Self.localReward(space: space, dynamics: dynamics)
        var q = [Double](repeating: 0, count: g * size * ag)
        var w = [Double](repeating: 0, count: g)
        for sg in 0..<g {
            for c in 0..<size {
                // w[s_g'] = Σ_{c'} T(c' | s_g, s_g', c) V(s_g', c')
                for s2 in 0..<g {
                    let row = table.keysPerGlobal == 1 ? sg * size + c : (sg * g + s2) * size + c
                    var total = 0.0
                    for e in table.rowStart[row]..<table.rowStart[row + 1] {
                        total += table.probability[e] * result.value[s2 * size + Int(table.successor[e])]
                    }
                    w[s2] = total
                }
                for a in 0..<ag {
                    var future = 0.0
                    for s2 in 0..<g { future += game.pGlobal(sg, a, s2) * w[s2] }
                    q[(sg * size + c) * ag + a] = game.rewardGlobal(sg, a) + local[sg * size + c] + gamma * future
                }
            }
        }
        return (result, q)
    }
}
