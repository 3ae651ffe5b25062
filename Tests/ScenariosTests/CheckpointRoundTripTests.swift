import Engine
import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// In-process checkpoint round trips: run a session to time T, save it, restore the
/// bytes into a freshly built session, run both to the end; metrics, series, event counts and every
/// trace record must be bit-identical to a run that was never interrupted. Covers every example world
/// and the fuzz seeds (Poisson and triggered custom kinds exercise the queue and schedule counters).
final class CheckpointRoundTripTests: XCTestCase {
    /// Small versions of the examples: what matters is crossing episode boundaries and mid-episode cuts.
    static let cases: [(file: String, overrides: [String])] = [
        ("quickstart.json5", ["episodes=3", "horizon=7"]),
        ("ring-zones.json5", ["episodes=2", "horizon=6", "world.localAgents=300"]),
        ("ts-logistic.json5", ["episodes=2", "world.rounds=12"]),
        // A stateful mixture rule (hedge keeps cumulative losses) and memoa's k-of-N sample.
        ("ts-logistic.json5", ["world.rounds=12", "world.mixture={kind: \"hedge\"}", "observation.k=2"]),
        ("ts-logistic.json5", ["world.rounds=9", "world.mixture={kind: \"eg\"}"]),
        ("ts-periodic.json5", ["world.rounds=15"]),
        ("ts-concept-drift.json5", ["world.rounds=10"]),
        ("ts-csv-small.json5", ["world.length=20"]),
        ("ts-n-sweep.json5", ["world.rounds=10"]),
        ("fedopt.json5", ["episodes=2", "horizon=20"]),
        ("fedopt-async.json5", ["episodes=2", "horizon=20"]),
        ("robots-continuous.json5", ["episodes=2", "horizon=8", "world.localAgents=200"]),
    ]
    /// Learned policies train when a session starts (minutes in a debug build); training is tested
    /// where the learners live, and a trained policy checkpoints like any other.
    static let learnedKinds: Set<String> = ["g-learn", "alternating-marl", "subsample-mfq"]

    func test_everyExampleWorld_resumesBitIdentically() throws {
        for (file, overrides) in Self.cases {
            let url = RepositoryFiles.root.appendingPathComponent("Scenarios/" + file)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let scenario = try Scenario.load(file: url.path, overrides: try overrides.map { try Override.parse($0) })
            let text = try String(contentsOf: url, encoding: .utf8)
            for policy in scenario.policyNames where !Self.isLearned(policy, in: text) {
                try checkRoundTrips(scenario, policy: policy, label: "\(file) \(policy)")
            }
        }
    }

    func test_fuzzSeeds_withPoissonAndTriggeredKinds_resumeBitIdentically() throws {
        for seed in FuzzSeeds.all {
            let scenario = try Scenario(source: ScenarioSource(data: Data(seed.text.utf8), file: seed.name))
            for policy in scenario.policyNames { try checkRoundTrips(scenario, policy: policy, label: "\(seed.name) \(policy)") }
        }
    }

    static func isLearned(_ policy: String, in text: String) -> Bool {
        guard let tree = try? JSONValue.decode(json5: Data(text.utf8)), case .string(let kind)? = tree["policies"]?[policy]?["kind"] else {
            return false
        }
        return learnedKinds.contains(kind)
    }

    /// Cuts at a few times, including fractional ones between events and the very start.
    func checkRoundTrips(_ scenario: Scenario, policy: String, label: String) throws {
        let reference = try run(scenario, policy: policy, cut: nil)
        let end = reference.end
        for cut in [0.5, 1, end / 3, end / 2 + 0.25, end - 1] where cut > 0 && cut < end {
            let resumed = try run(scenario, policy: policy, cut: cut)
            XCTAssertEqual(resumed.records, reference.records, "\(label): trace differs after a cut at \(cut)")
            XCTAssertEqual(resumed.outcome.events, reference.outcome.events, "\(label) cut \(cut)")
            XCTAssertEqual(resumed.outcome.simulatedTime, reference.outcome.simulatedTime, "\(label) cut \(cut)")
            XCTAssertEqual(resumed.outcome.metrics.map(\.name), reference.outcome.metrics.map(\.name), "\(label) cut \(cut)")
            for (a, b) in zip(resumed.outcome.metrics, reference.outcome.metrics) where a.name != "wallSecondsPerStep" {
                XCTAssertEqual(a.stats, b.stats, "\(label) cut \(cut): \(a.name)")
            }
            XCTAssertEqual(resumed.outcome.series, reference.outcome.series, "\(label) cut \(cut): series")
        }
    }

    struct Result {
        var outcome: RunOutcome
        var records: [TraceRecord]
        var end: SimTime
    }

    /// Runs to the end, or to `cut`, checkpoints, restores into a new session and runs to the end.
    func run(_ scenario: Scenario, policy: String, cut: SimTime?) throws -> Result {
        var session = try scenario.makeSession(policy: policy)
        XCTAssertTrue(session.supportsCheckpoints)
        session.attachTrace(TraceRecorder(), filter: TraceFilter())
        var records: [TraceRecord] = []
        if let cut {
            _ = try session.run(until: cut, shouldStop: { false })
            var writer = StateWriter()
            try session.saveState(into: &writer)
            records = (try session.detachTrace() as? TraceRecorder)?.records ?? []
            // A fresh session, as `sim resume` builds it, then the saved bytes.
            session = try scenario.makeSession(policy: policy)
            var reader = StateReader(writer.bytes)
            try session.restoreState(from: &reader)
            XCTAssertEqual(reader.remaining, 0, "restore left bytes unread")
            session.attachTrace(TraceRecorder(), filter: TraceFilter())
        }
        _ = try session.run(until: session.endTime, shouldStop: { false })
        records += (try session.detachTrace() as? TraceRecorder)?.records ?? []
        return Result(outcome: try session.finish(), records: records, end: session.endTime)
    }

    func test_restoreIntoAnotherPolicy_isRefused() throws {
        let url = RepositoryFiles.root.appendingPathComponent("Scenarios/quickstart.json5")
        let scenario = try Scenario.load(file: url.path, overrides: [try Override.parse("episodes=2")])
        var session = try scenario.makeSession(policy: "dispatch-follow")
        _ = try session.run(until: 5, shouldStop: { false })
        var writer = StateWriter()
        try session.saveState(into: &writer)
        var other = try scenario.makeSession(policy: "random")
        var reader = StateReader(writer.bytes)
        XCTAssertThrowsError(try other.restoreState(from: &reader)) { error in
            guard case .mismatch? = error as? CheckpointError else { return XCTFail("\(error)") }
        }
    }

    func test_truncatedState_isAnErrorNotATrap() throws {
        let url = RepositoryFiles.root.appendingPathComponent("Scenarios/quickstart.json5")
        let scenario = try Scenario.load(file: url.path, overrides: [try Override.parse("episodes=2")])
        var session = try scenario.makeSession(policy: "random")
        _ = try session.run(until: 5, shouldStop: { false })
        var writer = StateWriter()
        try session.saveState(into: &writer)
        var random = TestRandom(seed: 9)
        for _ in 0..<300 {
            var bytes = writer.bytes
            if random.chance(0.5) {
                bytes.removeSubrange(random.int(below: bytes.count)...)
            } else {
                bytes[random.int(below: bytes.count)] ^= UInt8(1) << UInt8(random.int(below: 8))
            }
            var fresh = try scenario.makeSession(policy: "random")
            var reader = StateReader(bytes)
            do { try fresh.restoreState(from: &reader) } catch is CheckpointError {} catch { XCTFail("\(error)") }
        }
    }
}
