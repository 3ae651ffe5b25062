import Engine
@testable import Agents

/// Small random games for exhaustive checks, drawn from a fixed `learner` stream so every run sees the
/// same tables.
enum TinyGames {
    /// A random game with the given sizes; rows are normalized Dirichlet(1) draws, rewards uniform in [0, 5).
    static func random(seed: UInt64, globalStates: Int = 2, globalActions: Int = 2, localStates: Int = 3,
                       localActions: Int = 2, localUsesNextGlobal: Bool = false) -> TabularGame {
        var random = RandomStream(seed: seed, .learner).generator(agent: -7, step: 0)
        func rows(_ count: Int, width: Int) -> [Double] {
            var out: [Double] = []
            var row = [Double](repeating: 0, count: width)
            for _ in 0..<count {
                random.dirichlet([Double](repeating: 1, count: width), into: &row)
                out += row
            }
            return out
        }
        let pg = rows(globalStates * globalActions, width: globalStates)
        let pl = rows(localStates * globalStates * localActions, width: localStates)
        let rg = (0..<(globalStates * globalActions)).map { _ in 5 * random.uniform() }
        let rl = (0..<(localStates * globalStates * localActions)).map { _ in 5 * random.uniform() }
        return TabularGame(globalStates: globalStates, globalActions: globalActions, localStates: localStates,
                           localActions: localActions, globalTransition: pg, localTransition: pl,
                           globalReward: rg, localReward: rl, localUsesNextGlobal: localUsesNextGlobal)
    }

    /// A random (non-uniform) local policy for `game`.
    static func localPolicy(seed: UInt64, for game: TabularGame) -> LocalPolicyTable {
        var random = RandomStream(seed: seed, .learner).generator(agent: -8, step: 0)
        var p: [Double] = []
        var row = [Double](repeating: 0, count: game.localActions)
        for _ in 0..<(game.globalStates * game.localStates) {
            random.dirichlet([Double](repeating: 1, count: game.localActions), into: &row)
            p += row
        }
        return LocalPolicyTable(kind: "test", globalStates: game.globalStates, localStates: game.localStates,
                                actions: game.localActions, probabilities: p)
    }
}
