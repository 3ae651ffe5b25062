import Engine
import Foundation

/// The tabular abstraction of the federated world that the ALTERNATING-MARL learners solve (the module
/// README, "Federated optimization"): local state = the bin of a client's loss f_i(w), global state = the bin
/// of the excess loss F(w) - F*, global actions = server steps η_g, local actions = local step sizes. Bins
/// are equal in log10 between the ends of each range (values outside go to the end bins).
///
/// P_g, P_l, r_g and r_l are estimated from simulated synchronous rounds with uniformly random actions,
/// drawn from the `learner` stream: `runs` training runs of `rounds` rounds from w = 0. Rewards are
/// -log10 of the loss after the round (r_g: excess loss, r_l: the client's loss), floored at 1e-12.
/// A row never visited stays put (P = 1 on its own bin) and earns its bin's centre reward.
public struct FedOptAbstraction: Sendable, Equatable {
    /// Bins of the excess loss and of the client losses.
    public var globalBins = 4, localBins = 3
    /// [low, high] of the excess loss and of the client losses.
    public var globalRange = [1e-3, 1e2], localRange = [1e-2, 1e2]
    /// η_g levels (global actions) and local step sizes (local actions).
    public var serverRates = [0.5, 1.0, 1.5], localStepSizes = [0.01, 0.03, 0.05]
    /// Simulated training runs and rounds per run.
    public var runs = 30, rounds = 40

    /// The defaults.
    public init() {}

    /// The global state of an excess loss.
    public func globalBin(_ excess: Double) -> Int { Self.bin(excess, range: globalRange, bins: globalBins) }
    /// The local state of a client loss.
    public func localBin(_ loss: Double) -> Int { Self.bin(loss, range: localRange, bins: localBins) }

    /// The game before any round is simulated: every row stays put with its bin's centre reward. It has
    /// the abstraction's dimensions, which is all validation needs before the real estimate.
    public func unestimatedGame() -> TabularGame { Tally(self).game() }

    /// Equal bins of log10 between the range's ends.
    static func bin(_ value: Double, range: [Double], bins: Int) -> Int {
        let low = Foundation.log10(range[0]), high = Foundation.log10(range[1])
        let x = (Foundation.log10(max(value, 1e-300)) - low) / (high - low) * Double(bins)
        guard x.isFinite else { return x > 0 ? bins - 1 : 0 }  // NaN (a diverged run) goes to the first bin
        return min(bins - 1, max(0, Int(min(max(x, -1), Double(bins)).rounded(.down))))
    }

    /// -log10 of a loss, floored at 1e-12: the reward scale of the abstraction.
    public static func reward(_ loss: Double) -> Double { -Foundation.log10(max(loss, 1e-12)) }

    /// The reward of staying in bin `b` of `range`: -log10 of the bin's geometric centre.
    static func centreReward(_ b: Int, range: [Double], bins: Int) -> Double {
        let low = Foundation.log10(range[0]), high = Foundation.log10(range[1])
        return -(low + (Double(b) + 0.5) * (high - low) / Double(bins))
    }

    /// The estimated game for `problem` with k clients per round and E local steps; the same `seed`
    /// always gives the same tables.
    /// Polls ``StopRequest`` every round (this is training: a caller that sees the request discards the
    /// tables).
    /// - Complexity: O(runs · rounds · (k · E · d + n · d)).
    public func game(problem: FedOptProblem, k: Int, localSteps: Int, seed: UInt64) -> TabularGame {
        var tally = Tally(self)
        let stream = RandomStream(seed: seed, .learner)
        var sampler = SubsampleSampler(k: k, n: problem.clients)
        for run in 0..<runs where !StopRequest.isRequested {
            var w = [Double](repeating: 0, count: problem.dimension)
            for round in 0..<rounds where !StopRequest.isRequested {
                var cell = stream.generator(agent: run, step: round)
                sampler.draw(using: &cell)
                let sg = globalBin(problem.globalLoss(w) - problem.minimumLoss)
                let ag = cell.int(below: serverRates.count)
                var sum = [Double](repeating: 0, count: problem.dimension)
                var moves: [(client: Int, state: Int, action: Int)] = []
                for client in sampler.sample {
                    let al = cell.int(below: localStepSizes.count)
                    moves.append((client, localBin(problem.clientLoss(client, w)), al))
                    problem.addUpdate(client: client, from: w, stepSize: localStepSizes[al], steps: localSteps, into: &sum)
                }
                for j in w.indices { w[j] += serverRates[ag] * sum[j] / Double(k) }
                let excess = problem.globalLoss(w) - problem.minimumLoss
                tally.global(sg, ag, next: globalBin(excess), reward: Self.reward(excess))
                for move in moves {
                    let loss = problem.clientLoss(move.client, w)
                    tally.local(move.state, sg, move.action, next: localBin(loss), reward: Self.reward(loss))
                }
            }
        }
        return tally.game()
    }

    /// Transition counts and reward sums of the simulated rounds.
    private struct Tally {
        let shape: FedOptAbstraction
        var pg: [Double], rg: [Double], ng: [Double], pl: [Double], rl: [Double], nl: [Double]

        init(_ shape: FedOptAbstraction) {
            self.shape = shape
            let (g, ag, l, al) = (shape.globalBins, shape.serverRates.count, shape.localBins, shape.localStepSizes.count)
            pg = [Double](repeating: 0, count: g * ag * g)
            rg = [Double](repeating: 0, count: g * ag)
            ng = rg
            pl = [Double](repeating: 0, count: l * g * al * l)
            rl = [Double](repeating: 0, count: l * g * al)
            nl = rl
        }

        mutating func global(_ sg: Int, _ ag: Int, next: Int, reward: Double) {
            let row = sg * shape.serverRates.count + ag
            pg[row * shape.globalBins + next] += 1
            rg[row] += reward
            ng[row] += 1
        }

        mutating func local(_ sl: Int, _ sg: Int, _ al: Int, next: Int, reward: Double) {
            let row = (sl * shape.globalBins + sg) * shape.localStepSizes.count + al
            pl[row * shape.localBins + next] += 1
            rl[row] += reward
            nl[row] += 1
        }

        /// Counts normalized into probabilities and mean rewards; unvisited rows stay put.
        func game() -> TabularGame {
            let (g, ag, l, al) = (shape.globalBins, shape.serverRates.count, shape.localBins, shape.localStepSizes.count)
            var pg = pg, rg = rg, pl = pl, rl = rl
            for row in 0..<(g * ag) {
                let sg = row / ag
                if ng[row] == 0 {
                    pg[row * g + sg] = 1
                    rg[row] = FedOptAbstraction.centreReward(sg, range: shape.globalRange, bins: g)
                } else {
                    for j in 0..<g { pg[row * g + j] /= ng[row] }
                    rg[row] /= ng[row]
                }
            }
            for row in 0..<(l * g * al) {
                let sl = row / (g * al)
                if nl[row] == 0 {
                    pl[row * l + sl] = 1
                    rl[row] = FedOptAbstraction.centreReward(sl, range: shape.localRange, bins: l)
                } else {
                    for j in 0..<l { pl[row * l + j] /= nl[row] }
                    rl[row] /= nl[row]
                }
            }
            return TabularGame(globalStates: g, globalActions: ag, localStates: l, localActions: al,
                               globalTransition: pg, localTransition: pl, globalReward: rg, localReward: rl)
        }
    }
}
