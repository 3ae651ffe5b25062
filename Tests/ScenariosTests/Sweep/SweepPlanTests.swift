import XCTest
@testable import Scenarios

final class SweepPlanTests: XCTestCase {
    func test_parse_splitsTopLevelCommasOnly() throws {
        let axis = try SweepAxis.parse("world.mu=[0.5,0.5],[0.2,0.8]")
        XCTAssertEqual(axis.path, "world.mu")
        XCTAssertEqual(axis.values, [.array([.number(0.5), .number(0.5)]), .array([.number(0.2), .number(0.8)])])
        XCTAssertEqual(try SweepAxis.parse("observation.k=1, 2,5").values, [.number(1), .number(2), .number(5)])
        XCTAssertEqual(try SweepAxis.parse("world.kind=ring-zones").values, [.string("ring-zones")])
    }

    func test_parse_rejectsEmptyAndRepeatedValues() {
        XCTAssertThrowsError(try SweepAxis.parse("observation.k=1,,2")) { error in
            XCTAssertTrue("\(error)".contains("empty value"), "\(error)")
        }
        XCTAssertThrowsError(try SweepAxis.parse("observation.k=1,2,1")) { error in
            XCTAssertTrue("\(error)".contains("listed twice"), "\(error)")
        }
        XCTAssertThrowsError(try SweepAxis.parse("observation.k"))
    }

    func test_points_areCartesian_firstAxisSlowest() throws {
        let plan = SweepPlan(axes: [try SweepAxis.parse("a=1,2"), try SweepAxis.parse("b=x,y,z")], policies: ["p"], seeds: [1])
        let points = plan.points.map { $0.map { "\($0.path)=\($0.value.brief)" }.joined(separator: " ") }
        XCTAssertEqual(points, ["a=1 b=\"x\"", "a=1 b=\"y\"", "a=1 b=\"z\"", "a=2 b=\"x\"", "a=2 b=\"y\"", "a=2 b=\"z\""])
        XCTAssertEqual(plan.items.count, 6)
    }

    func test_shards_partitionTheItems_forEveryShardCount() throws {
        let plan = SweepPlan(axes: [try SweepAxis.parse("a=1,2,3"), try SweepAxis.parse("b=4,5")],
                             policies: ["p", "q"], seeds: [1, 2, 3, 4, 5])
        let all = plan.items.map(\.index)
        for count in 1...7 {
            let shards = (1...count).map { plan.items(shard: $0, of: count).map(\.index) }
            XCTAssertEqual(shards.flatMap { $0 }.sorted(), all, "N = \(count)")
            XCTAssertLessThanOrEqual((shards.map(\.count).max() ?? 0) - (shards.map(\.count).min() ?? 0), 5 % count, "N = \(count)")
        }
    }

    func test_record_roundTripsThroughItsLine() throws {
        let record = SweepRecord(point: [Override(path: "observation.k", value: .number(5)), Override(path: "w.kind", value: .string("x"))],
                                 policy: "amarl", seed: 3, metrics: [("discountedReturn", 12.25), ("modeAccuracy", .nan)])
        XCTAssertEqual(record.jsonLine,
                       #"{"point":{"observation.k":5,"w.kind":"x"},"policy":"amarl","seed":3,"metrics":{"discountedReturn":12.25,"modeAccuracy":null}}"#)
        let parsed = try SweepRecord(line: record.jsonLine, place: "f.jsonl:1")
        XCTAssertEqual(parsed.point, record.point)
        XCTAssertEqual(parsed.runKey, record.runKey)
        XCTAssertEqual(parsed.metrics[0].value, 12.25)
        XCTAssertTrue(parsed.metrics[1].value.isNaN)
    }

    func test_record_badLine_namesPlaceAndField() {
        XCTAssertThrowsError(try SweepRecord(line: #"{"point":{},"policy":"p","seed":-1,"metrics":{}}"#, place: "s.jsonl:4")) { error in
            XCTAssertTrue("\(error)".hasPrefix("s.jsonl:4: seed: expected a whole number"), "\(error)")
        }
        XCTAssertThrowsError(try SweepRecord(line: "{oops", place: "s.jsonl:9")) { error in
            XCTAssertTrue("\(error)".hasPrefix("s.jsonl:9"), "\(error)")
        }
    }

    func test_metricDirection() {
        XCTAssertEqual(MetricDirection.of("discountedReturn"), .higherIsBetter)
        XCTAssertEqual(MetricDirection.of("worstClientRMSE"), .lowerIsBetter)
        XCTAssertEqual(MetricDirection.of("simulatedTimeToTarget"), .lowerIsBetter)
        XCTAssertEqual(MetricDirection.of("globalLoss"), .lowerIsBetter)
        XCTAssertEqual(MetricDirection.of("wallSecondsPerStep"), .lowerIsBetter)
        XCTAssertEqual(MetricDirection.of("modeAccuracy"), .higherIsBetter)
    }
}

final class SweepCoverageTests: XCTestCase {
    private let identity = SweepIdentity(scenario: "s", scenarioDigest: 1,
                                         axes: [SweepAxis(path: "k", values: [.number(1), .number(2)]), SweepAxis(path: "n", values: [.number(10), .number(20), .number(30)])],
                                         policies: ["a", "b"], seeds: [1, 2, 3], metrics: ["m"], shard: nil)

    private func file(_ shard: Int, of count: Int, dropping drop: Int = 0) -> SweepCoverage.File {
        let points = identity.plan.points
        let items = identity.plan.items(shard: shard, of: count).dropLast(drop)
        return SweepCoverage.File(name: "s\(shard).jsonl", shard: SweepIdentity.Shard(index: shard, count: count),
                                  records: items.map { SweepRecord(point: points[$0.point], policy: $0.policy, seed: $0.seed, metrics: [("m", 1)]) })
    }

    func test_allShards_areComplete() {
        XCTAssertTrue(SweepCoverage(identity: identity, files: (1...3).map { file($0, of: 3) }).isComplete)
    }

    /// With as many shards as seeds, each shard must still not own a whole seed, or a forgotten
    /// shard file would go unnoticed; the gap names the forgotten shard.
    func test_forgottenShard_showsAsMissing_forEveryShard() {
        for forgotten in 1...3 {
            let coverage = SweepCoverage(identity: identity, files: (1...3).filter { $0 != forgotten }.map { file($0, of: 3) })
            XCTAssertEqual(coverage.missing.count, identity.plan.items(shard: forgotten, of: 3).count, "shard \(forgotten)")
            XCTAssertTrue(coverage.duplicates.isEmpty)
            XCTAssertEqual(coverage.gaps.map(\.file), [nil])
            XCTAssertEqual(coverage.gaps.first?.shard, SweepIdentity.Shard(index: forgotten, count: 3))
        }
    }

    /// A shard cut short (a time limit) is reported against its own file, with the runs it still owes.
    func test_shardCutShort_isReportedAgainstItsFile() {
        let coverage = SweepCoverage(identity: identity, files: [file(1, of: 3), file(2, of: 3, dropping: 2), file(3, of: 3)])
        XCTAssertEqual(coverage.missing.count, 2)
        XCTAssertEqual(coverage.gaps.count, 1)
        XCTAssertEqual(coverage.gaps[0].file, "s2.jsonl")
        XCTAssertEqual(coverage.gaps[0].expected, 12)
        XCTAssertEqual(coverage.gaps[0].missing, coverage.missing)
    }

    func test_shardGivenTwice_showsAsDuplicates() {
        let coverage = SweepCoverage(identity: identity, files: (1...3).map { file($0, of: 3) } + [file(2, of: 3)])
        XCTAssertEqual(coverage.duplicates.count, 12)
        XCTAssertTrue(coverage.missing.isEmpty)
    }
}
