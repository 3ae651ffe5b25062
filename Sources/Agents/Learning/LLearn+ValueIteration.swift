import Engine
import Foundation

extension LLearn {
    /// Value iteration on (s_g, s_l) to `tol` / `maxIterations`; V flat `[s_g][s_l]`.
    func valueIteration(_ effective: [Double]) -> (value: [Double], iterations: Int) {
        var v = [Double](repeating: 0, count: game.globalStates * game.localStates)
        var iterations = 0
        while iterations < options.maxIterations && !StopRequest.isRequested {
            let q = qValues(effective, value: v)
            var next = v, residual = 0.0
            for s in v.indices {
                let row = q[(s * game.localActions)..<((s + 1) * game.localActions)]
                next[s] = row.max() ?? 0
                residual = max(residual, abs(next[s] - v[s]))
            }
            v = next
            iterations += 1
            if residual < options.tol { break }
        }
        return (v, iterations)
    }

    /// Q flat `[s_g][s_l][a_l]` from V: r_l + γ Σ_{s_g'} P_g_eff Σ_{s_l'} P_l V (the equation above).
    func qValues(_ effective: [Double], value v: [Double]) -> [Double] {
        let g = game.globalStates, l = game.localStates, al = game.localActions
        var q = [Double](repeating: 0, count: g * l * al)
        for sg in 0..<g {
            for sl in 0..<l {
                for a in 0..<al {
                    var future = 0.0
                    for next in 0..<g where effective[sg * g + next] != 0 {
                        let row = game.localRow(sl, game.localUsesNextGlobal ? next : sg, a)
                        var inner = 0.0
                        for s2 in 0..<l { inner += game.localTransition[row + s2] * v[next * l + s2] }
                        future += effective[sg * g + next] * inner
                    }
                    q[(sg * l + sl) * al + a] = game.rewardLocal(sl, sg, a) + gamma * future
                }
            }
        }
        return q
    }

    /// The softmax policy of Q with tau = max(tauMin, range / tauScale) per (s_g, s_l).
    func softmax(_ q: [Double]) -> LocalPolicyTable {
        let al = game.localActions
        var p = [Double](repeating: 0, count: q.count)
        for start in stride(from: 0, to: q.count, by: al) {
            let row = q[start..<(start + al)]
            let top = row.max() ?? 0, bottom = row.min() ?? 0
            let tau = max(options.tauMin, (top - bottom) / options.tauScale)
            var total = 0.0
            for a in 0..<al {
                p[start + a] = Foundation.exp((q[start + a] - top) / tau)
                total += p[start + a]
            }
            for a in 0..<al { p[start + a] /= total }
        }
        return LocalPolicyTable(kind: "l-learn", globalStates: game.globalStates, localStates: game.localStates,
                                actions: al, probabilities: p)
    }
}
