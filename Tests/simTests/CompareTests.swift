import Foundation
import SimTestSupport
import XCTest
@testable import sim

final class CompareTests: XCTestCase {
    private func compare(_ extra: [String]) -> (status: Int32, out: String, err: String) {
        CLIHarness.run(["compare", CLIHarness.quickstart, "--seeds", "1..5"] + CLIHarness.small + extra)
    }

    func test_compare_twice_givesIdenticalOutputs() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let a = folder.appendingPathComponent("a.json").path, b = folder.appendingPathComponent("b.json").path
        let first = compare(["--json", a]), second = compare(["--json", b])
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertEqual(first.out, second.out)
        XCTAssertEqual(try String(contentsOfFile: a, encoding: .utf8), try String(contentsOfFile: b, encoding: .utf8))
        XCTAssertTrue(first.out.contains("dispatch-follow"), first.out)
    }

    /// The paired CI equals mean ± t(0.975, 4) · s / √5 computed by hand from the per-seed values.
    func test_json_pairedCI_equalsHandComputation() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let path = folder.appendingPathComponent("c.json").path
        XCTAssertEqual(compare(["--json", path]).status, 0)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        XCTAssertEqual(root["seeds"] as? [Int], [1, 2, 3, 4, 5])
        XCTAssertEqual(root["policies"] as? [String], ["random", "dispatch", "dispatch-follow"])
        let metric = try XCTUnwrap((root["metrics"] as? [String: Any])?["discountedReturn"] as? [String: Any])
        XCTAssertEqual(metric["pairedAgainst"] as? String, "random")
        let perPolicy = try XCTUnwrap(metric["perPolicy"] as? [String: [String: Any]])
        let base = try XCTUnwrap(perPolicy["random"]?["perSeed"] as? [Double])
        let other = try XCTUnwrap(perPolicy["dispatch-follow"]?["perSeed"] as? [Double])
        let d = zip(other, base).map { $0 - $1 }
        let mean = d.reduce(0, +) / 5
        let s = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        let half = 2.776445105197793 * s / 5.0.squareRoot()
        let difference = try XCTUnwrap((metric["differences"] as? [String: [String: Any]])?["dispatch-follow"])
        let ci = try XCTUnwrap(difference["ci95"] as? [Double])
        XCTAssertTrue(isApproximatelyEqual(difference["mean"] as! Double, mean, relative: 1e-12))
        XCTAssertTrue(isApproximatelyEqual(ci[0], mean - half, relative: 1e-10), "\(ci) vs \(mean) ± \(half)")
        XCTAssertTrue(isApproximatelyEqual(ci[1], mean + half, relative: 1e-10), "\(ci) vs \(mean) ± \(half)")
        let wins = d.filter { $0 > 0 }.count, losses = d.filter { $0 < 0 }.count
        XCTAssertEqual([difference["wins"], difference["losses"], difference["ties"]] as? [Int], [wins, losses, 5 - wins - losses])
        XCTAssertNil((metric["differences"] as? [String: Any])?["random"], "no difference of the baseline with itself")
    }

    func test_json_keysFollowTheDesignFormat() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let path = folder.appendingPathComponent("k.json").path
        XCTAssertEqual(compare(["--json", path, "--policies", "dispatch,random", "--metrics", "modeAccuracy"]).status, 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(Set(root.keys), ["scenario", "seeds", "policies", "metrics"])
        let metric = try XCTUnwrap((root["metrics"] as? [String: [String: Any]])?["modeAccuracy"])
        XCTAssertEqual(Set(metric.keys), ["perPolicy", "pairedAgainst", "differences"])
        XCTAssertEqual(metric["pairedAgainst"] as? String, "dispatch")
        XCTAssertEqual(Set((metric["perPolicy"] as! [String: [String: Any]])["random"]!.keys), ["perSeed", "mean", "ci95"])
        XCTAssertEqual(Set((metric["differences"] as! [String: [String: Any]])["random"]!.keys), ["mean", "ci95", "wins", "losses", "ties"])
        XCTAssertEqual((root["metrics"] as? [String: Any])?.count, 1)
    }

    func test_csv_hasOneRowPerMetricAndPolicy() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let path = folder.appendingPathComponent("c.csv").path
        XCTAssertEqual(compare(["--csv", path]).status, 0)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 1 + 2 * 3)
        XCTAssertTrue(lines[0].hasPrefix("metric,policy,seeds,mean,ci95Low,ci95High,pairedAgainst,diffMean"))
        XCTAssertTrue(lines[1].hasPrefix("discountedReturn,random,5,"))
        XCTAssertTrue(lines[1].hasSuffix(",,,,,,,"), String(lines[1]))
        XCTAssertEqual(lines[2].split(separator: ",", omittingEmptySubsequences: false).count, 13)
    }

    /// A metric no policy changes (the persistence RMSE) is one reference row, not one row per policy
    /// with zero differences; metrics that differ keep their rows.
    func test_metricSharedByEveryPolicy_isOneReferenceRow() throws {
        let file = CLIHarness.root.appendingPathComponent("Scenarios/ts-logistic.json5").path
        let result = CLIHarness.run(["compare", file, "--seeds", "1..2", "--policies", "memoa,greedy", "--set", "episodes=1",
                                     "--set", "world.rounds=12", "--metrics", "mixtureRMSE,naiveRMSE", "--no-progress"])
        XCTAssertEqual(result.status, 0, result.err)
        let rows = result.out.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(rows.filter { $0.first == "naiveRMSE" }.map { Array($0.prefix(3)) }, [["naiveRMSE", "(every", "policy)"]])
        XCTAssertEqual(rows.filter { $0.first == "mixtureRMSE" }.count, 2)
        XCTAssertTrue(result.out.contains("the same for every policy on every seed (a reference): naiveRMSE"), result.out)
        XCTAssertFalse(result.out.contains("naiveRMSE: lower is better"), result.out)
    }

    func test_unknownPolicyOrMetric_isUsageError() {
        let policy = compare(["--policies", "random,dispach"])
        XCTAssertEqual(policy.status, 2)
        XCTAssertTrue(policy.err.contains("did you mean 'dispatch'?"), policy.err)
        let metric = compare(["--metrics", "discountedReturns"])
        XCTAssertEqual(metric.status, 2)
        XCTAssertTrue(metric.err.contains("did you mean 'discountedReturn'?"), metric.err)
        XCTAssertEqual(compare(["--seeds", "5..1"]).status, 2)
    }

    func test_interruptBeforeTheFirstSeed_exits130() {
        Interrupt.install()
        Interrupt.request()
        defer { Interrupt.reset() }
        let result = compare([])
        XCTAssertEqual(result.status, 130)
        XCTAssertTrue(result.err.contains("interrupted"), result.err)
    }
}
