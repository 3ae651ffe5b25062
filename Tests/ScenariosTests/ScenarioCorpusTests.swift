import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// The example scenarios are the fuzz corpus; each must load as it is.
final class ScenarioCorpusTests: XCTestCase {
    func test_everyScenarioFile_loads() throws {
        let files = RepositoryFiles.scenarioFiles()
        XCTAssertFalse(files.isEmpty, "no Scenarios/*.json5 found under \(RepositoryFiles.root.path)")
        for file in files {
            XCTAssertNoThrow(try Scenario.load(file: file.path), file.lastPathComponent)
        }
    }

    /// The fuzz seeds must load unmutated, or their mutants only ever test the first error.
    func test_everyFuzzSeed_loads() throws {
        for seed in FuzzSeeds.all {
            XCTAssertNoThrow(try Scenario(source: ScenarioSource(data: Data(seed.text.utf8), file: seed.name)), seed.name)
        }
    }
}
