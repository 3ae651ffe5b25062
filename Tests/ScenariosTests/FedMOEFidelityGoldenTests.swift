import XCTest
import Foundation
import Agents
import SimTestSupport
@testable import Scenarios

/// Golden fixed-seed numbers of the FedMOE fidelity rows: FedMOE's game (`nash-n` with q = κ = 0,
/// λ = 1) on every world with FedMOE's settings, and today's default `memoa` on the synthetic worlds.
/// The scenarios are written out here, not read from `Scenarios/`, so the shipped files may change
/// (running normalization, new policies) while these rows stay pinned. The data windows use the
/// `windowMax` normalization of FedMOE, cut to their first 400 rounds to keep the suite fast (the
/// full 2000-round rows follow the same code path), and skip cleanly when `../shared/data` is absent.
final class FedMOEFidelityGoldenTests: XCTestCase {
    private var dataFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    private func metrics(_ world: String, _ policies: String) throws -> [String: RunOutcome] {
        let folder = makeTemporaryDirectory()
        let path = folder.write("s.json5", "{ name: \"golden\", seed: 1, world: { \(world) }, policies: { \(policies) } }")
        let scenario = try Scenario.load(file: path)
        var outcomes: [String: RunOutcome] = [:]
        for name in scenario.world.policyNames {
            var session = try scenario.makeSession(policy: name, seed: 1)
            _ = try session.run(until: session.endTime, shouldStop: { false })
            outcomes[name] = try session.finish()
        }
        return outcomes
    }

    private func check(_ outcome: RunOutcome?, mixture: Double, worst: Double, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(outcome?.metric("mixtureRMSE")?.mean ?? .nan, mixture, accuracy: 1e-13, file: file, line: line)
        XCTAssertEqual(outcome?.metric("worstClientRMSE")?.mean ?? .nan, worst, accuracy: 1e-13, file: file, line: line)
    }

    func test_syntheticWorlds_fedmoeAndDefaultMemoa() throws {
        let logistic = try metrics("""
            kind: "logistic", rounds: 200, clients: 5, encoder: { kind: "esn", latentWidth: 6, sigma: 1.0 },
            mixture: { kind: "ridge", kappaS: 1, eta: 1 }, cost: { q: 1, kappa: 2, lambda: 0, gamma: 50, alpha: 0.001 }
            """, """
            memoa: { kind: "memoa", window: 3 },
            fedmoe: { kind: "nash-n", window: 3, q: 0, kappa: 0, lambda: 1, gamma: 10 }
            """)
        check(logistic["fedmoe"], mixture: 0.21597423627271503, worst: 0.21923699782809528)
        check(logistic["memoa"], mixture: 0.21605577326379383, worst: 0.21795514508258138)
        let periodic = try metrics("""
            kind: "periodic", rounds: 200, clients: 5, encoder: { kind: "esn", latentWidth: 3, sigma: 1.0 },
            mixture: { kind: "ridge", kappaS: 1, eta: 1 }, cost: { q: 1, kappa: 2, lambda: 0, gamma: 50, alpha: 0.001 }
            """, """
            memoa: { kind: "memoa", window: 3 },
            fedmoe: { kind: "nash-n", window: 3, q: 0, kappa: 0, lambda: 1, gamma: 10 }
            """)
        check(periodic["fedmoe"], mixture: 0.16735633441926923, worst: 0.22784639179224048)
        check(periodic["memoa"], mixture: 0.16506060054804697, worst: 0.20428545463682046)
        let drift = try metrics("""
            kind: "concept-drift", rounds: 200, oneDim: false, clients: 5, encoder: { kind: "esn", latentWidth: 3, sigma: 0.01 },
            mixture: { kind: "ridge" }, cost: { q: 1, kappa: 2, lambda: 0, gamma: 5, alpha: 0.001 }
            """, """
            memoa: { kind: "memoa", window: 2 },
            fedmoe: { kind: "nash-n", window: 2, q: 0, kappa: 0, lambda: 1, gamma: 1 }
            """)
        check(drift["fedmoe"], mixture: 0.23260160831781565, worst: 0.4330948948531155)
        check(drift["memoa"], mixture: 0.3326390034192739, worst: 0.41881854500680266)
    }

    private func dataFile(_ relative: String) throws -> String {
        let file = dataFolder.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: file.path) else { throw XCTSkip("\(file.path) is absent") }
        return file.path
    }

    func test_ett_fedmoeRows_windowMax() throws {
        let file = try dataFile("ett-small/ETTh1.csv")
        for (validation, mixture, worst) in [(false, 0.045279461258933076, 0.08781578542970282),
                                             (true, 0.056821078111359336, 0.11214041973903573)] {
            let rows = try metrics("""
                kind: "csv", path: "\(file)", preset: "ett", validation: \(validation), length: 400, normalization: "windowMax", clients: 5,
                encoder: { kind: "esn", latentWidth: 1, sigma: 1.0, activation: "hardSigmoid" },
                cost: { q: 1, kappa: 2, lambda: 0, gamma: 5, alpha: 5.0 }
                """, "fedmoe: { kind: \"nash-n\", window: 2, q: 0, kappa: 0, lambda: 1, gamma: 1 }")
            check(rows["fedmoe"], mixture: mixture, worst: worst)
        }
    }

    func test_boc_fedmoeRows() throws {
        let file = try dataFile("boc-fx/bank_of_canada_exchange_rates.csv")
        for (validation, mixture, worst) in [(false, 0.006198761555225633, 0.017572260628719305),
                                             (true, 0.005169454493690571, 0.01382395458227134)] {
            let rows = try metrics("""
                kind: "csv", path: "\(file)", preset: "boc", validation: \(validation), length: 400, normalization: "none", clients: 5,
                encoder: { kind: "esn", latentWidth: 6, sigma: 0.01 }, cost: { q: 1, kappa: 2, lambda: 0, gamma: 5, alpha: 0.001 }
                """, "fedmoe: { kind: \"nash-n\", window: 3, q: 0, kappa: 0, lambda: 1, gamma: 1 }")
            check(rows["fedmoe"], mixture: mixture, worst: worst)
        }
    }
}
