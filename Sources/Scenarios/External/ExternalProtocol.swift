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
///    order; the process answers `{"actions": [a_0, …, a_n−1]}`, one local action per agent.
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
        "{\"type\":\"hello\",\"protocol\":\(JSONText.string(name)),\"version\":\(version),\"policy\":\(JSONText.string(policy)),"
            + "\"role\":\(JSONText.string(role)),\"world\":\(JSONText.string(run.world)),\"seed\":\(seed(for: run)),"
            + "\"n\":\(run.agents),\"k\":\(run.k),\"horizon\":\(run.horizon),\"episodes\":\(run.episodes),"
            + "\"gamma\":\(JSONText.number(run.gamma)),"
            + (role == "local"
               ? "\"observation\":{\"globalState\":{\"size\":\(run.globalStates)},\"states\":{\"length\":\(run.agents),\"size\":\(run.countBins)}},"
                 + "\"action\":{\"size\":\(run.localActions),\"length\":\(run.agents)}}"
               : "\"observation\":{\"globalState\":{\"size\":\(run.globalStates)},\"counts\":{\"length\":\(run.countBins),\"sum\":\(run.k)}},"
                 + "\"action\":{\"size\":\(run.globalActions)}}")
    }

    static func episode(_ episode: Int) -> String { "{\"type\":\"episode\",\"episode\":\(episode)}" }

    static func act(step: Int, globalState: Int, counts: [Int]) -> String {
        "{\"type\":\"act\",\"step\":\(step),\"globalState\":\(globalState),\"counts\":[" + counts.map(String.init).joined(separator: ",") + "]}"
    }

    /// A local population's decision: s_g and every agent's local state.
    static func act(step: Int, globalState: Int, states: [UInt8]) -> String {
        var text = "{\"type\":\"act\",\"step\":\(step),\"globalState\":\(globalState),\"states\":["
        text.reserveCapacity(text.utf8.count + 2 * states.count + 2)
        for (i, state) in states.enumerated() {
            if i > 0 { text += "," }
            text += String(state)
        }
        return text + "]}"
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
