import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// Seeded fuzzing of the CSV data reader through the `csv` world: mutants of the
/// shipped data file are loaded by `Scenarios/ts-csv-small.json5`; each must load (and run two rounds)
/// or fail with a one-line ``ScenarioError`` naming a field or line — never a trap, hang or other error.
final class CSVFuzzTests: XCTestCase {
    static let mutants = 1_200

    func test_mutantsOfTheDataFile_loadOrFailWithLocatedError() throws {
        try LongTest.require()
        let root = RepositoryFiles.root
        let scenarioURL = root.appendingPathComponent("Scenarios/ts-csv-small.json5")
        guard let scenarioText = try? String(contentsOf: scenarioURL, encoding: .utf8),
              let csv = try? String(contentsOf: root.appendingPathComponent("Scenarios/data/synthetic-series.csv"), encoding: .utf8) else {
            throw XCTSkip("Scenarios/ts-csv-small.json5 or its data file is missing")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataFile = folder.appendingPathComponent("data.csv")
        let text = scenarioText.replacingOccurrences(of: "\"data/synthetic-series.csv\"", with: FuzzTree.quoted(dataFile.path))
        XCTAssertNotEqual(text, scenarioText, "the scenario no longer names data/synthetic-series.csv")
        let seed = ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap(UInt64.init) ?? 8
        let mutator = CSVMutator(seed: seed, source: csv)
        let watchdog = Watchdog(limit: 60)
        defer { watchdog.stop() }
        var tally = ScenarioFuzzTests.Tally()
        let started = Date()
        for index in 0..<Self.mutants {
            let mutant = mutator.mutant(index)
            let label = "seed \(seed), \(mutant.label)"
            watchdog.enter(label)
            try Data(mutant.bytes).write(to: dataFile)
            let lines = mutant.bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let entry = FuzzCorpus.Entry(name: "ts-csv-small.json5", text: text, directory: scenarioURL.deletingLastPathComponent().path)
            if case .invalid(let issue)? = ScenarioFuzzTests.check(Array(text.utf8), corpus: entry, label: label, tally: &tally),
               issue.file == dataFile.path, let line = issue.line, line > lines {
                tally.failures.append("\(label): line \(line) is past the end of a \(lines)-line file")
            }
        }
        watchdog.leave()
        print("csv fuzz: \(Self.mutants) mutants in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; "
              + "\(tally.loaded) loaded, \(tally.ran) ran, \(tally.rejected) rejected")
        for failure in tally.failures.prefix(30) { XCTFail(failure) }
        XCTAssertGreaterThan(tally.loaded, 20, "too few CSV mutants load")
        XCTAssertGreaterThan(tally.rejected, Self.mutants / 4, "too few CSV mutants rejected")
    }
}
