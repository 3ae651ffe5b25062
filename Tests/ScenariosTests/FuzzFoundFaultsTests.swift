import Foundation
import SimTestSupport
import Scenarios
import XCTest

/// Faults the command-line fuzz campaign found in validation.
final class FuzzFoundFaultsTests: XCTestCase {
    /// `--set policies.amarl-joint.samples=-1e308` crashed the memory estimate (a Double that cannot
    /// be an Int64, printed before the policy's own reader saw the value): now the reader's error.
    func test_samplesMinus1e308_isAValidationErrorNotACrash() throws {
        let file = RepositoryFiles.root.appendingPathComponent("Scenarios/ring-zones-train.json5").path
        XCTAssertThrowsError(try Scenario.load(file: file, overrides: [Override.parse("policies.amarl-joint.samples=-1e308")])) { error in
            guard case ScenarioError.invalid(let issue) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(issue.path, "policies.amarl-joint.samples")
        }
        XCTAssertEqual(MemoryEstimate.number(-1e308), "-1e+308")
        XCTAssertEqual(MemoryEstimate.number(-12), "-12")
        XCTAssertEqual(MemoryEstimate.number(.infinity), "inf")
    }

    /// Foundation's `deletingLastPathComponent` crashed on one-character names (`--out 1`).
    func test_oneCharacterOutputName_hasTheCurrentFolder() {
        XCTAssertEqual(OutputDestination.folder(of: "1"), "")
        XCTAssertEqual(OutputDestination.folder(of: "a/1"), "a")
        XCTAssertEqual(OutputDestination.folder(of: "/1"), "/")
        XCTAssertEqual(OutputDestination.folder(of: "a//b/"), "a")
        XCTAssertEqual(OutputDestination.folder(of: "/"), "/")
        XCTAssertNil(OutputDestination.problem("1"), "the current folder is writable")
        XCTAssertEqual(OutputDestination.problem("nosuch-folder-x/1")?.description,
                       "cannot write 'nosuch-folder-x/1': the folder 'nosuch-folder-x' does not exist")
    }
}
