import Foundation
import SimTestSupport
import XCTest

/// Runs the built `sim` on the time-series scenarios: reproducible results and traces, the traced
/// event kinds, and the exit status of a malformed data file.
final class TimeSeriesEndToEndTests: XCTestCase {
    private lazy var folder = makeTemporaryDirectory()

    private func run(_ arguments: [String]) throws -> SimBinary.Result {
        guard SimBinary.url != nil else { throw XCTSkip("sim binary not built") }
        return try SimBinary.run(arguments)
    }

    private func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    func test_memoaKofN_sameSeedByteIdentical_andTracesTheServerEvents() throws {
        var outputs: [(String, String)] = []
        for index in 0..<2 {
            let out = folder.file("r\(index).json"), trace = folder.file("t\(index).jsonl")
            let result = try run(["run", "Scenarios/ts-periodic.json5", "--policy", "memoa", "--set", "world.rounds=12",
                                  "--set", "observation.k=2", "--out", out, "--trace", trace, "--no-timing",
                                  "--trace-kinds", "globalObserve,policyStep,mixtureUpdate"])
            XCTAssertEqual(result.status, 0, result.stderr)
            // The report prints the world's own episode length (world.rounds), not the header's horizon.
            XCTAssertTrue(result.stdout.hasPrefix("ts-periodic: world periodic, seed 1, 1 episode(s) x 12 steps"), result.stdout)
            outputs.append((read(out), read(trace)))
        }
        XCTAssertEqual(outputs[0].0, outputs[1].0)
        XCTAssertEqual(outputs[0].1, outputs[1].1)
        let kinds = Set(outputs[0].1.split(separator: "\n").compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["kind"] as? String
        })
        XCTAssertEqual(kinds, ["globalObserve", "policyStep", "mixtureUpdate"])
        XCTAssertTrue(outputs[0].1.contains("\"sampled\":1,\"k\":2,\"n\":5"), outputs[0].1)
        XCTAssertTrue(outputs[0].0.contains("\"naiveRMSE\""))
        XCTAssertFalse(outputs[0].0.contains("wallSecondsPerStep"))
    }

    func test_malformedCSVRow_exits2_namingFileAndLine() throws {
        _ = folder.write("data.csv", "date,x,y\nd0,1,2\nd1,2,3\nd2,3\nd3,4,5\n")
        let scenario = folder.write("s.json5", """
        { name: "bad", world: { kind: "csv", path: "data.csv", target: "y", inputs: [{ column: "x" }], length: 3 },
          policies: { g: { kind: "greedy" } } }
        """)
        let result = try run(["run", scenario])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("data.csv:4: world.path: malformed row: expected 3 fields"), result.stderr)
    }
}
