import Agents
import Engine
import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// Seeded fuzzing of the scenario loader: every mutant of every corpus file must
/// either load and validate, or fail with a ``ScenarioError`` that carries a field path or a line and
/// prints as one bounded line — never a trap, a hang or another error. Loaded mutants with small worlds
/// are also run for a few ticks, so validation gaps that only trap at run time show up too.
///
/// `FUZZ_SEED` and `FUZZ_MUTANTS` in the environment change the campaign (CI uses the defaults);
/// a failure names the corpus file, seed, operators and campaign index; `FUZZ_ONLY=<campaign index>`
/// reruns that one mutant alone and prints its text on stderr.
final class ScenarioFuzzTests: XCTestCase {
    static let defaultSeed: UInt64 = 6
    /// A small budget: mutants asking for 256 zones or 10^9 agents must be refused up front, which is
    /// also what keeps the campaign fast.
    static let limits = ResourceLimits(memoryBytes: 64 * 1_048_576, origin: "the fuzz test's 64 MiB budget",
                                       maxEvents: 1e6, eventsOrigin: "the fuzz test's budget")
    static let defaultMutants = 10_400

    func test_mutantsOfEveryCorpusFile_loadOrFailWithLocatedError() throws {
        try LongTest.require()
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["FUZZ_SEED"].flatMap(UInt64.init) ?? Self.defaultSeed
        let total = environment["FUZZ_MUTANTS"].flatMap(Int.init) ?? Self.defaultMutants
        let corpus = try FuzzCorpus(seed: seed, total: total, cost: Self.baseLoadSeconds)
        // FUZZ_ONLY=<file>:<index> runs that mutant alone and prints its text (to reproduce a report).
        let indices = environment["FUZZ_ONLY"].flatMap(corpus.lookup).map { [$0] } ?? corpus.plan
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, 4, indices.count)
        let watchdog = Watchdog(limit: 60, workers: workers)  // generous: a loaded CI machine is slow, a hang is forever
        let results = Results(workers: workers)
        let started = Date(), cpuStarted = Self.cpuSeconds()
        // Loading is pure value code, so mutants are checked on several threads; each thread keeps its
        // own tally and failures are reported on the test's thread afterwards (XCTest wants that).
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var tally = Tally()
            for position in stride(from: worker, to: indices.count, by: workers) {
                let (entry, mutant, label) = corpus.mutant(entry: indices[position].entry, index: indices[position].mutant)
                if indices.count == 1 { FileHandle.standardError.write(Data(mutant.bytes.prefix(4_000))) }
                watchdog.enter(label, worker: worker)
                let clock = Date()
                Self.check(mutant.bytes, corpus: entry, label: label, tally: &tally)
                tally.noteTime(Date().timeIntervalSince(clock), label: label)
            }
            watchdog.leave(worker: worker)
            results.store(tally, worker: worker)
        }
        watchdog.stop()
        let seconds = Date().timeIntervalSince(started), cpu = Self.cpuSeconds() - cpuStarted
        let tally = results.merged
        print("fuzz quotas: " + zip(corpus.entries, corpus.quotas).map { "\($0.name) \($1)" }.joined(separator: ", "))
        print("fuzz: \(indices.count) mutants of \(corpus.entries.count) corpus files in \(String(format: "%.1f", seconds)) s "
              + "(\(String(format: "%.1f", cpu)) s CPU, \(workers) threads); \(tally.loaded) loaded, \(tally.ran) ran, "
              + "\(tally.rejected) rejected; slowest \(String(format: "%.3f", tally.slowest)) s (\(tally.slowestLabel))")
        for failure in tally.failures.prefix(50) { XCTFail(failure) }
        XCTAssertLessThanOrEqual(tally.failures.count, 50, "more failures than shown")
        guard indices.count > 1 else { return }
        if environment["FUZZ_MUTANTS"] == nil {
            XCTAssertGreaterThanOrEqual(indices.count, 10_000, "the campaign promises at least 10,000 mutants per run")
        }
        XCTAssertGreaterThan(tally.loaded, total / 20, "too few mutants load: the mutator is too destructive to test validation")
        XCTAssertGreaterThan(tally.rejected, total / 4, "too few mutants rejected")
        // CPU time, not wall time: a busy machine must not fail the budget.
        XCTAssertLessThan(cpu, 60, "the fuzz campaign must stay under 60 s")
    }

    struct Tally {
        var loaded = 0, ran = 0, rejected = 0
        var slowest = 0.0, slowestLabel = ""
        var failures: [String] = []

        mutating func noteTime(_ seconds: Double, label: String) {
            if seconds > slowest { slowest = seconds; slowestLabel = label }
        }

        mutating func merge(_ other: Tally) {
            loaded += other.loaded; ran += other.ran; rejected += other.rejected
            failures += other.failures
            if other.slowest > slowest { slowest = other.slowest; slowestLabel = other.slowestLabel }
        }
    }

    /// Per-thread tallies, merged in worker order.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var tallies: [Tally]
        init(workers: Int) { tallies = Array(repeating: Tally(), count: workers) }
        func store(_ tally: Tally, worker: Int) { lock.lock(); tallies[worker] = tally; lock.unlock() }
        var merged: Tally { lock.lock(); defer { lock.unlock() }; return tallies.reduce(into: Tally()) { $0.merge($1) } }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
    }

    /// Loads one mutant and tallies the outcome; returns the error when it was rejected.
    @discardableResult
    static func check(_ bytes: [UInt8], corpus: FuzzCorpus.Entry, label: String, tally: inout Tally) -> ScenarioError? {
        do {
            let source = try ScenarioSource(data: Data(bytes), file: corpus.name, directory: corpus.directory)
            let scenario = try Scenario(source: source, limits: limits)
            tally.loaded += 1
            if isSmall(scenario) {
                tally.ran += 1
                try runBriefly(scenario, label: label, tally: &tally)
            }
        } catch let error as ScenarioError {
            tally.rejected += 1
            if let problem = problem(with: error) {
                tally.failures.append("\(label): \(problem): \(String(describing: error).prefix(300))")
            }
            return error
        } catch {
            tally.failures.append("\(label): not a ScenarioError: \(type(of: error)): \(String(describing: error).prefix(300))")
        }
        return nil
    }

    /// Seconds to load an entry's unmutated text (the best of two tries), for the campaign plan.
    static func baseLoadSeconds(_ entry: FuzzCorpus.Entry) -> Double {
        (0..<2).map { _ in
            let started = Date()
            _ = try? Scenario(source: ScenarioSource(data: Data(entry.text.utf8), file: entry.name, directory: entry.directory), limits: limits)
            return Date().timeIntervalSince(started)
        }.min()!
    }

    /// Why an error falls short of the contract, nil when it is fine.
    static func problem(with error: ScenarioError) -> String? {
        let text = error.description
        if text.contains("\n") || text.contains("\r") { return "message spans several lines" }
        if text.utf8.count > 1_000 { return "message is \(text.utf8.count) bytes long" }
        switch error {
        case .syntax(_, let line, _, _): return line == nil ? "syntax error without a line" : nil
        case .invalid(let issue): return issue.line == nil && issue.path.isEmpty ? "invalid without a path or line" : nil
        case .unreadable: return "unreadable (the loader was given the bytes)"
        }
    }

    /// Whether a loaded mutant is cheap enough to run for a few ticks inside the time budget. A learned
    /// first policy would train before its first tick, which takes seconds in a debug build.
    static func isSmall(_ scenario: Scenario) -> Bool {
        if let world = scenario.world as? TabularScenarioWorld {
            // Learned policies train when a session starts: minutes of value iteration in a debug build.
            if case .learned = world.policies[0].source { return false }
            return world.config.agents <= 5_000 && world.game.localTransition.count <= 100_000
                && !world.trainablePolicyNames.contains(scenario.policyNames[0])
        }
        if let world = scenario.world as? TimeSeriesScenarioWorld {
            return world.setup.clients <= 20 && world.rounds <= 5_000
        }
        return false
    }

    /// Runs the first policy for two ticks (an episode start, an observation, a decision, a step).
    static func runBriefly(_ scenario: Scenario, label: String, tally: inout Tally) throws {
        var session = try scenario.makeSession()
        session.attachTrace(TraceRecorder(), filter: scenario.outputs.traceFilter)
        _ = try session.run(until: min(session.endTime, 2), shouldStop: { false })
        _ = try session.detachTrace()
        let outcome = try session.finish()
        if outcome.simulatedTime > session.endTime { tally.failures.append("\(label): ran past the end time") }
    }
}
