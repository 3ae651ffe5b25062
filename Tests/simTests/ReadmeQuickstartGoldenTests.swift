import Foundation
import SimTestSupport
import XCTest

/// The README's quickstart table is real output: the rows printed by
/// `sim run Scenarios/quickstart.json5` (seed 7) must equal the rows the README shows, character for
/// character. A change in any number the quickstart prints fails here until the README is re-run.
final class ReadmeQuickstartGoldenTests: XCTestCase {
    /// The table rows of the README's quickstart example: from the `policy … n` header to the first
    /// per-policy timing line (`random: 3020 events, …`), which depends on the machine.
    func readmeTable() throws -> [String] {
        let readme = try String(contentsOf: CLIHarness.root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        guard let command = lines.firstIndex(of: "$ swift run -c release sim run Scenarios/quickstart.json5") else {
            XCTFail("the README no longer shows the quickstart command")
            return []
        }
        return Array(lines[(command + 1)...].prefix { !$0.contains(" events, simulated time ") && $0 != "```" })
    }

    func test_quickstartTable_matchesReadme() throws {
        let expected = try readmeTable()
        XCTAssertGreaterThanOrEqual(expected.count, 8, "the README's quickstart table lost rows")
        let result = CLIHarness.run(["run", CLIHarness.quickstart, "--no-progress"])
        XCTAssertEqual(result.status, 0, result.err)
        let printed = result.out.components(separatedBy: "\n").prefix { !$0.contains(" events, simulated time ") }
        XCTAssertEqual(Array(printed), expected)
    }
}
