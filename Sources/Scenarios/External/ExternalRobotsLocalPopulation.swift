import Agents
import Engine

/// Every robot's move chosen by an external process (`local: { kind: "external", command: [...] }` in a
/// `robots-continuous` policy entry, `role: "local"`): what the built-in local rules see, one `act`
/// message per tick — s_g and every robot's position, as numbers on [lower, upper] — and one answer
/// with every robot's move index into `world.localMoves` (0 = stay in the default moves). The answer is
/// checked as the tabular population's is: its length n, each index in 0 … |moves| − 1.
public final class ExternalRobotsLocalPopulation: LocalPolicy {
    /// |moves|: every answer's indices are below it.
    private let moves: Int
    private let connection: ExternalConnection
    /// Messages sent so far (the hello is message 1).
    public var messages: Int { connection.messages }

    /// Starts the process for one run and says hello: the observation spaces are intervals, the moves
    /// are listed.
    public init(spec: ExternalPolicySpec, run: PolicyRun, robots: RobotsContinuousDynamics) throws {
        moves = robots.localMoves.count
        let interval = "\"range\":[\(JSONText.number(robots.lower)),\(JSONText.number(robots.upper))]"
        let spaces = "\"observation\":{\"globalState\":{\(interval)},\"states\":{\"length\":\(run.agents),\(interval)}},"
            + "\"action\":{\"size\":\(robots.localMoves.count),\"length\":\(run.agents),"
            + "\"values\":[" + robots.localMoves.map(JSONText.number).joined(separator: ",") + "]}"
        connection = try ExternalConnection(spec: spec, hello: ExternalProtocol.hello(policy: spec.name, role: "local", run: run, spaces: spaces))
    }

    public var kind: String { ExternalPolicySpec.family.kind }
    public var runsOutOfProcess: Bool { true }

    /// Every robot's move index from one `act` message; the process draws its own randomness (`stream`
    /// is unused).
    public func actions(states: [Double], globalState: Double, step: Int, stream: RandomStream) throws -> [UInt8] {
        try connection.request(Self.act(step: step, globalState: globalState, states: states)) { line in
            try ExternalLocalPopulation.actions(answer: line, count: states.count, limit: moves)
        }
    }

    /// `{"type":"act","step":…,"globalState":s_g,"states":[s_0,…]}`, every number in its shortest form
    /// that reads back exactly.
    static func act(step: Int, globalState: Double, states: [Double]) -> String {
        var text = "{\"type\":\"act\",\"step\":\(step),\"globalState\":\(JSONText.number(globalState)),\"states\":["
        text.reserveCapacity(text.utf8.count + 22 * states.count + 2)
        for (i, state) in states.enumerated() {
            if i > 0 { text += "," }
            text += JSONText.number(state)
        }
        return text + "]}"
    }

    public func episodeStarted(_ episode: Int) throws { try connection.send(ExternalProtocol.episode(episode)) }

    public func observe(reward: Double, step: Int) throws {
        try connection.send(ExternalProtocol.reward(step: step, reward: reward))
    }

    public func finishRun() { connection.finish() }
}
