import Foundation
import Engine

extension SubsampleMFQ {
    /// The mutable state of one training run: the k-agent system and the Q table.
    struct Trainer {
        let game: TabularGame, gamma: Double, options: Options, k: Int
        let space: CountVectorSpace
        let localCumulative: [Double], globalCumulative: [Double], localTransitionCumulative: [Double]
        let stream: RandomStream
        var q: [Double], visits: [Int32], updates = 0
        /// Σ |TD error| and updates since the last ``takeMeanError()``.
        var errorSum = 0.0, errorCount = 0
        var agents: [Int], nextAgents: [Int], actionsTaken: [Int], counts: [Int]

        init(game: TabularGame, gamma: Double, options: Options, localPolicy: LocalPolicyTable, k: Int) {
            self.game = game
            self.gamma = gamma
            self.options = options
            self.k = k
            space = CountVectorSpace(k: k, states: game.localStates)
            localCumulative = localPolicy.cumulative
            globalCumulative = TabularStepKernel.cumulativeRows(game.globalTransition, width: game.globalStates)
            localTransitionCumulative = TabularStepKernel.cumulativeRows(game.localTransition,
                                                                            width: game.localStates)
            stream = RandomStream(seed: options.seed, .learner)
            let cells = game.globalStates * space.count * game.globalActions
            q = [Double](repeating: options.initialQ, count: cells)
            visits = [Int32](repeating: 0, count: cells)
            agents = [Int](repeating: 0, count: k)
            nextAgents = agents
            actionsTaken = agents
            counts = [Int](repeating: 0, count: game.localStates)
        }

        /// The greedy action of state x = s_g · count + rank (ties: lowest).
        func greedy(_ x: Int) -> Int {
            let base = x * game.globalActions
            var best = 0
            for a in 1..<game.globalActions where q[base + a] > q[base + best] { best = a }
            return best
        }

        /// The acting action of trajectory sampling: Q plus the count-based bonus β / √(1 + N), ties lowest.
        func exploring(_ x: Int) -> Int {
            guard options.explorationBonus > 0 else { return greedy(x) }
            let base = x * game.globalActions
            func score(_ a: Int) -> Double {
                q[base + a] + options.explorationBonus / (1 + Double(visits[base + a])).squareRoot()
            }
            var best = 0
            for a in 1..<game.globalActions where score(a) > score(best) { best = a }
            return best
        }

        /// The number of states (s_g, counts) with at least one update.
        func visitedStates() -> Int {
            let ag = game.globalActions
            return (0..<(visits.count / ag)).reduce(0) { total, x in
                total + ((0..<ag).contains { visits[x * ag + $0] > 0 } ? 1 : 0)
            }
        }

        /// The mean |TD error| since the last call (0 when there was no update), then resets it.
        mutating func takeMeanError() -> Double {
            defer { (errorSum, errorCount) = (0, 0) }
            return errorCount == 0 ? 0 : errorSum / Double(errorCount)
        }

        /// The rank of the current k agents' count vector.
        mutating func rankOfAgents() -> Int {
            for s in counts.indices { counts[s] = 0 }
            for s in agents { counts[s] += 1 }
            return space.rank(counts)
        }

        /// One episode: initial draw, then `horizon` ε-greedy steps with a Q update each.
        mutating func runEpisode(_ episode: Int) {
            var random = stream.generator(agent: episode, step: 0)
            var sg = random.int(below: game.globalStates)
            var mu = options.initialDistribution ?? [Double](repeating: 0, count: game.localStates)
            if options.initialDistribution == nil {
                random.dirichlet([Double](repeating: options.dirichletAlpha, count: game.localStates), into: &mu)
            }
            let cdf = TabularStepKernel.cumulativeRows(mu, width: mu.count)
            for i in 0..<k { agents[i] = random.categorical(cumulative: cdf) }
            var x = sg * space.count + rankOfAgents()
            for _ in 0..<options.horizon {
                let a = random.uniform() < options.epsilon ? random.int(below: game.globalActions) : exploring(x)
                let (reward, nextGlobal) = step(sg, a, &random)
                let next = nextGlobal * space.count + rankOfAgents()
                update(x, a, reward: reward, next: next)
                sg = nextGlobal
                x = next
            }
        }

        /// Moves the k-agent system one step.
        mutating func step(_ sg: Int, _ a: Int, _ random: inout CounterRandom) -> (Double, Int) {
            let al = game.localActions, l = game.localStates
            var local = 0.0
            for i in 0..<k {
                let row = (sg * l + agents[i]) * al
                actionsTaken[i] = random.categorical(cumulative: localCumulative[row..<(row + al)])
                local += game.rewardLocal(agents[i], sg, actionsTaken[i])
            }
            let reward = game.rewardGlobal(sg, a) + local / Double(k)
            let grow = game.globalRow(sg, a)
            let nextGlobal = random.categorical(cumulative: globalCumulative[grow..<(grow + game.globalStates)])
            let read = game.localUsesNextGlobal ? nextGlobal : sg
            for i in 0..<k {
                let row = game.localRow(agents[i], read, actionsTaken[i])
                nextAgents[i] = random.categorical(cumulative: localTransitionCumulative[row..<(row + l)])
            }
            swap(&agents, &nextAgents)
            return (reward, nextGlobal)
        }

        /// One generative round: one sampled transition from every (s_g, counts, a_g), in state order.
        mutating func runRound(_ round: Int) {
            let l = game.localStates, al = game.localActions, ag = game.globalActions
            var listed = [Int](repeating: 0, count: k)
            for x in 0..<(game.globalStates * space.count) {
                let sg = x / space.count
                space.unrank(x % space.count, into: &counts)
                var i = 0
                for s in 0..<l { for _ in 0..<counts[s] { listed[i] = s; i += 1 } }
                var random = stream.generator(agent: x, step: round + 1)
                var local = 0.0
                for i in 0..<k {
                    let row = (sg * l + listed[i]) * al
                    actionsTaken[i] = random.categorical(cumulative: localCumulative[row..<(row + al)])
                    local += game.rewardLocal(listed[i], sg, actionsTaken[i])
                }
                var shared = -1
                if !game.localUsesNextGlobal { shared = moveListed(listed, read: sg, &random) }
                for a in 0..<ag {
                    let grow = game.globalRow(sg, a)
                    let nextGlobal = random.categorical(cumulative: globalCumulative[grow..<(grow + game.globalStates)])
                    let rank = shared >= 0 ? shared : moveListed(listed, read: nextGlobal, &random)
                    update(x, a, reward: game.rewardGlobal(sg, a) + local / Double(k), next: nextGlobal * space.count + rank)
                }
            }
        }

        /// Moves the listed agents (actions in `actionsTaken`) reading global state `read`; returns the
        /// rank of their next count vector.
        mutating func moveListed(_ listed: [Int], read: Int, _ random: inout CounterRandom) -> Int {
            let l = game.localStates
            for s in 0..<l { counts[s] = 0 }
            for i in 0..<k {
                let row = game.localRow(listed[i], read, actionsTaken[i])
                counts[random.categorical(cumulative: localTransitionCumulative[row..<(row + l)])] += 1
            }
            return space.rank(counts)
        }

        /// The Q-learning update with the visit-count learning rate.
        mutating func update(_ x: Int, _ a: Int, reward: Double, next: Int) {
            let cell = x * game.globalActions + a
            visits[cell] += 1
            let rate = 1.0 / Foundation.pow(Double(visits[cell]), options.learningRateExponent)
            let target = reward + gamma * q[next * game.globalActions + greedy(next)]
            errorSum += abs(target - q[cell])
            errorCount += 1
            q[cell] += rate * (target - q[cell])
            updates += 1
        }
    }
}
