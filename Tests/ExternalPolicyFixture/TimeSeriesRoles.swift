// The fixture's time-series roles, taken over from main.swift when the hello is a time-series world's
// (it gives `rounds`).
//
// As a client population it is the built-in `persistence` (every client predicts y_t), or with
// --greedy the built-in `greedy` (window 2, alpha 0.001, gamma 10; anchor replay), so runs must equal
// them byte for byte. As a server it is the built-in `hedge` mixture with learning rate 1 (or with
// --uniform the `uniform` one). Misbehaving on purpose:
//   --short          one prediction (weight) too few
//   --nan            NaN for client (expert) 0
//   --hang           never answers a decision
//   --exit-early     answers hello, then exits with status 3
//   --record FILE    behaves, and appends every line it receives to FILE
import Foundation

/// The numbers of the list `key` in a protocol line, read with `Double(_:)`, which rounds correctly (so
/// what the simulator printed comes back bit for bit).
func numbers(_ line: String, _ key: String) -> [Double] {
    guard let start = line.range(of: "\"\(key)\":[") else { return [] }
    let rest = line[start.upperBound...]
    guard let end = rest.firstIndex(of: "]") else { return [] }
    return rest[..<end].split(separator: ",").compactMap { Double($0) }
}

func integer(_ line: String, _ key: String) -> Int {
    guard let start = line.range(of: "\"\(key)\":") else { return 0 }
    return Int(line[start.upperBound...].prefix { $0.isNumber }) ?? 0
}

func list(_ key: String, _ values: [Double]) -> String {
    "\"\(key)\":[" + values.map { $0.isNaN ? "NaN" : "\($0)" }.joined(separator: ",") + "]"
}

/// Answers a time-series role until `end` (which role the messages tell); the hello has been read.
func serveTimeSeries(hello: String, mode: String, record: FileHandle?) -> Never {
    let n = integer(hello, "n")
    var hedgeLosses: [Double] = []
    var greedy = GreedyMirror()
    reply(#"{"type":"ready","version":1}"#)
    if mode == "--exit-early" { exit(3) }
    while let line = readLine() {
        record?.write(Data((line + "\n").utf8))
        if line.hasPrefix(#"{"type":"end""#) { exit(0) }
        if line.hasPrefix(#"{"type":"episode""#) { hedgeLosses = [] }
        let forecast = line.hasPrefix(#"{"type":"forecast""#), mix = line.hasPrefix(#"{"type":"mix""#)
        guard forecast || mix else { continue }
        if mode == "--hang" { Thread.sleep(forTimeInterval: 3600) }
        var key = "predictions", answer: [Double], extra = ""
        if forecast {
            let y = numbers(line, "y")
            if mode == "--greedy" {
                let (predictions, controls) = greedy.step(round: integer(line, "round"), y: y, z: numbers(line, "z"),
                                                          predictions: numbers(line, "predictions"), clients: n)
                answer = predictions
                extra = "," + list("controls", controls)
            } else {
                answer = (0..<n).flatMap { _ in y }
            }
        } else {
            key = "weights"
            let y = numbers(line, "y"), predictions = numbers(line, "predictions")
            let experts = predictions.count / max(y.count, 1)
            if mode == "--uniform" {
                answer = [Double](repeating: 1 / Double(experts), count: experts)
            } else {
                answer = hedge(predictions: predictions, y: y, experts: experts, losses: &hedgeLosses)
            }
        }
        if mode == "--short" { answer.removeLast() }
        if mode == "--nan" { answer[0] = .nan }
        reply("{" + list(key, answer) + extra + "}")
    }
    exit(0)
}

/// The built-in hedge with learning rate 1: cumulative squared losses, then a softmax of −L, in the
/// built-in's order of operations.
func hedge(predictions: [Double], y: [Double], experts n: Int, losses: inout [Double]) -> [Double] {
    let dy = y.count, rate = 1.0
    if losses.count != n { losses = [Double](repeating: 0, count: n) }
    for i in 0..<n {
        for d in 0..<dy {
            let e = predictions[i * dy + d] - y[d]
            losses[i] += e * e
        }
    }
    let logits = losses.map { -rate * $0 }
    let top = logits.max() ?? 0
    var weights = [Double](repeating: 0, count: n), total = 0.0
    for i in 0..<n {
        weights[i] = exp(logits[i] - top)
        total += weights[i]
    }
    for i in 0..<n { weights[i] /= total }
    return weights
}
