import Scenarios
import SimTestSupport
import XCTest
@testable import sim

/// `sim bench` parsing (in-process) and one tiny end-to-end run.
final class BenchCommandTests: XCTestCase {
    func test_parse_defaults() throws {
        XCTAssertEqual(try Command.parse(["bench"]), .bench(BenchOptions()))
        XCTAssertEqual(BenchOptions().repeats, 5)
        XCTAssertEqual(BenchOptions().threads, 1)
    }

    func test_parse_options() throws {
        var expected = BenchOptions()
        expected.workloads = ["W3", "W1"]
        expected.repeats = 2
        expected.threads = 8
        expected.json = true
        XCTAssertEqual(try Command.parse(["bench", "--workload", "w3,W1,W3", "--repeat=2", "--threads", "8", "--json"]),
                       .bench(expected))
        expected.sizes = [1_000, 1_000_000]
        XCTAssertEqual(try Command.parse(["bench", "--workload", "w3,W1,W3", "--repeat=2", "--threads", "8", "--json",
                                          "--size", "1000,1_000_000"]), .bench(expected))
    }

    func test_parse_badWorkload_quotesItAndSuggests() {
        XCTAssertThrowsError(try Command.parse(["bench", "--workload", "W9"])) { error in
            XCTAssertEqual("\(error)", "option '--workload': expected a comma-separated list of W1, W2, W3, W4, W5, W6, W7; did you mean 'W1'?, got 'W9'")
        }
        XCTAssertThrowsError(try Command.parse(["bench", "--repeat", "0"]))
        XCTAssertThrowsError(try Command.parse(["bench", "--threads", "0"]))
        XCTAssertThrowsError(try Command.parse(["bench", "extra"]))
        XCTAssertThrowsError(try Command.parse(["bench", "--size", "0"]))
        XCTAssertThrowsError(try Command.parse(["bench", "--size", "1e6"]))
        XCTAssertThrowsError(try Command.parse(["bench", "--size", "1000"])) { error in
            XCTAssertEqual("\(error)", "option '--size': expected W4's size is k, at most 100 (the count-vector space grows as k^4), got '1000'")
        }
        XCTAssertNoThrow(try Command.parse(["bench", "--workload", "W3", "--size", "1000"]))
    }

    func testBenchSizeBeyondLimitsIsRefusedWithExit2() throws {
        XCTAssertThrowsError(try Command.parse(["bench", "--workload", "W2", "--size", "99999999999"])) { error in
            XCTAssertTrue("\(error)".contains("at most 2147483647"), "\(error)")
        }
        let tight = ResourceLimits(memoryBytes: 0x1p20, origin: "a 1 MiB test budget")
        XCTAssertNotNil(BenchCatalog.sizeProblem("W3", size: 1_000_000, limits: tight))
        XCTAssertNil(BenchCatalog.sizeProblem("W3", size: 1_000, limits: tight))
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        for (workload, size) in [("W2", "99999999999"), ("W1", "2000000000"), ("W5", "1000000")] {
            let result = try sim.run(["bench", "--workload", workload, "--size", size, "--repeat", "1"],
                                     environment: ["SIM_MEMORY_LIMIT": "1M"], timeout: 30)
            XCTAssertEqual(result.status, 2, "\(workload) \(size): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("--size"), result.stderr)
        }
    }

    func test_help() throws {
        XCTAssertEqual(try Command.parse(["bench", "--help"]), .help("bench"))
        XCTAssertNotNil(Usage.of("bench"))
    }

    func test_smallRun_printsTheJSONDocument() {
        var console = Console.capture
        XCTAssertEqual(CommandLineTool.main(["bench", "--workload", "W4,W1", "--size", "3", "--repeat", "1", "--json"],
                                            console: &console), 0)
        XCTAssertTrue(console.capturedOut.contains(#""unit": "solves/s""#), console.capturedOut)
        XCTAssertTrue(console.capturedOut.contains(#""unit": "events/s""#), console.capturedOut)
        XCTAssertTrue(console.capturedOut.contains(#""skipped": []"#), console.capturedOut)
    }
}

/// `sim run --threads` (the population step is bit-identical for any thread count).
final class RunThreadsOptionTests: XCTestCase {
    func test_parse_threads() throws {
        var expected = RunOptions(file: "a.json5")
        expected.threads = 2
        XCTAssertEqual(try Command.parse(["run", "a.json5", "--threads", "2"]), .run(expected))
        XCTAssertEqual(try Command.parse(["run", "a.json5"]), .run(RunOptions(file: "a.json5")))
        XCTAssertThrowsError(try Command.parse(["run", "a.json5", "--threads", "two"])) { error in
            XCTAssertEqual("\(error)", "option '--threads': expected an integer in 1...1024, got 'two'")
        }
    }
}
