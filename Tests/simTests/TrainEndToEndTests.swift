import Foundation
import SimTestSupport
import XCTest

/// `sim train` then `sim run` with the written file reproduces `sim run` of the learned policy
/// exactly, and bad input exits 2.
final class TrainEndToEndTests: XCTestCase {
    private lazy var folder = makeTemporaryDirectory()

    private func run(_ arguments: [String]) throws -> SimBinary.Result {
        guard SimBinary.url != nil else { throw XCTSkip("sim binary not built") }
        return try SimBinary.run(arguments)
    }

    private func metrics(_ path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let data = try JSONSerialization.data(withJSONObject: try XCTUnwrap(json["metrics"]), options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    func test_trainThenRunTheFile_reproducesTheInProcessRun() throws {
        let scenario = folder.write("s.json5", """
        { name: "e2e-train", seed: 3, horizon: 8, episodes: 3, gamma: 0.9,
          world: { kind: "ring-zones", localAgents: 60 }, observation: { k: 4 },
          policies: { amarl: { kind: "alternating-marl", evalEpisodes: 2, outerIterations: 2 } } }
        """)
        let policy = folder.file("amarl.json")
        let train = try run(["train", scenario, "--policy", "amarl", "--out", policy])
        XCTAssertEqual(train.status, 0, train.stderr)
        XCTAssertTrue(train.stdout.contains("trained amarl (alternating-marl, k = 4, seed 3)"), train.stdout)
        XCTAssertTrue(train.stderr.contains("amarl: iteration 1: value "), train.stderr)
        let inProcess = folder.file("a.json"), fromFile = folder.file("b.json")
        let trainedRun = try run(["run", scenario, "--policy", "amarl", "--seed", "9", "--out", inProcess, "--no-timing"])
        XCTAssertEqual(trainedRun.status, 0, trainedRun.stderr)
        XCTAssertTrue(trainedRun.stderr.contains("amarl: iteration 1: value "), "sim run logs training: \(trainedRun.stderr)")
        let loaded = try run(["run", scenario, "--policy", "file", "--seed", "9", "--out", fromFile, "--no-timing",
                              "--set", "policies.file={kind: 'tabular', file: 'amarl.json'}"])
        XCTAssertEqual(loaded.status, 0, loaded.stderr)
        XCTAssertEqual(try metrics(inProcess), try metrics(fromFile))
    }

    func test_badInput_exitsTwo() throws {
        let cases: [([String], String)] = [
            (["train", "Scenarios/ring-zones-train.json5", "--out", folder.file("x.json")], "needs --policy NAME"),
            (["train", "Scenarios/ring-zones-train.json5", "--policy", "amarl"], "needs --out"),
            (["train", "Scenarios/ring-zones-train.json5", "--policy", "random", "--out", folder.file("x.json")], "is not trained"),
            (["train", "Scenarios/ring-zones-train.json5", "--policy", "amrl", "--out", folder.file("x.json")], "did you mean 'amarl'"),
            (["train", "Scenarios/ring-zones-train.json5", "--policy", "amarl", "--out", folder.file("x.json"), "--sed", "1"], "unknown option"),
        ]
        for (arguments, expected) in cases {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("x.json")))
        let help = try run(["train", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.hasPrefix("Usage: sim train FILE --policy NAME --out policy.json"), help.stdout)
    }
}
