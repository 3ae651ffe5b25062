import Agents
import Engine

/// The external-policy protocol, version 1: JSON Lines over the process's standard input and output.
///
/// The simulator sends, one object per line:
/// 1. `hello` — the protocol name and version, the policy's name and role, the world, its sizes, the
///    run's settings and a seed for the process's own randomness (derived from the run's seed, so a
///    deterministic policy gives byte-identical runs). The process answers `{"type": "ready",
///    "version": 1}`.
/// 2. `episode` — an episode starts (no answer).
/// 3. `act` — one decision: the observation the built-in policy of that role would see and the
///    decision's `step`. For the global agent (`role: "global"`): its state `globalState` and the
///    `counts` of its k sampled agents; the process answers `{"action": a}`. For a local population
///    (`role: "local"`), once per tick: `globalState` and `states`, every agent's local state in agent
///    order; the process answers `{"actions": [a_0, …, a_n−1]}`, one local action per agent (in
///    `robots-continuous` s_g and the states are positions, numbers on an interval). In `fedopt`
///    (``ExternalFedOptPolicyRun``) the server (`role: "server"`) sees `excessLoss` and `clientLosses`
///    and answers `{"action": η_g}`; the clients (`role: "client"`) see those and the `clients` starting
///    jobs, and the answer is every client's step size.
/// 4. `reward` — the team reward of the population step just taken, with its `step` (no answer), so an
///    online learner can learn.
/// 5. `end` — the run is over; the process should exit (it is ended after `timeout` seconds).
///
/// Messages are numbered from 1 (the `hello`) in the order sent; errors name the number. The schema
/// of every message is in `Scenarios/external/protocol.schema.json`.
enum ExternalProtocol {
    static let name = "meanfield-sim/external-policy"
    static let version = 1

    /// The seed handed to the process: the run's seed mixed with a fixed tag, so that it differs from
    /// every stream the simulator draws from.
    static func seed(for run: PolicyRun) -> UInt64 { mix64(run.seed ^ 0x6578_7465_726E_616C) & ((1 << 53) - 1) }

    static func hello(policy: String, role: String, run: PolicyRun) -> String {
        hello(policy: policy, role: role, run: run, spaces: role == "local"
              ? "\"observation\":{\"globalState\":{\"size\":\(run.globalStates)},\"states\":{\"length\":\(run.agents),\"size\":\(run.countBins)}},"
                + "\"action\":{\"size\":\(run.localActions),\"length\":\(run.agents)}"
              : "\"observation\":{\"globalState\":{\"size\":\(run.globalStates)},\"counts\":{\"length\":\(run.countBins),\"sum\":\(run.k)}},"
                + "\"action\":{\"size\":\(run.globalActions)}")
    }

    /// The hello of any role: the common members, then `spaces` (the role's `"observation":{…},"action":{…}`).
    static func hello(policy: String, role: String, run: PolicyRun, spaces: String) -> String {
        "{\"type\":\"hello\",\"protocol\":\(JSONText.string(name)),\"version\":\(version),\"policy\":\(JSONText.string(policy)),"
            + "\"role\":\(JSONText.string(role)),\"world\":\(JSONText.string(run.world)),\"seed\":\(seed(for: run)),"
            + "\"n\":\(run.agents),\"k\":\(run.k),\"horizon\":\(run.horizon),\"episodes\":\(run.episodes),"
            + "\"gamma\":\(JSONText.number(run.gamma)),"
            + spaces + "}"
    }

    static func episode(_ episode: Int) -> String { "{\"type\":\"episode\",\"episode\":\(episode)}" }

    static func act(step: Int, globalState: Int, counts: [Int]) -> String {
        "{\"type\":\"act\",\"step\":\(step),\"globalState\":\(globalState),\"counts\":[" + counts.map(String.init).joined(separator: ",") + "]}"
    }

    /// A local population's decision: s_g and every agent's local state.
    /// Written as bytes: at 10^5 agents, appending to a `String` per agent cost more than the process's
    /// answer.
    static func act(step: Int, globalState: Int, states: [UInt8]) -> String {
        var bytes = Array("{\"type\":\"act\",\"step\":\(step),\"globalState\":\(globalState),\"states\":[".utf8)
        bytes.reserveCapacity(bytes.count + 4 * states.count + 2)
        for (i, state) in states.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            if state >= 100 { bytes.append(UInt8(ascii: "0") + state / 100) }
            if state >= 10 { bytes.append(UInt8(ascii: "0") + state / 10 % 10) }
            bytes.append(UInt8(ascii: "0") + state % 10)
        }
        bytes.append(contentsOf: "]}".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The actions of a local answer in its plain form, `{"actions":[a,b,…]}` with optional spaces and
    /// `count` whole numbers each below `limit`; nil for anything else, which the general parser then
    /// reads (and reports). At 10^5 agents the general parser's values cost more than the round trip.
    static func plainActions(_ line: String, count: Int, limit: Int) -> [UInt8]? {
        var line = line
        return line.withUTF8 { bytes -> [UInt8]? in
            var i = 0
            func skipSpaces() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 } }
            func expect(_ text: StaticString) -> Bool {
                skipSpaces()
                let utf8 = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
                guard i + utf8.count <= bytes.count, zip(utf8.indices, utf8).allSatisfy({ bytes[i + $0] == $1 }) else { return false }
                i += utf8.count
                return true
            }
            guard expect("{"), expect("\"actions\""), expect(":"), expect("[") else { return nil }
            var actions = [UInt8]()
            actions.reserveCapacity(count)
            skipSpaces()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1 } else {
                while true {
                    skipSpaces()
                    var value = 0, digits = 0
                    while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, digits < 4 {
                        value = value * 10 + Int(bytes[i] - 0x30)
                        i += 1
                        digits += 1
                    }
                    guard digits > 0, value < limit, actions.count < count else { return nil }
                    actions.append(UInt8(value))
                    if expect(",") { continue }
                    guard expect("]") else { return nil }
                    break
                }
            }
            guard expect("}") else { return nil }
            skipSpaces()
            return i == bytes.count && actions.count == count ? actions : nil
        }
    }

    static func reward(step: Int, reward: Double) -> String {
        "{\"type\":\"reward\",\"step\":\(step),\"reward\":\(JSONText.number(reward))}"
    }

    static let end = "{\"type\":\"end\"}"

    /// The members of one answer line, which must be a JSON object.
    /// - Throws: ``ExternalProcessFailure`` when it is not.
    static func object(_ line: String) throws -> [JSONValue.Member] {
        guard case .object(let members) = try JSONLineParser.parse(line) else {
            throw ExternalProcessFailure("malformed answer (not a JSON object): " + excerpt(line))
        }
        return members
    }

    /// A whole number in `range` under `key`.
    static func integer(_ members: [JSONValue.Member], _ key: String, in range: ClosedRange<Int>, line: String) throws -> Int {
        guard case .number(let number)? = members.first(where: { $0.key == key })?.value, let value = Int(exactly: number) else {
            throw ExternalProcessFailure("malformed answer (expected \"\(key)\": a whole number): " + excerpt(line))
        }
        guard range.contains(value) else {
            throw ExternalProcessFailure("\(key) \(value) is out of range \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    /// The first 80 characters of a line, for messages.
    static func excerpt(_ line: String) -> String {
        line.count > 80 ? "'" + line.prefix(80) + "…'" : "'" + line + "'"
    }
}
