import Engine
import Foundation

extension LLearn {
    /// Value iteration on (s_g, s_l) to `tol` / `maxIterations`; V flat `[s_g][s_l]`, with the last
    /// sweep's largest change.
    func valueIteration(_ kernel: [Double]) -> (value: [Double], iterations: Int, residual: Double) {
        var v = [Double](repeating: 0, count: game.globalStates * game.localStates)
        var iterations = 0, residual = Double.infinity
        while iterations < options.maxIterations && !StopRequest.isRequested {
            let q = qValues(kernel, value: v)
            var next = v
            residual = 0
            for s in v.indices {
                let row = q[(s * game.localActions)..<((s + 1) * game.localActions)]
                next[s] = row.max() ?? 0
                residual = max(residual, abs(next[s] - v[s]))
            }
            v = next
            iterations += 1
            if residual < options.tol { break }
        }
        return (v, iterations, residual)
    }

    /// Finite-horizon backward induction over an episode of H steps, V_H = 0:
    ///
    ///   Q_t(s_g, s_l, a) = r_l(s_l, s_g, a) + γ Σ_{s_g'} K_t(s_g'|s_g, s_l) Σ_{s_l'} P_l(s_l' | s_l, s_g^T, a) V_{t+1}(s_g', s_l')
    ///   V_t              = max_a Q_t
    ///
    /// K_t is `kernels[t]` (the last one for later steps). The deployed policy is stationary, so the
    /// per-step Q_t are pooled with the weights the episode gives each step,
    ///   Q̄(s_g, s_l, a) = Σ_t w_t(s_g, s_l) Q_t(s_g, s_l, a) / Σ_t w_t(s_g, s_l),
    /// w_t = the γ^t-weighted occupancy of ``ClosedLoopKernel`` when given (`occupancy[t]`, flat
    /// `[s_g][s_l]`), else γ^t; a state with zero total weight takes Q_0. Returns Q̄ and V_0.
    func backwardInduction(_ kernels: [[Double]], horizon: Int, occupancy: [[Double]]?) -> (q: [Double], value: [Double]) {
        let states = game.globalStates * game.localStates, al = game.localActions
        var v = [Double](repeating: 0, count: states)
        var pooled = [Double](repeating: 0, count: states * al), total = [Double](repeating: 0, count: states)
        var first: [Double] = []
        for t in stride(from: horizon - 1, through: 0, by: -1) {
            let q = qValues(kernels[min(t, kernels.count - 1)], value: v)
            let discount = pow(gamma, Double(t))
            for s in 0..<states {
                let row = q[(s * al)..<((s + 1) * al)]
                v[s] = row.max() ?? 0
                let w = occupancy.map { t < $0.count ? $0[t][s] : 0 } ?? discount
                total[s] += w
                for a in 0..<al { pooled[s * al + a] += w * q[s * al + a] }
            }
            if t == 0 { first = q }
        }
        for s in 0..<states {
            for a in 0..<al { pooled[s * al + a] = total[s] > 0 ? pooled[s * al + a] / total[s] : first[s * al + a] }
        }
        return (pooled, v)
    }

    /// Q flat `[s_g][s_l][a_l]` from V: r_l + γ Σ_{s_g'} K Σ_{s_l'} P_l V (the type's equation), with
    /// the kernel K flat `[s_g][s_l][s_g']`.
    func qValues(_ kernel: [Double], value v: [Double]) -> [Double] {
        let g = game.globalStates, l = game.localStates, al = game.localActions
        var q = [Double](repeating: 0, count: g * l * al)
        for sg in 0..<g {
            for sl in 0..<l {
                let base = (sg * l + sl) * g
                for a in 0..<al {
                    var future = 0.0
                    for next in 0..<g where kernel[base + next] != 0 {
                        let row = game.localRow(sl, game.localUsesNextGlobal ? next : sg, a)
                        var inner = 0.0
                        for s2 in 0..<l { inner += game.localTransition[row + s2] * v[next * l + s2] }
                        future += kernel[base + next] * inner
                    }
                    q[(sg * l + sl) * al + a] = game.rewardLocal(sl, sg, a) + gamma * future
                }
            }
        }
        return q
    }

    /// The local policy of Q by ``Options/temperature``: softmax with tau = max(min, range / scale) per
    /// (s_g, s_l), or greedy.
    func extract(_ q: [Double]) -> LocalPolicyTable {
        let al = game.localActions
        var p = [Double](repeating: 0, count: q.count)
        for start in stride(from: 0, to: q.count, by: al) {
            let row = q[start..<(start + al)]
            let top = row.max() ?? 0, bottom = row.min() ?? 0
            switch options.temperature {
            case .greedy:
                let best = (0..<al).first { q[start + $0] >= top - 1e-9 * max(1, abs(top)) } ?? 0
                p[start + best] = 1
            case let .softmax(low, scale):
                let tau = max(low, (top - bottom) / scale)
                var total = 0.0
                for a in 0..<al {
                    p[start + a] = Foundation.exp((q[start + a] - top) / tau)
                    total += p[start + a]
                }
                for a in 0..<al { p[start + a] /= total }
            }
        }
        return LocalPolicyTable(kind: "l-learn", globalStates: game.globalStates, localStates: game.localStates,
                                actions: al, probabilities: p)
    }
}
