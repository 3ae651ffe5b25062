/// The local chain and reward induced by a fixed local policy (the module README, "Tabular mean-field game",
/// G-LEARN): with a_l ~ pi_l(· | s_g, s_l),
///
///   P~_l(s_l' | s_l, s_g, s_g^T) = Σ_a pi_l(a | s_g, s_l) P_l(s_l' | s_l, s_g^T, a)
///   r~_l(s_l, s_g)              = Σ_a pi_l(a | s_g, s_l) r_l(s_l, s_g, a)
///
/// where s_g^T, the global state the local transition reads, is s_g (the equations) or s_g' when
/// ``TabularGame/localUsesNextGlobal`` is set (the paper's reference implementation).
public struct InducedLocalDynamics: Sendable {
    /// |S_g|, |S_l|.
    public let globalStates: Int, localStates: Int
    /// Whether ``transition`` depends on s_g' (then G-LEARN needs one count transition per s_g').
    public let dependsOnNextGlobal: Bool
    /// P~_l flat `[s_g][s_g'][s_l][s_l']`; when the game reads s_g, the s_g' slices are equal.
    public let transition: [Double]
    /// r~_l flat `[s_g][s_l]`.
    public let reward: [Double]

    /// Marginalizes `game`'s local transition and reward over `policy`.
    /// - Precondition: `policy.fits(game)`.
    public init(game: TabularGame, policy: LocalPolicyTable) {
        precondition(policy.fits(game), "pi_l shape does not match the game")
        let g = game.globalStates, l = game.localStates
        globalStates = g
        localStates = l
        dependsOnNextGlobal = game.localUsesNextGlobal
        var p = [Double](repeating: 0, count: g * g * l * l)
        var r = [Double](repeating: 0, count: g * l)
        for sg in 0..<g {
            for sl in 0..<l {
                for a in 0..<game.localActions {
                    let w = policy.probability(sg, sl, a)
                    r[sg * l + sl] += w * game.rewardLocal(sl, sg, a)
                    for next in 0..<g {
                        let read = game.localUsesNextGlobal ? next : sg
                        let row = game.localRow(sl, read, a), out = ((sg * g + next) * l + sl) * l
                        for s2 in 0..<l { p[out + s2] += w * game.localTransition[row + s2] }
                    }
                }
            }
        }
        transition = p
        reward = r
    }

    /// Offset of the row P~_l(· | s_l, s_g, s_g').
    @inlinable public func row(_ sg: Int, _ nextGlobal: Int, _ sl: Int) -> Int {
        ((sg * globalStates + nextGlobal) * localStates + sl) * localStates
    }
}
