import Foundation

/// The reference multi-robot task of the module README, "Tabular mean-field game": zones on a ring, the
/// global agent steers to a zone, local robots stay or step ±1. Every constant is a parameter; the defaults
/// reproduce `../shared/data/ring-zones/tables.json` (the paper's reference implementation).
public struct RingZones: Sendable, Equatable {
    /// Number of zones (= |S_g| = |A_g| = |S_l|). Default 5.
    public var zones = 5
    /// P_g logits: bonus on the target zone a_g, on the current zone s_g, and everywhere.
    public var globalTargetLogit = 3.0, globalCurrentLogit = 0.5, globalFloorLogit = 0.1
    /// P_l logits: floor everywhere, bonus on the current position, on the neighbour the action points
    /// to (stay points to none), and on the global zone s_g.
    public var localFloorLogit = 0.1, localCurrentLogit = 3.5, localNeighbourLogit = 1.5, localGlobalLogit = 0.3
    /// r_g for every (s_g, a_g).
    public var globalRewardValue = 1.0
    /// r_l = `matchReward` when s_l = s_g, else `nearReward / (1 + ring distance)`; plus the action bonus.
    public var matchReward = 10.0, nearReward = 2.0
    /// Reward bonus per local action (stay, +1, -1).
    public var actionBonus = [0.0, 0.5, -0.3]
    /// Concentration of the per-episode Dirichlet initial local distribution.
    public var dirichletAlpha = 0.3

    /// The defaults.
    public init() {}

    /// Ring distance between zones a and b.
    public func ringDistance(_ a: Int, _ b: Int) -> Int {
        let d = abs(a - b) % zones
        return min(d, zones - d)
    }

    /// The game tables (P_g, P_l, r_g, r_l) as the module README defines them, with softmax over logits.
    public func game(localUsesNextGlobal: Bool = false) -> TabularGame {
        let z = zones
        var pg = [Double](), pl = [Double](), rg = [Double](), rl = [Double]()
        pg.reserveCapacity(z * z * z)
        for sg in 0..<z {
            for ag in 0..<z {
                var logits = [Double](repeating: globalFloorLogit, count: z)
                logits[ag] += globalTargetLogit
                logits[sg] += globalCurrentLogit
                pg += Self.softmax(logits)
                rg.append(globalRewardValue)
            }
        }
        for sl in 0..<z {
            for sg in 0..<z {
                for al in 0..<3 {
                    var logits = [Double](repeating: localFloorLogit, count: z)
                    logits[sl] += localCurrentLogit
                    if al == 1 { logits[(sl + 1) % z] += localNeighbourLogit }
                    if al == 2 { logits[(sl + z - 1) % z] += localNeighbourLogit }
                    logits[sg] += localGlobalLogit
                    pl += Self.softmax(logits)
                    let base = sl == sg ? matchReward : nearReward / Double(1 + ringDistance(sl, sg))
                    rl.append(base + actionBonus[al])
                }
            }
        }
        return TabularGame(globalStates: z, globalActions: z, localStates: z, localActions: 3,
                           globalTransition: pg, localTransition: pl, globalReward: rg, localReward: rl,
                           localUsesNextGlobal: localUsesNextGlobal)
    }

    /// Numerically stable softmax (max subtracted), as numpy's reference code computes it.
    static func softmax(_ logits: [Double]) -> [Double] {
        let top = logits.max() ?? 0
        let e = logits.map { Foundation.exp($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }
}
