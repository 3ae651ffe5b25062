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
            q = [Double](repeating: 0, count: cells)
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
                let a = random.uniform() < options.epsilon ? random.int(below: game.globalActions) : greedy(x)
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

        /// The Q-learning update with the visit-count learning rate.
        mutating func update(_ x: Int, _ a: Int, reward: Double, next: Int) {
            let cell = x * game.globalActions + a
            visits[cell] += 1
            let rate = 1.0 / Foundation.pow(Double(visits[cell]), options.learningRateExponent)
            let target = reward + gamma * q[next * game.globalActions + greedy(next)]
            q[cell] += rate * (target - q[cell])
            updates += 1
        }
    }
}
