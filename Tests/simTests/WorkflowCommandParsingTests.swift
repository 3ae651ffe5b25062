import XCTest
@testable import sim

/// Parsing of compare, step, sweep, merge and plot (pure, in-process).
final class WorkflowCommandParsingTests: XCTestCase {
    func test_compare_defaultsAndOptions() throws {
        guard case .compare(let defaults) = try Command.parse(["compare", "s.json5"]) else { return XCTFail() }
        XCTAssertEqual(defaults.seeds, Array(1...10))
        XCTAssertNil(defaults.policies)
        XCTAssertTrue(defaults.progress)
        guard case .compare(let o) = try Command.parse(["compare", "s.json5", "--seeds=3..5", "--policies", "a,b", "--json", "c.json",
                                                        "--plot", "c.svg", "--no-progress"]) else { return XCTFail() }
        XCTAssertEqual(o.seeds, [3, 4, 5])
        XCTAssertEqual(o.policies, ["a", "b"])
        XCTAssertEqual([o.json, o.plot], ["c.json", "c.svg"])
        XCTAssertFalse(o.progress)
    }

    func test_compare_conflictsAndTypos() {
        XCTAssertThrowsError(try Command.parse(["compare", "s.json5", "--json", "x", "--csv", "x"]))
        XCTAssertThrowsError(try Command.parse(["compare", "s.json5", "--policies", "a,a"]))
        XCTAssertThrowsError(try Command.parse(["compare", "s.json5", "--seed", "3"])) { error in
            XCTAssertEqual("\(error)", "unknown option '--seed' for 'sim compare'; did you mean '--seeds'?")
        }
    }

    func test_sweep_axesShardAndRepeatedAxis() throws {
        guard case .sweep(let o) = try Command.parse(["sweep", "s.json5", "--set", "observation.k=1,2", "--shard", "2/4"]) else { return XCTFail() }
        XCTAssertEqual(o.axes.map(\.path), ["observation.k"])
        XCTAssertEqual(o.shard, .fixed(index: 2, count: 4))
        guard case .sweep(let auto) = try Command.parse(["sweep", "s.json5", "--shard", "auto"]) else { return XCTFail() }
        XCTAssertEqual(auto.shard, .auto)
        for bad in ["0/4", "5/4", "2", "a/b", "1/0", "Auto", ""] {
            XCTAssertThrowsError(try Command.parse(["sweep", "s.json5", "--shard", bad]), bad)
        }
        XCTAssertThrowsError(try Command.parse(["sweep", "s.json5", "--set", "a=1", "--set", "a=2"]))
    }

    func test_plot_needsXYAndOut() {
        XCTAssertThrowsError(try Command.parse(["plot", "f.jsonl", "--y", "m", "--out", "p.svg"])) { error in
            XCTAssertEqual("\(error)", "'sim plot' needs --x path (a swept field)")
        }
        XCTAssertThrowsError(try Command.parse(["plot", "f.jsonl", "--x", "k", "--y", "m", "--out", "f.jsonl"]))
        XCTAssertNoThrow(try Command.parse(["plot", "f.jsonl", "--x", "k", "--y", "m", "--out", "p.svg"]))
    }

    func test_step_andMerge() throws {
        guard case .step(let o) = try Command.parse(["step", "s.json5", "--policy", "p", "--seed", "4"]) else { return XCTFail() }
        XCTAssertEqual(o.policy, "p")
        XCTAssertEqual(o.seed, 4)
        XCTAssertEqual(try Command.parse(["merge", "a", "b", "--out", "m"]), .merge(files: ["a", "b"], out: "m"))
        XCTAssertThrowsError(try Command.parse(["merge"]))
    }

    func test_everyCommand_hasHelp() throws {
        for name in Command.names where name != "help" {
            XCTAssertNotNil(Usage.of(name), name)
            XCTAssertEqual(try Command.parse([name, "--help"]), .help(name), name)
        }
    }
}
