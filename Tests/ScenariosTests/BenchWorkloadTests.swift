import XCTest
@testable import Scenarios
import Engine
import Agents

/// The `sim bench` workloads at small sizes: they do the work they claim and are deterministic.
/// No timing is asserted here (timings belong to `sim bench` in a release build).
final class BenchWorkloadTests: XCTestCase {
    func test_ping_dispatchesAboutOneEventPerProcessPerTimeUnit() throws {
        let run = try BenchCatalog.ping(processes: 100, until: 50).prepare()
        let events = try run()
        // 100 Poisson(1) processes over 50 time units: 5,000 expected, sd ~ 71.
        XCTAssertGreaterThan(events, 4_600)
        XCTAssertLessThan(events, 5_400)
        XCTAssertEqual(try BenchCatalog.ping(processes: 100, until: 50).prepare()(), events, "same seed, same work")
    }

    func test_bulk_drainsEveryEventInTimeOrder() throws {
        let times = CountingModel.uniformTimes(count: 2_000, seed: 3)
        XCTAssertTrue(times.allSatisfy { $0 >= 0 && $0 < 2_000 })
        XCTAssertEqual(try CountingModel.insertAndDrain(times), 2_000)
        XCTAssertEqual(try BenchCatalog.bulk(events: 500).prepare()(), 500)
    }

    func test_gLearn_solvesSmallK() throws {
        XCTAssertEqual(try BenchCatalog.gLearn(k: 2).prepare()(), 1)
    }

    func test_forecastWorkloads_countClientRounds_andSplitTheirTime() throws {
        let policies: [(String, any ForecastPolicy)] = [("W6", BenchCatalog.forecastMemoa), ("W7", BenchCatalog.forecastGreedy)]
        for (name, policy) in policies {
            let benchCase = BenchCatalog.forecast(name, policy, clients: 40, rounds: 12, threads: 2)
            XCTAssertEqual(benchCase.unit, .clientStepsPerSecond)
            let measurement = try BenchRunner.measure(benchCase, repeats: 1)
            XCTAssertEqual(measurement.operations, 40 * 12, name)
            XCTAssertEqual(measurement.split.map(\.name), ["encoders", "scoring", "policy", "mixture"], name)
            XCTAssertTrue(measurement.split.allSatisfy { $0.seconds > 0 }, name)
            XCTAssertEqual(measurement.bytesPerAgent, Double(measurement.peakRSSBytes) / 40)
        }
        XCTAssertEqual(BenchCatalog.cases("W6", threads: 2).map(\.size), [100_000, 1_000_000])
    }

    func test_catalog_hasEveryWorkloadOrAReason() {
        for name in BenchCatalog.names {
            let cases = BenchCatalog.cases(name, threads: 1)
            XCTAssertTrue(cases.isEmpty == (BenchCatalog.unavailable(name) != nil), name)
            XCTAssertTrue(cases.allSatisfy { $0.name == name }, name)
        }
    }

    func test_measurement_medianAndThroughput() {
        let m = BenchMeasurement(name: "W1", size: 1_000, threads: 1, unit: .eventsPerSecond,
                                 seconds: [0.3, 0.1, 0.2, 0.4], operations: 1_000, peakRSSBytes: 1 << 20)
        XCTAssertEqual(m.medianSeconds, 0.25, accuracy: 1e-15)
        XCTAssertEqual(m.minSeconds, 0.1)
        XCTAssertEqual(m.maxSeconds, 0.4)
        XCTAssertEqual(m.throughput, 4_000, accuracy: 1e-9)
        XCTAssertEqual(BenchBudget.of(m, cores: 2), BenchBudget(text: ">= 2e7 events/s", met: false))
    }

    /// On a loaded machine the verdict uses CPU seconds over the cores the run could use; on a quiet
    /// one, wall time. Wall time of 0.1 s (1e7 events/s) misses the W1 floor; 0.04 CPU seconds meet it.
    func test_verdict_usesCPUTimeWhenLoaded() {
        var m = BenchMeasurement(name: "W1", size: 1_000, threads: 1, unit: .eventsPerSecond, seconds: [0.1],
                                 operations: 1_000_000, peakRSSBytes: 4096)
        m.cpuSeconds = [0.04]
        let quiet = BenchEnvironment(cores: 2, loadAverage: 1.0), loaded = BenchEnvironment(cores: 2, loadAverage: 3.7)
        XCTAssertFalse(BenchBudget.isLoaded(quiet))
        XCTAssertTrue(BenchBudget.isLoaded(loaded))
        XCTAssertFalse(BenchBudget.isLoaded(BenchEnvironment(cores: 2, loadAverage: nil)))
        XCTAssertEqual(BenchBudget.verdict(m, environment: quiet), BenchBudget(text: ">= 2e7 events/s", met: false))
        XCTAssertEqual(BenchBudget.verdict(m, environment: loaded), BenchBudget(text: ">= 2e7 events/s (by CPU time)", met: true))
        // Two threads on two cores: 0.3 CPU seconds are 0.15 s of each core, so 6.7e6 agent-steps/s per core.
        var w3 = BenchMeasurement(name: "W3", size: 1_000_000, threads: 2, unit: .agentStepsPerSecond, seconds: [0.01],
                                  operations: 2_000_000, peakRSSBytes: 4096)
        w3.cpuSeconds = [0.3]
        XCTAssertEqual(BenchBudget.verdict(w3, environment: quiet)?.met, true)
        XCTAssertEqual(BenchBudget.verdict(w3, environment: loaded)?.met, false)
    }

    func test_report_hasTheDesignFields() {
        let m = BenchMeasurement(name: "W2", size: 10, threads: 1, unit: .eventsPerSecond, seconds: [0.5],
                                 operations: 10, peakRSSBytes: 4096)
        let text = BenchReport.json([m], skipped: [("W4", "not built")], environment: BenchEnvironment(cores: 2, loadAverage: nil))
            .rendered(indent: 0)
        XCTAssertEqual(text, #"{"workloads":[{"name":"W2","size":10,"medianSeconds":0.5,"minSeconds":0.5,"maxSeconds":0.5,"#
                       + #""throughput":20,"unit":"events/s","peakRSSBytes":4096,"threads":1,"operations":10,"medianCPUSeconds":null}],"#
                       + #""skipped":[{"name":"W4","reason":"not built"}],"environment":{"cores":2,"loadAverage":null}}"#)
    }

    func test_peakMemory_isPositive() {
        PeakMemory.reset()
        XCTAssertGreaterThan(PeakMemory.peakBytes(), 0)
    }

    /// Fuzzing found `sim bench --workload W5 --size 1` stopping on the sampler's k <= n precondition:
    /// W5 samples k = 10, or every agent when there are fewer.
    func testBenchW5WithFewerAgentsThanTheSampleRuns() throws {
        for agents in [1, 2, 9] {
            XCTAssertEqual(try BenchCatalog.ringZones(agents: agents, steps: 3, threads: 1).prepare()(), agents * 3)
        }
    }
}
