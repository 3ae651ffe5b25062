import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// Every bad input fails with a `ScenarioError` whose one-line message names the file and the field.
final class ScenarioValidationTests: XCTestCase {
    private lazy var folder = makeTemporaryDirectory()

    private static let valid = """
    {
      name: "t",
      horizon: 5,
      world: { kind: "ring-zones", localAgents: 20 },
      observation: { k: 4 },
      policies: { random: { kind: "random" }, dispatch: { kind: "mode-dispatch" } },
    }
    """

    private func error(_ text: String, overrides: [String] = []) -> ScenarioError? {
        let file = folder.write("s.json5", text)
        do {
            _ = try Scenario.load(file: file, overrides: overrides.map(Override.parse))
            return nil
        } catch let error as ScenarioError {
            XCTAssertFalse(error.description.contains("\n"), "one line: \(error)")
            XCTAssertTrue(error.description.hasPrefix(file), "names the file: \(error)")
            return error
        } catch {
            XCTFail("not a ScenarioError: \(error)")
            return nil
        }
    }

    func test_validScenario_loadsWithPoliciesInFileOrder() throws {
        let scenario = try Scenario.load(file: folder.write("ok.json5", Self.valid))
        XCTAssertEqual(scenario.policyNames, ["random", "dispatch"])
        XCTAssertEqual(scenario.header.k, 4)
    }

    func test_notJSON5_reportsLineAndColumn() {
        let e = error("{\n  name: \"t\",\n  horizon: 5 6,\n}")
        XCTAssertEqual(e, .syntax(file: folder.file("s.json5"), line: 3, column: 14, detail: "expected ',' or '}' after the value of 'horizon'"))
    }

    func test_wrongType_namesTheFieldAndValue() {
        let e = error(Self.valid.replacingOccurrences(of: "horizon: 5", with: "horizon: \"ten\""))
        XCTAssertEqual(e?.path, "horizon")
        XCTAssertTrue(e?.description.contains("got \"ten\"") ?? false, "\(String(describing: e))")
        XCTAssertTrue(e?.description.contains(":3:") ?? false, "line 3: \(String(describing: e))")
    }

    func test_unknownKey_suggestsTheClosest() {
        let e = error(Self.valid.replacingOccurrences(of: "localAgents: 20", with: "localAgents: 20, locaAgents: 3"))
        XCTAssertEqual(e?.path, "world.locaAgents")
        XCTAssertTrue(e?.description.contains("did you mean 'localAgents'?") ?? false, "\(String(describing: e))")
    }

    func test_kGreaterThanN_isRejectedAtObservationK() {
        let e = error(Self.valid.replacingOccurrences(of: "k: 4", with: "k: 21"))
        XCTAssertEqual(e?.path, "observation.k")
        XCTAssertTrue(e?.description.contains("got 21") ?? false)
    }

    func test_negativeAgentCount_isRejected() {
        let e = error(Self.valid.replacingOccurrences(of: "localAgents: 20", with: "localAgents: -3"))
        XCTAssertEqual(e?.path, "world.localAgents")
        XCTAssertTrue(e?.description.contains("expected an integer in 1...") ?? false, "\(String(describing: e))")
        XCTAssertTrue(e?.description.contains("got -3") ?? false)
    }

    func test_probabilityRowNotSummingToOne_namesTheRow() {
        let tables = """
        { name: "x", world: { kind: "tabular", localAgents: 5, tables: {
            P_g: [[[0.5, 0.5]], [[0.7, 0.2]]],
            P_l: [[[[1, 0]], [[1, 0]]], [[[0, 1]], [[0, 1]]]],
            R_g: [[1], [0]], R_l: [[[1], [0]], [[0], [1]]] } },
          observation: { k: 2 }, policies: { r: { kind: "random" } } }
        """
        let e = error(tables)
        XCTAssertEqual(e?.path, "world.tables.P_g[1][0]")
        XCTAssertTrue(e?.description.contains("sum to 1") ?? false)
    }

    func test_missingFile_isUnreadable() {
        XCTAssertThrowsError(try Scenario.load(file: folder.file("nope.json5"))) { error in
            XCTAssertEqual(error as? ScenarioError, .unreadable(file: folder.file("nope.json5"), reason: "no such file"))
        }
    }

    func test_duplicateKey_isRejected() {
        XCTAssertEqual(error("{ name: \"a\",\n name: \"b\" }")?.path, "name")
    }

    func test_unknownWorldKind_suggests() {
        let e = error(Self.valid.replacingOccurrences(of: "\"ring-zones\"", with: "\"ring-zone\""))
        XCTAssertEqual(e?.path, "world.kind")
        XCTAssertTrue(e?.description.contains("did you mean 'ring-zones'?") ?? false)
    }

    func test_overrides_applyBeforeValidation() throws {
        let file = folder.write("o.json5", Self.valid)
        let scenario = try Scenario.load(file: file, overrides: [Override.parse("observation.k=7"), Override.parse("name=renamed")])
        XCTAssertEqual(scenario.header.k, 7)
        XCTAssertEqual(scenario.name, "renamed")
        XCTAssertEqual(error(Self.valid, overrides: ["world.localAgents=0"])?.path, "world.localAgents")
    }

    func test_explicitTablesFile_reproducesRingZones() throws {
        let tables = SimBinary.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/ring-zones/tables.json").path
        guard FileManager.default.fileExists(atPath: tables) else { throw XCTSkip("no ../shared/data") }
        let text = "{ name: \"x\", world: { kind: \"tabular\", localAgents: 50, tablesFile: \"\(tables)\" }, policies: { r: { kind: \"random\" } } }"
        let explicit = try Scenario.load(file: folder.write("e.json5", text))
        let generated = try Scenario.load(file: folder.write("g.json5", text.replacingOccurrences(of: "\"tabular\", localAgents: 50, tablesFile: \"\(tables)\"", with: "\"ring-zones\", localAgents: 50")))
        var a = try explicit.makeSession(), b = try generated.makeSession()
        _ = try a.run(until: a.endTime, shouldStop: { false })
        _ = try b.run(until: b.endTime, shouldStop: { false })
        let ra = try a.finish().metric("discountedReturn")!.mean, rb = try b.finish().metric("discountedReturn")!.mean
        XCTAssertEqual(ra, rb, accuracy: 1e-9)
    }
}
