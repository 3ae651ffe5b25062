import Foundation
import SimTestSupport
import Scenarios
import XCTest

/// Over-large requests fail while validating, naming the field and the estimated memory.
final class ResourceLimitsTests: XCTestCase {
    static let base = """
    {
      name: "limits", horizon: 10, episodes: 2,
      world: { kind: "ring-zones", localAgents: 1000, zones: 5 },
      observation: { k: 10 },
      policies: { a: { kind: "random" } },
    }
    """
    static let budget = ResourceLimits(memoryBytes: 8 * 0x1p30, origin: "an 8 GiB test budget")

    func issue(_ text: String, limits: ResourceLimits = budget, file: StaticString = #filePath, line: UInt = #line) -> ScenarioIssue? {
        let started = Date()
        defer { XCTAssertLessThan(Date().timeIntervalSince(started), 1, "must fail fast", file: file, line: line) }
        do {
            _ = try Scenario(source: ScenarioSource(data: Data(text.utf8), file: "limits.json5"), limits: limits)
            XCTFail("loaded", file: file, line: line)
        } catch ScenarioError.invalid(let issue) {
            return issue
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
        return nil
    }

    func test_baseFits() throws {
        XCTAssertNoThrow(try Scenario(source: ScenarioSource(data: Data(Self.base.utf8), file: "x"), limits: Self.budget))
    }

    func test_tenToTheTwelveAgents_failsNamingFieldAndMemory() throws {
        let issue = try XCTUnwrap(issue(Self.base.replacingOccurrences(of: "localAgents: 1000", with: "localAgents: 1e12")))
        XCTAssertEqual(issue.path, "world.localAgents")
        XCTAssertEqual(issue.line, 3)
        XCTAssertTrue(issue.message.contains("1e+12 × 1 byte = 931.3 GiB"), issue.message)
        XCTAssertTrue(issue.message.contains("8.0 GiB allowed (an 8 GiB test budget)"), issue.message)
    }

    func test_k60Over12LocalStates_withCountVectorTable_failsNamingK() throws {
        let text = Self.base.replacingOccurrences(of: "zones: 5", with: "zones: 12")
            .replacingOccurrences(of: "k: 10", with: "k: 60")
            .replacingOccurrences(of: "a: { kind: \"random\" }", with: "a: { kind: \"tabular\", global: [[0]] }")
        let issue = try XCTUnwrap(issue(text))
        XCTAssertEqual(issue.path, "observation.k")
        XCTAssertTrue(issue.message.contains("12 × C(71, 11)"), issue.message)
        XCTAssertTrue(issue.message.contains("TiB"), issue.message)
    }

    func test_k60Over12LocalStates_withoutCountVectorTable_loads() throws {
        // mode-dispatch and random keep no table over count vectors: large k is fine for them.
        let text = Self.base.replacingOccurrences(of: "zones: 5", with: "zones: 12").replacingOccurrences(of: "k: 10", with: "k: 60")
        XCTAssertNoThrow(try Scenario(source: ScenarioSource(data: Data(text.utf8), file: "x"), limits: Self.budget))
    }

    func test_hugeHorizonTimesEpisodes_failsNamingTheLarger() throws {
        let text = Self.base.replacingOccurrences(of: "horizon: 10, episodes: 2", with: "horizon: 1e9, episodes: 1e9")
        let issue = try XCTUnwrap(issue(text))
        XCTAssertEqual(issue.path, "horizon")
        XCTAssertTrue(issue.message.contains("reward series"), issue.message)
    }

    func test_populationOverAgentIdRange_butWithinMemory_namesTheCap() throws {
        let text = Self.base.replacingOccurrences(of: "localAgents: 1000", with: "localAgents: 3e9")
        let issue = try XCTUnwrap(issue(text, limits: ResourceLimits(memoryBytes: 1e12, origin: "test")))
        XCTAssertEqual(issue.path, "world.localAgents")
        XCTAssertTrue(issue.message.contains("32-bit"), issue.message)
    }

    func test_parseBytes() {
        XCTAssertEqual(ResourceLimits.parseBytes("64M"), 64 * 1_048_576)
        XCTAssertEqual(ResourceLimits.parseBytes("1.5g"), 1.5 * 0x1p30)
        XCTAssertEqual(ResourceLimits.parseBytes("2GiB"), 2 * 0x1p30)
        XCTAssertEqual(ResourceLimits.parseBytes("4096"), 4096)
        XCTAssertNil(ResourceLimits.parseBytes("lots"))
        XCTAssertNil(ResourceLimits.parseBytes("-1G"))
        XCTAssertEqual(ResourceLimits.detect(environment: ["SIM_MEMORY_LIMIT": "3G"]).memoryBytes, 3 * 0x1p30)
        XCTAssertGreaterThan(ResourceLimits.detect(environment: [:]).memoryBytes, 0)
    }

    func test_binomial_matchesExactValuesAndNeverOverflows() {
        XCTAssertEqual(MemoryEstimate.binomial(14, 4), 1_001)
        XCTAssertEqual(MemoryEstimate.binomial(71, 11), 2_560_547_383_576, accuracy: 2_560_547_383_576 * 1e-9)
        XCTAssertEqual(MemoryEstimate.binomial(5, 7), 0)
        XCTAssertFalse(MemoryEstimate.binomial(2_000_000_254, 255).isNaN, "huge tables estimate as +inf, not NaN")
    }
}

/// Time-series worlds: histories grow with rounds × clients, nash-n with (N d_z)², CSV parsing with
/// the file's size.
final class TimeSeriesResourceLimitsTests: XCTestCase {
    static let base = """
    {
      name: "ts", seed: 1,
      world: { kind: "logistic", rounds: 50, clients: 5 },
      policies: { memoa: { kind: "memoa" }, nash: { kind: "nash-n" } },
    }
    """

    func issue(_ text: String, limits: ResourceLimits) -> ScenarioIssue? {
        do {
            _ = try Scenario(source: ScenarioSource(data: Data(text.utf8), file: "ts.json5"), limits: limits)
        } catch ScenarioError.invalid(let issue) {
            return issue
        } catch {
            XCTFail("\(error)")
        }
        return nil
    }

    func test_millionClientsWithNashN_failsNamingThePolicy() throws {
        let text = Self.base.replacingOccurrences(of: "clients: 5", with: "clients: 1000000")
        let issue = try XCTUnwrap(issue(text, limits: ResourceLimitsTests.budget))
        XCTAssertEqual(issue.path, "policies.nash")
        XCTAssertTrue(issue.message.contains("TiB"), issue.message)
    }

    /// Only the last rounds are kept, so a long run of many clients fits; many wide clients do not.
    func test_longRunOfManyClients_fits_wideClientsFailNamingClients() throws {
        let long = Self.base.replacingOccurrences(of: "rounds: 50, clients: 5", with: "rounds: 1000000, clients: 1000000")
            .replacingOccurrences(of: ", nash: { kind: \"nash-n\" }", with: "")
        XCTAssertNil(issue(long, limits: ResourceLimitsTests.budget))
        let wide = long.replacingOccurrences(of: "clients: 1000000", with: "clients: 1000000, encoder: { latentWidth: 2000 }")
        let issue = try XCTUnwrap(issue(wide, limits: ResourceLimitsTests.budget))
        XCTAssertEqual(issue.path, "world.clients")
    }

    func test_csvWindow_largerThanTheBudget_failsNamingLength() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ts-limit-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (0..<2_000).map { "\($0),\(Double($0) / 7)" }.joined(separator: "\n")
        try ("t,y\n" + rows + "\n").write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let text = """
        { name: "c", world: { kind: "csv", path: "d.csv", target: "y", inputs: [{ column: "y", lags: [0] }], length: 1500 },
          policies: { g: { kind: "greedy" } } }
        """
        let source = try ScenarioSource(data: Data(text.utf8), file: "c.json5", directory: folder.path)
        XCTAssertNoThrow(try Scenario(source: source, limits: ResourceLimitsTests.budget))
        XCTAssertThrowsError(try Scenario(source: source, limits: ResourceLimits(memoryBytes: 10_000, origin: "tiny"))) { error in
            XCTAssertEqual((error as? ScenarioError)?.path, "world.length", "\(error)")
        }
    }
}

/// The fedopt and continuous-robots worlds check their sizes too.
final class OtherWorldResourceLimitsTests: XCTestCase {
    func issue(_ file: String, _ overrides: [String]) throws -> ScenarioIssue? {
        let url = RepositoryFiles.root.appendingPathComponent("Scenarios/" + file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("no \(file)") }
        do {
            _ = try Scenario.load(file: url.path, overrides: try overrides.map { try Override.parse($0) }, limits: ResourceLimitsTests.budget)
        } catch ScenarioError.invalid(let issue) {
            return issue
        }
        return nil
    }

    func test_fedoptMillionClientsTimesHugeDimension_failsNamingClients() throws {
        let found = try XCTUnwrap(try issue("fedopt.json5", ["world.clients=1000000", "world.dimension=100000"]))
        XCTAssertEqual(found.path, "world.clients")
        XCTAssertTrue(found.message.contains("TiB"), found.message)
    }

    func test_robotsLearnerOverManyBins_failsNamingK() throws {
        let found = try XCTUnwrap(try issue("robots-continuous-train.json5", ["observation.k=200", "world.bins=64"]))
        XCTAssertEqual(found.path, "observation.k")
    }
}
