/// The Bellman sweep of G-LEARN over raw buffers (README.md, "Performance": k = 30 on ring-zones,
/// 5 × 46,376 states, in under 0.5 s).
///
/// Goals, in order: (1) exactly the Jacobi update of ``GLearn``'s equation; (2) no allocation and no
/// bounds checks inside a sweep; (3) independent accumulators, so the |A_g| dot products of a state run
/// in parallel in the pipeline instead of one long dependency chain.
///
/// A final class only to own manually allocated buffers (freed in `deinit`); it never escapes
/// ``GLearn/solve(table:dynamics:warmStart:)``.
final class GLearnKernel {
    let g: Int, ag: Int, size: Int, gamma: Double, shared: Bool
    let rowStart: UnsafeMutableBufferPointer<Int>, successor: UnsafeMutableBufferPointer<Int32>
    let probability: UnsafeMutableBufferPointer<Double>
    /// Actions in blocks of 8 lanes: `chunks` = ceil(|A_g| / 8).
    let chunks: Int
    /// P_g transposed to `[s_g][s_g'][chunk]` as 8-lane vectors over a_g (padding lanes 0), so the s_g'
    /// loop multiplies one register of actions at a time.
    let transposed: UnsafeMutableBufferPointer<SIMD8<Double>>
    /// r_g as `[s_g][chunk]` vectors; padding lanes -inf so they never win the max.
    let globalReward: UnsafeMutableBufferPointer<SIMD8<Double>>
    let localReward: UnsafeMutableBufferPointer<Double>
    /// V count-major `[rank][s_g]`, the sweep's output, and the greedy actions `[s_g][rank]`.
    var value: UnsafeMutableBufferPointer<Double>, next: UnsafeMutableBufferPointer<Double>
    let actions: UnsafeMutableBufferPointer<Int32>
    let w: UnsafeMutableBufferPointer<Double>

    /// A kernel over all count vectors of `table`.
    convenience init(game: TabularGame, gamma: Double, table: CountTransitionTable, localReward: [Double]) {
        self.init(game: game, gamma: gamma, size: table.space.count, keysPerGlobal: table.keysPerGlobal,
                  rows: (table.rowStart, table.successor, table.probability), localReward: localReward)
    }

    /// A kernel over `size` count vectors numbered 0..<size, with rows laid out as in
    /// ``CountTransitionTable`` (row `(s_g * keysPerGlobal + j) * size + c`).
    init(game: TabularGame, gamma: Double, size: Int, keysPerGlobal: Int,
         rows: (rowStart: [Int], successor: [Int32], probability: [Double]), localReward: [Double]) {
        g = game.globalStates
        ag = game.globalActions
        self.size = size
        self.gamma = gamma
        shared = keysPerGlobal == 1
        rowStart = .copy(rows.rowStart)
        successor = .copy(rows.successor)
        probability = .copy(rows.probability)
        chunks = (ag + 7) / 8
        var t = [SIMD8<Double>](repeating: .zero, count: g * g * chunks)
        var r = [SIMD8<Double>](repeating: SIMD8(repeating: -.infinity), count: g * chunks)
        for sg in 0..<g {
            for a in 0..<ag {
                r[sg * chunks + a / 8][a % 8] = game.rewardGlobal(sg, a)
                for s2 in 0..<g { t[(sg * g + s2) * chunks + a / 8][a % 8] = game.pGlobal(sg, a, s2) }
            }
        }
        transposed = .copy(t)
        globalReward = .copy(r)
        self.localReward = .copy(localReward)
        value = .copy([Double](repeating: 0, count: g * size))
        next = .copy([Double](repeating: 0, count: g * size))
        actions = .copy([Int32](repeating: 0, count: g * size))
        w = .copy([Double](repeating: 0, count: g))
    }

    deinit {
        for buffer in [value, next, probability, localReward, w] { buffer.deallocate() }
        transposed.deallocate()
        globalReward.deallocate()
        rowStart.deallocate()
        successor.deallocate()
        actions.deallocate()
    }

    /// One Bellman backup of every s_g at the count ranks `ranks`; returns the smallest and largest
    /// V' - V (the MacQueen bounds of ``GLearn`` use both).
    ///
    /// Jacobi by default: reads ``value``, writes ``next``, then swaps them (ranks outside `ranks` must
    /// not be read, which holds when `ranks` is closed under T). `inPlace` writes into ``value`` itself,
    /// for ranks whose successors all lie outside `ranks`.
    func sweep(_ ranks: UnsafeBufferPointer<Int32>, inPlace: Bool = false) -> (low: Double, high: Double) {
        // Everything the loop reads is copied into locals first: class properties would be reloaded
        // (and `var` ones access-checked) on every use.
        let v = value, out = inPlace ? value : next, act = actions, wBuf = w
        let (g, ag, size, gamma, chunks) = (self.g, self.ag, self.size, self.gamma, self.chunks)
        let (start, succ, prob) = (rowStart, successor, probability)
        let (pt, rg, local) = (transposed, globalReward, localReward)
        var low = Double.infinity, high = -Double.infinity
        for sg in 0..<g {
            for rank in ranks {
                let c = Int(rank)
                // w[s_g'] = Σ_{c'} T(c' | s_g, s_g', c) V(s_g', c')
                for s2 in 0..<g {
                    let r = shared ? sg &* size &+ c : (sg &* g &+ s2) &* size &+ c
                    var total = 0.0
                    for e in start[r]..<start[r &+ 1] { total += prob[e] * v[Int(succ[e]) &* g &+ s2] }
                    wBuf[s2] = total
                }
                // q[a] = r_g(s_g, a) + γ Σ_{s_g'} P_g(s_g' | s_g, a) w[s_g'], eight actions per register;
                // the local reward is the same for every action and is added after the max.
                var best = 0, bestQ = -Double.infinity
                for chunk in 0..<chunks {
                    var acc = SIMD8<Double>.zero
                    for s2 in 0..<g { acc += pt[(sg &* g &+ s2) &* chunks &+ chunk] * wBuf[s2] }
                    acc = rg[sg &* chunks &+ chunk] + gamma * acc
                    // Branch-free argmax (first maximum wins): the winner is data-dependent, so a
                    // branch here would mispredict on most states.
                    for lane in 0..<Swift.min(8, ag &- chunk &* 8) {
                        let q = acc[lane], better = q > bestQ
                        best = better ? chunk &* 8 &+ lane : best
                        bestQ = better ? q : bestQ
                    }
                }
                let slot = c &* g &+ sg, updated = bestQ + local[sg &* size &+ c]
                let change = updated - v[slot]
                low = Swift.min(low, change)
                high = Swift.max(high, change)
                out[slot] = updated
                act[sg &* size &+ c] = Int32(best)
            }
        }
        if !inPlace { swap(&value, &next) }
        return (low, high)
    }
}

extension UnsafeMutableBufferPointer {
    /// A new buffer holding a copy of `array` (the caller deallocates it).
    static func copy(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: Swift.max(array.count, 1))
        _ = buffer.initialize(from: array)
        return buffer
    }
}
