import Foundation
import XCTest
import Engine
@testable import sim

final class SweepTests: XCTestCase {
    private let base = ["sweep", CLIHarness.quickstart, "--set", "observation.k=1,5", "--set", "world.localAgents=40",
                        "--set", "episodes=1", "--set", "horizon=5", "--seeds", "1..4"]

    private func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Done when: shards 1/3, 2/3, 3/3 merged equal the unsharded sweep after sorting.
    func test_shardsMerged_equalUnshardedSweep() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let whole = CLIHarness.run(base)
        XCTAssertEqual(whole.status, 0, whole.err)
        let unsharded = whole.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(unsharded.count, 1 + 2 * 3 * 4, "the header and one line per run")
        var shardFiles: [String] = []
        for i in 1...3 {
            let path = folder.appendingPathComponent("shard\(i).jsonl").path
            let result = CLIHarness.run(base + ["--shard", "\(i)/3", "--out", path])
            XCTAssertEqual(result.status, 0, result.err)
            XCTAssertEqual(try lines(path).count, 1 + 8, "shard \(i)")
            shardFiles.append(path)
        }
        let merged = folder.appendingPathComponent("merged.jsonl").path
        let merge = CLIHarness.run(["merge"] + shardFiles + ["--out", merged])
        XCTAssertEqual(merge.status, 0, merge.err)
        XCTAssertTrue(merge.out.hasPrefix("merged 24 runs from 3 file(s); none missing or duplicated\n"), merge.out)
        XCTAssertEqual(try lines(merged).sorted(), unsharded.sorted())
    }

    func test_lines_followTheDesignFormat() throws {
        // --seeds once: a repeated single-valued option is a usage error.
        let result = CLIHarness.run(base.dropLast(2) + ["--policies", "dispatch", "--metrics", "discountedReturn", "--seeds", "3"])
        let output = result.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(output.first, #"{"sweep":{"scenario":"quickstart","scenarioDigest":""#
                       + String(format: "%016llx", StateDigest.of(Array(try Data(contentsOf: URL(fileURLWithPath: CLIHarness.quickstart)))))
                       + #"","axes":{"observation.k":[1, 5],"world.localAgents":[40],"episodes":[1],"horizon":[5]},"policies":["dispatch"],"seeds":[3],"metrics":["discountedReturn"]}}"#)
        let line = try XCTUnwrap(output.dropFirst().first)
        XCTAssertTrue(line.hasPrefix(#"{"point":{"observation.k":1,"world.localAgents":40,"episodes":1,"horizon":5},"policy":"dispatch","seed":3,"metrics":{"discountedReturn":"#), line)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["point", "policy", "seed", "metrics", "episodes"])
        // One episode per run here: its value is the run's mean.
        let mean = try XCTUnwrap((object["metrics"] as? [String: Double])?["discountedReturn"])
        XCTAssertEqual((object["episodes"] as? [String: [Double]])?["discountedReturn"], [mean])
        XCTAssertEqual(output.count, 3)
    }

    func test_merge_reportsMissingAndDuplicatedRuns() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let paths = (1...3).map { folder.appendingPathComponent("s\($0).jsonl").path }
        for (i, path) in paths.enumerated() { XCTAssertEqual(CLIHarness.run(base + ["--shard", "\(i + 1)/3", "--out", path]).status, 0) }
        let missing = CLIHarness.run(["merge", paths[0], paths[2]])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("8 run(s) missing"), missing.err)
        XCTAssertTrue(missing.err.contains("shard 2/3: no file given (8 run(s)"), missing.err)
        let duplicated = CLIHarness.run(["merge"] + paths + [paths[1]])
        XCTAssertEqual(duplicated.status, 1)
        XCTAssertTrue(duplicated.err.contains("8 run(s) appear twice"), duplicated.err)
    }

    func test_merge_malformedLine_namesFileAndLine() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let path = folder.appendingPathComponent("bad.jsonl").path
        try #"{"sweep":{"scenario":"s","scenarioDigest":"0000000000000001","axes":{},"policies":["p"],"seeds":[1],"metrics":["m"]}}"#
            .appending("\n{\"point\": 3}\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = CLIHarness.run(["merge", path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("bad.jsonl:2: point: expected an object"), result.err)
    }

    func test_badArguments_areUsageErrors() {
        XCTAssertEqual(CLIHarness.run(base + ["--shard", "4/3"]).status, 2)
        XCTAssertEqual(CLIHarness.run(base + ["--shard", "0/3"]).status, 2)
        XCTAssertEqual(CLIHarness.run(base + ["--set", "observation.k=2"]).status, 2, "an axis given twice")
        let bad = CLIHarness.run(base + ["--set", "world.zones=5,0"])
        XCTAssertEqual(bad.status, 2, bad.err)
    }
}
