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
    private func records(_ plan: SweepPlan, items: [SweepPlan.Item]) -> [(record: SweepRecord, place: String)] {
        let points = plan.points
        return items.map { (SweepRecord(point: points[$0.point], policy: $0.policy, seed: $0.seed, metrics: [("m", 1)]), "f:\($0.index)") }
    }

    private let plan = SweepPlan(axes: [SweepAxis(path: "k", values: [.number(1), .number(2)]), SweepAxis(path: "n", values: [.number(10), .number(20), .number(30)])],
                                 policies: ["a", "b"], seeds: [1, 2, 3])

    func test_allShards_areComplete() {
        let all = (1...3).flatMap { records(plan, items: plan.items(shard: $0, of: 3)) }
        XCTAssertTrue(SweepCoverage(all).isComplete)
    }

    /// With as many shards as seeds, each shard must still not own a whole seed, or a forgotten
    /// shard file would go unnoticed.
    func test_forgottenShard_showsAsMissing_forEveryShard() {
        for forgotten in 1...3 {
            let kept = (1...3).filter { $0 != forgotten }.flatMap { records(plan, items: plan.items(shard: $0, of: 3)) }
            let coverage = SweepCoverage(kept)
            XCTAssertEqual(coverage.missing.count, plan.items(shard: forgotten, of: 3).count, "shard \(forgotten)")
            XCTAssertTrue(coverage.duplicates.isEmpty)
        }
    }

    func test_shardGivenTwice_showsAsDuplicates() {
        let twice = records(plan, items: plan.items) + records(plan, items: plan.items(shard: 2, of: 3))
        let coverage = SweepCoverage(twice)
        XCTAssertEqual(coverage.duplicates.count, 12)
        XCTAssertTrue(coverage.missing.isEmpty)
    }

    func test_differentPointFields_areInconsistent() {
        var list = records(plan, items: plan.items)
        list[4].record.point.removeLast()
        XCTAssertEqual(SweepCoverage(list).inconsistentFields, ["f:4: fields [\"k\"]"])
    }
}
