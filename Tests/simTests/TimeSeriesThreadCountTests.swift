import Foundation
import SimTestSupport
import XCTest

/// `sim run` of the million-client scenario, cut to three chunks of clients, writes the same result and
/// trace bytes with 1, 2 and 8 threads.
final class TimeSeriesThreadCountTests: XCTestCase {
    func test_tsMassive_threads_1_2_8_writeIdenticalBytes() throws {
        try LongTest.require()
        let folder = try CLIHarness.temporaryFolder(self)
        let file = CLIHarness.root.appendingPathComponent("Scenarios/ts-massive.json5").path
        for policy in ["memoa", "greedy"] {
            var outputs: [String: (results: Data, trace: Data)] = [:]
            for threads in ["1", "2", "8"] {
                let out = folder.appendingPathComponent("\(policy)-\(threads).json").path
                let trace = folder.appendingPathComponent("\(policy)-\(threads).jsonl").path
                // 9,000 clients are three chunks of 4,096; memoa samples k = 100 of them.
                let result = CLIHarness.run(["run", file, "--policy", policy, "--set", "world.clients=9000", "--set", "world.rounds=6",
                                             "--threads", threads, "--no-timing", "--no-progress", "--out", out, "--trace", trace])
                XCTAssertEqual(result.status, 0, result.err)
                outputs[threads] = (try Data(contentsOf: URL(fileURLWithPath: out)), try Data(contentsOf: URL(fileURLWithPath: trace)))
            }
            XCTAssertFalse(outputs["1"]?.trace.isEmpty ?? true)
            for threads in ["2", "8"] {
                XCTAssertEqual(outputs[threads]?.results, outputs["1"]?.results, "\(policy), \(threads) threads")
                XCTAssertEqual(outputs[threads]?.trace, outputs["1"]?.trace, "\(policy), \(threads) threads")
            }
        }
    }
}
