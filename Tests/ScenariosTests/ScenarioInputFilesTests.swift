import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// `Scenario.inputFiles` lists every file a scenario reads (outputs are checked against it), and
/// `World.seriesNames` the series its runs record (`--plot-series` is checked against it).
final class ScenarioInputFilesTests: XCTestCase {
    private lazy var folder = makeTemporaryDirectory()

    func testInputFilesListTheDataTablesAndPolicyFiles() throws {
        let csv = try Scenario.load(file: RepositoryFiles.root.appendingPathComponent("Scenarios/ts-csv-small.json5").path)
        XCTAssertEqual(csv.inputFiles.count, 2)
        XCTAssertEqual(URL(fileURLWithPath: csv.inputFiles[1]).standardizedFileURL.path,
                       RepositoryFiles.root.appendingPathComponent("Scenarios/data/synthetic-series.csv").path)

        folder.write("tables.json", """
        { P_g: [[[1, 0]], [[0, 1]]], P_l: [[[[1, 0]], [[1, 0]]], [[[0, 1]], [[0, 1]]]], R_g: [[1], [0]], R_l: [[[1], [0]], [[0], [1]]] }
        """)
        let text = "{ name: \"t\", world: { kind: \"tabular\", localAgents: 5, tablesFile: \"tables.json\" }, observation: { k: 2 }, "
            + "policies: { r: { kind: \"random\" }, g: { kind: \"g-learn\" } } }"
        let tabular = try Scenario.load(file: folder.write("t.json5", text))
        XCTAssertEqual(tabular.inputFiles, [folder.file("t.json5"), folder.path + "/tables.json"])
        let trained = try (tabular.world as! TabularScenarioWorld).train(policy: "g", progress: { _ in })
        folder.write("p.json", trained.rendered())
        let deployed = try Scenario.load(file: folder.file("t.json5"), overrides: [try Override.parse("policies.f={kind: \"tabular\", file: \"p.json\"}")])
        XCTAssertEqual(deployed.inputFiles, [folder.file("t.json5"), folder.path + "/tables.json", folder.path + "/p.json"])
    }

    /// An external server mixture's script is an input like an external policy's.
    func testInputFilesListAnExternalMixturesScript() throws {
        folder.write("mix.py", "print()\n")
        let text = "{ name: \"m\", world: { kind: \"logistic\", rounds: 5, clients: 2, mixture: { kind: \"external\", "
            + "command: [\"python3\", \"mix.py\"] } }, policies: { p: { kind: \"persistence\" } } }"
        let scenario = try Scenario.load(file: folder.write("m.json5", text))
        XCTAssertEqual(scenario.inputFiles, [folder.file("m.json5"), folder.path + "/mix.py"])
    }

    /// Every file a shipped scenario names is listed: each string value that names an existing file
    /// beside the scenario is in `inputFiles`.
    func testInputFilesCoverEveryFileAShippedScenarioNames() throws {
        for url in RepositoryFiles.scenarioFiles() {
            guard let scenario = try? Scenario.load(file: url.path) else { continue }
            let source = try ScenarioSource(file: url.path)
            for name in Self.strings(in: source.tree) where name.contains("/") || name.hasSuffix(".json") || name.hasSuffix(".csv") {
                let resolved = source.context.resolve(name)
                guard FileManager.default.fileExists(atPath: resolved) else { continue }
                XCTAssertTrue(scenario.inputFiles.contains(resolved), "\(url.lastPathComponent): \(name) is read but not listed")
            }
        }
    }

    func testSeriesNamesAreWhatARunRecords() throws {
        for url in RepositoryFiles.scenarioFiles() {
            guard let scenario = try? Scenario.load(file: url.path), let names = scenario.world.seriesNames else { continue }
            var policy = scenario.policyNames[0]
            if let tabular = scenario.world as? TabularScenarioWorld {
                // A fixed policy: learned ones would train first.
                guard let fixed = tabular.policies.first(where: { if case .fixed = $0.source { true } else { false } }) else { continue }
                policy = fixed.name
            }
            let session = try scenario.world.makeSession(policy: policy, seed: 1, metrics: nil)
            XCTAssertEqual(names, session.seriesSoFar.map(\.name), url.lastPathComponent)
        }
    }

    private static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let s): return [s]
        case .array(let items): return items.flatMap(strings)
        case .object(let members): return members.flatMap { strings(in: $0.value) }
        default: return []
        }
    }
}
