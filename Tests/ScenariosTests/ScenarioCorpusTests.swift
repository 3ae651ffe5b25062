import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// The example scenarios are the fuzz corpus; each must load as it is.
final class ScenarioCorpusTests: XCTestCase {
    func test_everyScenarioFile_loads() throws {
        let files = RepositoryFiles.scenarioFiles()
        XCTAssertFalse(files.isEmpty, "no Scenarios/*.json5 found under \(RepositoryFiles.root.path)")
        let dataFolder = RepositoryFiles.root.deletingLastPathComponent().appendingPathComponent("shared/data")
        let haveData = FileManager.default.fileExists(atPath: dataFolder.path)
        var skipped: [String] = []
        for file in files {
            // Scenarios on the real data files load only when the data folder is beside the repository.
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            if !haveData && text.contains("path: \"../../shared/data/") {
                skipped.append(file.lastPathComponent)
                continue
            }
            XCTAssertNoThrow(try Scenario.load(file: file.path), file.lastPathComponent)
        }
        if !skipped.isEmpty {
            print("skipped (no \(dataFolder.path)): \(skipped.joined(separator: ", "))")
        }
    }

    /// The fuzz seeds must load unmutated, or their mutants only ever test the first error.
    func test_everyFuzzSeed_loads() throws {
        for seed in FuzzSeeds.all {
            XCTAssertNoThrow(try Scenario(source: ScenarioSource(data: Data(seed.text.utf8), file: seed.name)), seed.name)
        }
    }
}
