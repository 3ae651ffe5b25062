import Agents
import Engine

/// The external-policy protocol's time-series roles (``ExternalProtocol``, version 1), one message per
/// round carrying every client's numbers as flat lists (`[client][row][column]`, row-major):
///
/// - `role: "client"` (the forecaster population): each round t, `forecast` carries y_t, every client's
///   encoder output Z_i,t (the `z` list, N · d_y · d_z numbers), its current prediction Yhat_i,t, and the
///   mean-field the server broadcasts — the clients' mean prediction m_t (the reference of the cost's κ
///   term) and the mixture's prediction yhat_t. The answer `{"predictions": [N · d_y numbers]}` is every
///   client's Yhat_i,t+1; an optional `"controls": [N · d_z numbers]` gives the β_i the realized cost's
///   effort term γ |β_i|² scores (zero when absent, as for `persistence`).
/// - `role: "server"` (the mixture): each round t, `mix` carries y_t, the experts' predictions of y_t and
///   their predictions of y_t+1 (the N clients, then the persistence expert y_t−1 / y_t when
///   `mixture.persistence` is on). The answer `{"weights": [one per expert]}` is w_t; the simulator
///   mixes yhat_t+1 = Σ_i w_i,t Yhat_i,t+1 itself, so `mixtureRMSE` and the traces keep their meaning.
///   Weights may be any finite numbers (the built-in `ridge` gives negative weights and sums η).
///
/// In both roles `episode` opens every episode and, right after each answer of round t, `outcome`
/// (no answer) carries the realized y_t+1 and every client's (expert's) squared error |Yhat_i,t+1 − y_t+1|²
/// on it, so an external learner can learn online; the last episode's last outcome precedes `end`.
extension ExternalProtocol {
    /// The seed of a time-series role: the run's seed mixed as for the other roles (``seed(for:)``).
    static func seed(runSeed: UInt64) -> UInt64 { mix64(runSeed ^ 0x6578_7465_726E_616C) & ((1 << 53) - 1) }

    /// The sizes every time-series hello shares.
    struct SeriesRun {
        var policy: String, world: String, seed: UInt64, clients: Int, rounds: Int, episodes: Int
        /// d_y and d_z.
        var targets: Int, latentWidth: Int
    }

    private static func helloHead(role: String, _ run: SeriesRun) -> String {
        "{\"type\":\"hello\",\"protocol\":\(JSONText.string(name)),\"version\":\(version),\"policy\":\(JSONText.string(run.policy)),"
            + "\"role\":\"\(role)\",\"world\":\(JSONText.string(run.world)),\"seed\":\(seed(runSeed: run.seed)),"
            + "\"n\":\(run.clients),\"rounds\":\(run.rounds),\"episodes\":\(run.episodes),"
    }

    private static func list(_ length: Int, shape: [Int]) -> String {
        "{\"length\":\(length),\"shape\":[" + shape.map(String.init).joined(separator: ",") + "]}"
    }

    /// The client role's hello: sizes, the realized cost's weights, and the shapes of its lists.
    static func clientHello(_ run: SeriesRun, cost: CostWeights) -> String {
        let n = run.clients, dy = run.targets, dz = run.latentWidth
        return helloHead(role: "client", run)
            + "\"cost\":{\"q\":\(JSONText.number(cost.q)),\"kappa\":\(JSONText.number(cost.kappa)),"
            + "\"lambda\":\(JSONText.number(cost.lambda)),\"gamma\":\(JSONText.number(cost.gamma))},"
            + "\"observation\":{\"y\":\(list(dy, shape: [dy])),\"z\":\(list(n * dy * dz, shape: [n, dy, dz])),"
            + "\"predictions\":\(list(n * dy, shape: [n, dy])),\"meanPrediction\":\(list(dy, shape: [dy])),"
            + "\"serverPrediction\":\(list(dy, shape: [dy]))},"
            + "\"action\":{\"predictions\":\(list(n * dy, shape: [n, dy])),\"controls\":\(list(n * dz, shape: [n, dz]))}}"
    }

    /// The server role's hello: sizes, whether the persistence expert weighs in, the shapes of its lists.
    static func serverHello(_ run: SeriesRun, persistenceExpert: Bool) -> String {
        let experts = run.clients + (persistenceExpert ? 1 : 0), dy = run.targets
        return helloHead(role: "server", run) + "\"persistenceExpert\":\(persistenceExpert),"
            + "\"observation\":{\"y\":\(list(dy, shape: [dy])),\"predictions\":\(list(experts * dy, shape: [experts, dy])),"
            + "\"next\":\(list(experts * dy, shape: [experts, dy]))},"
            + "\"action\":{\"weights\":\(list(experts, shape: [experts]))}}"
    }

    /// The client role's decision of round t.
    static func forecast(episode: Int, round t: Int, y: [Double], z: [Double], predictions: [Double],
                         meanPrediction: [Double], serverPrediction: [Double]) -> String {
        var bytes = Array("{\"type\":\"forecast\",\"episode\":\(episode),\"round\":\(t),".utf8)
        bytes.reserveCapacity(24 * (z.count + predictions.count) + 256)
        append("y", y, to: &bytes)
        append("z", z, to: &bytes)
        append("predictions", predictions, to: &bytes)
        append("meanPrediction", meanPrediction, to: &bytes)
        append("serverPrediction", serverPrediction, to: &bytes, last: true)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The server role's decision of round t.
    static func mix(episode: Int, round t: Int, y: [Double], predictions: [Double], next: [Double]) -> String {
        var bytes = Array("{\"type\":\"mix\",\"episode\":\(episode),\"round\":\(t),".utf8)
        bytes.reserveCapacity(24 * (predictions.count + next.count) + 128)
        append("y", y, to: &bytes)
        append("predictions", predictions, to: &bytes)
        append("next", next, to: &bytes, last: true)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What round t's answer earned once y_t+1 is known: y_t+1 and each answer's squared error on it,
    /// |Yhat_i,t+1 − y_t+1|² summed over the dimensions in order (as the simulator scores it).
    static func outcome(episode: Int, round: Int, y: [Double], predictions: [Double]) -> String {
        let dy = y.count
        var losses = [Double](repeating: 0, count: predictions.count / max(dy, 1))
        for i in losses.indices {
            var own = 0.0
            for d in 0..<dy {
                let e = predictions[i * dy + d] - y[d]
                own += e * e
            }
            losses[i] = own
        }
        var bytes = Array("{\"type\":\"outcome\",\"episode\":\(episode),\"round\":\(round),".utf8)
        bytes.reserveCapacity(24 * losses.count + 128)
        append("y", y, to: &bytes)
        append("losses", losses, to: &bytes, last: true)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `"key":[v,…],` (or `…]}` when `last`), each number in its shortest form that reads back exactly.
    private static func append(_ key: String, _ values: [Double], to bytes: inout [UInt8], last: Bool = false) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: key.utf8)
        bytes.append(contentsOf: "\":[".utf8)
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            if value.isFinite {
                bytes.append(contentsOf: value.description.utf8)
            } else {
                bytes.append(contentsOf: "null".utf8)
            }
        }
        bytes.append(contentsOf: last ? "]}".utf8 : "],".utf8)
    }
}
