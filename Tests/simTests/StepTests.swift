import Foundation
import XCTest
@testable import sim

final class StepTests: XCTestCase {
    /// Runs `sim step` in-process with `script` as its input lines.
    private func step(_ script: [String], arguments: [String] = []) throws -> (ok: Bool, out: String, err: String) {
        var lines = script[...]
        var options = StepOptions(file: CLIHarness.quickstart)
        options.overrides = ["episodes=2", "horizon=4", "world.localAgents=50"]
        let tokens = try ArgumentTokens([CLIHarness.quickstart] + arguments, command: "step", valued: StepOptions.valued, flags: [])
        options.policy = try StepOptions(tokens).policy
        let command = StepCommand(options: options, readLine: { lines.popFirst() }, interactive: false)
        var console = Console.capture
        let ok = try command.execute(console: &console)
        return (ok, console.capturedOut, console.capturedErr)
    }

    /// The Done-when script, piped into the built binary: the exact lines, no prompt, exit 0.
    func test_pipedScript_printsExpectedLines() throws {
        let expected = try String(contentsOf: CLIHarness.root.appendingPathComponent("Tests/simTests/Snapshots/step-quickstart.txt"), encoding: .utf8)
        let result = try CLIHarness.runBinary(["step", CLIHarness.quickstart], stdin: "next 3\nshow meanfield\nquit\n")
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(result.out, expected)
        XCTAssertFalse(result.out.contains("(sim)"), "no prompt when stdin is a pipe")
    }

    func test_next_printsOneTraceLinePerEvent() throws {
        let result = try step(["next 3", "show meanfield"])
        let lines = result.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.prefix(3).map { $0.split(separator: " ")[2] }, ["worldTick", "globalObserve", "globalStep"])
        XCTAssertTrue(lines[0].hasPrefix("t=0 #0 worldTick agent=- episode=0"), lines[0])
        XCTAssertEqual(lines.dropFirst(3).map { String($0.split(separator: ":")[0]) }, ["histogram", "meanField", "mode", "agents"])
        XCTAssertTrue(lines.last == "agents: 50")
    }

    func test_break_stopsAfterTheKind_andClearRunsToTheEnd() throws {
        let result = try step(["break policyStep", "until 3", "next 2", "trace off", "clear", "continue", "next"])
        let lines = result.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "breakpoint on policyStep")
        XCTAssertEqual(lines[4].split(separator: " ")[2], "policyStep")
        XCTAssertEqual(lines[5], "breakpoint: policyStep at t=0")
        XCTAssertTrue(lines[6].hasPrefix("t=1 #5 globalObserve"), lines[6])
        XCTAssertTrue(lines[7].hasPrefix("t=1 #6 globalStep"), lines[7])
        XCTAssertEqual(lines.suffix(4), ["trace off", "breakpoints cleared", "end of run at t=8 after 26 events", "end of run at t=8 after 26 events"])
    }

    func test_showCommands_andMetrics() throws {
        let result = try step(["until 5", "show global", "show agent 49", "show metrics"], arguments: ["--policy", "dispatch"])
        XCTAssertTrue(result.out.contains("policy: mode-dispatch\n"), result.out)
        XCTAssertTrue(result.out.contains("agent: 49\nlocalState: "), result.out)
        XCTAssertTrue(result.out.contains("t: 5\nevents: 17\ndiscountedReturn: "), result.out)
        XCTAssertTrue(result.out.contains("(mean of 1 completed episode(s))"), result.out)
        XCTAssertTrue(result.out.contains("reward: last "), result.out)
    }

    /// `show agent I` tells what the agent did in the last population step, recomputed from the
    /// random streams (checked against the kernel in `TabularWorldAgentViewTests`).
    func test_showAgent_givesLastActionAndReward() throws {
        let before = try step(["next 3", "show agent 7"])
        XCTAssertFalse(before.out.contains("lastAction"), "no population step yet: \(before.out)")
        let after = try step(["until 2", "show agent 7"])
        let fields = after.out.split(separator: "\n").filter { $0.contains(": ") }.map { String($0.split(separator: ":")[0]) }
        XCTAssertEqual(fields.suffix(7), ["agent", "localState", "localPolicy", "lastStep", "lastState", "lastAction", "lastLocalReward"])
        XCTAssertTrue(after.out.contains("lastStep: 1\n"), after.out)
    }

    /// `policy NAME` restarts at t = 0 under the same seed: the same episode start, and from then on
    /// exactly the lines `--policy NAME` prints.
    func test_policy_switchRestartsUnderTheSameSeed() throws {
        let switched = try step(["next 4", "policy dispatch", "next 4"])
        let direct = try step(["next 4"], arguments: ["--policy", "dispatch"])
        let lines = switched.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[4], "policy dispatch: restarted at t=0")
        XCTAssertEqual(Array(lines.suffix(4)), direct.out.split(separator: "\n").map(String.init))
        XCTAssertEqual(lines[0], lines[5], "the same episode start")
        XCTAssertNotEqual(lines[2], lines[7], "random and mode-dispatch chose differently at t=0")
        XCTAssertTrue(try step(["policy"]).out.contains("policy random (policies: random, dispatch, dispatch-follow)"))
        XCTAssertTrue(try step(["policy dispach"]).err.contains("did you mean 'dispatch'?"))
    }

    func test_badCommandInScript_stopsWithLineNumber() throws {
        let result = try step(["next", "nxt 2", "next"])
        XCTAssertFalse(result.ok)
        XCTAssertEqual(result.err, "Error: line 2: 'nxt 2': unknown command 'nxt'; did you mean 'next'? (type 'help')\n")
        XCTAssertEqual(result.out.split(separator: "\n").count, 1, "the third line never ran")
    }

    func test_invalidArguments_areReported() throws {
        XCTAssertTrue(try step(["show agent 50"]).err.contains("no agent 50: agents are numbered 0…49"))
        XCTAssertTrue(try step(["break globalstep"]).err.contains("did you mean 'globalStep'?"))
        XCTAssertTrue(try step(["until 2", "until 1"]).err.contains("not after the current time t=2"))
    }

    func test_parse_instructions() throws {
        XCTAssertEqual(try StepInstruction.parse("next"), .next(1))
        XCTAssertEqual(try StepInstruction.parse("  n 12 "), .next(12))
        XCTAssertEqual(try StepInstruction.parse("until 2.5"), .until(2.5))
        XCTAssertEqual(try StepInstruction.parse("show agent 7"), .show(.agent(7)))
        XCTAssertEqual(try StepInstruction.parse("show meanfield"), .show(.meanField))
        XCTAssertEqual(try StepInstruction.parse("trace off"), .trace(false))
        XCTAssertEqual(try StepInstruction.parse("# a comment"), .nothing)
        XCTAssertEqual(try StepInstruction.parse(""), .nothing)
        XCTAssertThrowsError(try StepInstruction.parse("next 0"))
        XCTAssertThrowsError(try StepInstruction.parse("show agent -1"))
        XCTAssertThrowsError(try StepInstruction.parse("trace maybe"))
        XCTAssertEqual(try StepInstruction.parse("policy"), .policy(nil))
        XCTAssertEqual(try StepInstruction.parse("policy dispatch"), .policy("dispatch"))
        XCTAssertThrowsError(try StepInstruction.parse("policy a b"))
    }
}
