// A test double for the external-policy protocol, in Swift so that `swift test` needs no Python.
//
// With no argument it is mode-dispatch (the global action is the local state holding most of the
// sampled agents, lowest index on ties), so runs must equal the built-in policy's byte for byte.
// One argument makes it misbehave on purpose, once per failure mode the simulator must report:
//   --exit-early     answers hello, then exits with status 3 before the first decision
//   --malformed      answers every decision with a line that is not JSON
//   --wrong-version  answers hello with version 2
//   --out-of-range   answers action 99
//   --wrong-type     answers {"action": "north"}
//   --hang           never answers a decision
//   --deaf           answers hello, then never reads its input again (the simulator's writes fill the pipe)
//   --stderr         also writes a line to standard error per episode (passed through, prefixed)
//   --ignore-end     does not exit when told the run is over
//   --record FILE    behaves, and appends every line it receives to FILE (to check them against the schema)
// As a time-series client population or server mixture (a hello with `rounds`), see TimeSeriesRoles.swift.
// As a local population (hello with role "local") it is the `follow` rule — each agent moves one zone
// along the shorter way round the ring towards the global agent's zone, and stays on it — so runs must
// equal the built-in `local: "follow"` byte for byte (in the robots world, the robots' `follow` with its
// default tolerance, on the positions it is sent); --out-of-range answers action 99 for agent 0 and
// --short answers one action too few.
// In the fedopt world it is FedAvg with its defaults: the server's step 1 (role "server") and the local
// step size 0.5 / condition (role "client", a quarter of the action's exclusive maximum), so runs equal
// the built-in `fedavg` byte for byte; --out-of-range answers -1 (server) or 99 for client 0, --short
// one step size too few and --wrong-type a string.
import Foundation

let mode = CommandLine.arguments.dropFirst().first ?? "--normal"

func reply(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

func field(_ object: [String: Any], _ key: String) -> Any? { object[key] }

var zones = 0
var world = ""
/// FedAvg's default local step size, 0.5 / condition: a quarter of the client action's exclusive maximum.
var fedAvgLocalStep = 0.0

/// The robots' built-in `follow` rule (tolerance 0.05): stay within the tolerance of s_g, else step
/// towards it (move 1 up, move 2 down).
func robotsFollow(_ object: [String: Any]) -> [Int] {
    let sg = (object["globalState"] as? NSNumber)?.doubleValue ?? 0
    return (object["states"] as? [Any] ?? []).map { state in
        let gap = sg - ((state as? NSNumber)?.doubleValue ?? 0)
        return abs(gap) <= 0.05 ? 0 : (gap > 0 ? 1 : 2)
    }
}

let record = mode == "--record" ? CommandLine.arguments.dropFirst(2).first.flatMap { FileHandle(forWritingAtPath: $0) } : nil

while let line = readLine() {
    record?.write(Data((line + "\n").utf8))
    guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
          let type = object["type"] as? String else { exit(4) }
    switch type {
    case "hello":
        if object["rounds"] != nil { serveTimeSeries(hello: line, mode: mode, record: record) }
        world = object["world"] as? String ?? ""
        fedAvgLocalStep = (((object["action"] as? [String: Any])?["exclusiveMaximum"] as? NSNumber)?.doubleValue ?? 0) / 4
        zones = ((object["observation"] as? [String: Any])?["states"] as? [String: Any])?["size"] as? Int ?? 0
        reply(mode == "--wrong-version" ? #"{"type":"ready","version":2}"# : #"{"type":"ready","version":1}"#)
        if mode == "--exit-early" { exit(3) }
        if mode == "--deaf" { Thread.sleep(forTimeInterval: 3600) }
    case "episode":
        if mode == "--stderr" { FileHandle.standardError.write(Data("episode \(object["episode"] ?? "?")\n".utf8)) }
    case "act" where world == "fedopt":
        if mode == "--hang" { Thread.sleep(forTimeInterval: 3600) }
        if mode == "--malformed" { reply("this is not json"); continue }
        if let clients = object["clients"] as? [Any] {
            var sizes = [String](repeating: "\(fedAvgLocalStep)", count: clients.count)
            if mode == "--out-of-range" { sizes[0] = "99" }
            if mode == "--short" { sizes.removeLast() }
            if mode == "--wrong-type" { sizes[0] = "\"north\"" }
            reply("{\"actions\":[" + sizes.joined(separator: ",") + "]}")
        } else {
            reply(mode == "--out-of-range" ? #"{"action":-1}"# : mode == "--wrong-type" ? #"{"action":"north"}"# : #"{"action":1}"#)
        }
    case "act" where object["states"] != nil:
        let sg = object["globalState"] as? Int ?? 0
        var actions = world == "robots-continuous" ? robotsFollow(object)
            : (object["states"] as? [Any] ?? []).map { state -> Int in
                let forward = (sg - (state as? Int ?? 0) + zones) % zones
                return forward == 0 ? 0 : (forward <= zones - forward ? 1 : 2)
            }
        if mode == "--out-of-range" { actions[0] = 99 }
        if mode == "--short" { actions.removeLast() }
        if mode == "--hang" { Thread.sleep(forTimeInterval: 3600) }
        if mode == "--malformed" { reply("this is not json"); continue }
        reply("{\"actions\":[" + actions.map(String.init).joined(separator: ",") + "]}")
    case "act":
        switch mode {
        case "--malformed": reply("this is not json")
        case "--out-of-range": reply(#"{"action":99}"#)
        case "--wrong-type": reply(#"{"action":"north"}"#)
        case "--hang": Thread.sleep(forTimeInterval: 3600)
        default:
            let counts = (object["counts"] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.intValue }
            var best = 0
            for j in counts.indices where counts[j] > counts[best] { best = j }
            reply("{\"action\":\(best)}")
        }
    case "end":
        if mode == "--ignore-end" { Thread.sleep(forTimeInterval: 3600) }
        exit(0)
    default:
        break
    }
}
