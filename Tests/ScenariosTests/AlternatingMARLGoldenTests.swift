import Agents
import Engine
import Scenarios
import SimTestSupport
import XCTest

/// Golden numbers of the default `alternating-marl` (stationary L-LEARN model, uniform start, softmax
/// temperature max(0.3, range/3)) on `Scenarios/ring-zones-train.json5`, scaled down to stay fast in a
/// debug build (n = 200, k = 5, 4 evaluation episodes). Every new learner option defaults to this
/// configuration, so these numbers must not move when options are added.
final class AlternatingMARLGoldenTests: XCTestCase {
    /// `amarl` is replaced by a policy that sets nothing but its evaluation length, so the defaults are pinned.
    private let small = ["world.localAgents=200", "observation.k=5", "episodes=6",
                         "policies.amarl={kind: 'alternating-marl', evalEpisodes: 4}"]

    private func load(_ extra: [String] = []) throws -> Scenario {
        let file = SimBinary.repositoryRoot.appendingPathComponent("Scenarios/ring-zones-train.json5").path
        return try Scenario.load(file: file, overrides: (small + extra).map(Override.parse))
    }

    func test_defaultConfiguration_reproducesThePinnedTrainingAndReturns() throws {
        let scenario = try load()
        let world = try XCTUnwrap(scenario.world as? TabularScenarioWorld)
        let trained = try world.train(policy: "amarl", progress: { _ in })
        let values = trained.log.compactMap { line -> Double? in
            guard let range = line.range(of: "value ") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != "," })
        }
        XCTAssertEqual(values, [82.49693464884021, 82.65060172406557])
        XCTAssertEqual(trained.value, 82.65060172406557)
        // Fingerprints of the tables: position-weighted sums, so a moved entry changes them.
        let globalPrint = trained.globalTable.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 97 + 1) }
        let localPrint = trained.localTable.enumerated().reduce(0.0) { $0 + $1.element * Double($1.offset + 1) }
        XCTAssertEqual(globalPrint, 57251)
        XCTAssertEqual(localPrint, 947.6583115835165, accuracy: 1e-9)
        var returns: [Double] = []
        for seed: UInt64 in [1, 2] {
            var session = try scenario.makeSession(policy: "amarl", seed: seed)
            _ = try session.run(until: session.endTime, shouldStop: { false })
            returns.append(try XCTUnwrap(try session.finish().metric("discountedReturn")).mean)
        }
        XCTAssertEqual(returns, [80.59654168124295, 87.72658119064393])
    }
}
