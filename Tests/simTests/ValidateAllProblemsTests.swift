import Foundation
import Scenarios
import XCTest

/// `sim validate` lists every problem of a file at once, one line each, in line order — like a compiler.
final class ValidateAllProblemsTests: XCTestCase {
    static let broken = """
    {
      name: "bad",
      horizon: -3,
      episodes: 2,
      gamma: 1.5,
      world: { kind: "ring-zones", localAgents: 100, zonez: 5 },
      observation: { k: 500 },
      policies: {
        a: { kind: "mode-dispatch", local: "folow" },
        b: { kind: "randm" },
      },
      outputz: {},
    }
    """

    func write(_ text: String) throws -> String {
        let url = try CLIHarness.temporaryFolder(self).appendingPathComponent("s.json5")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func test_everyProblem_oneLineEach_inLineOrder() throws {
        let file = try write(Self.broken)
        let result = CLIHarness.run(["validate", file])
        XCTAssertEqual(result.status, 2)
        let lines = result.err.split(separator: "\n").map(String.init)
        let numbers = lines.compactMap { line -> Int? in
            guard let range = line.range(of: #"s\.json5:(\d+):"#, options: .regularExpression) else { return nil }
            return Int(line[range].dropFirst("s.json5:".count).dropLast())
        }
        XCTAssertEqual(numbers, [3, 5, 6, 7, 9, 10, 12], result.err)
        for (line, field) in zip(lines, ["horizon", "gamma", "world.zonez", "observation.k", "policies.a.local", "policies.b.kind", "outputz"]) {
            XCTAssertTrue(line.hasPrefix("Error: ") && line.contains(": \(field): "), line)
        }
    }

    /// The first problem listed by line is not always the first met, but the problem a plain load
    /// reports is always among them; a valid file has none; a syntax error is the only one.
    func test_problems_includeThePlainLoadError_andNothingForValidFiles() throws {
        let file = try write(Self.broken)
        let source = try ScenarioSource(file: file)
        let problems = Scenario.problems(in: source)
        XCTAssertThrowsError(try Scenario.load(file: file)) { error in
            XCTAssertTrue(problems.contains(error as! ScenarioError))
        }
        XCTAssertEqual(Scenario.problems(in: try ScenarioSource(file: CLIHarness.quickstart)), [])
        let syntax = CLIHarness.run(["validate", try write("{ name: \"x\", horizon: 3,, }")])
        XCTAssertEqual(syntax.status, 2)
        XCTAssertEqual(syntax.err.split(separator: "\n").count, 1, syntax.err)
    }
}
