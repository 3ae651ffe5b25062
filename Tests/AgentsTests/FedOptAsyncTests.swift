import XCTest
@testable import Agents
import Engine

final class FedOptAsyncTests: XCTestCase {
    static func run(_ problem: FedOptProblem, timing: FedOptTiming, k: Int, buffer: Int, until: SimTime) throws -> [TraceRecord] {
        var sim = FedOptTests.simulation(problem, timing: timing, k: k, mode: .async(buffer: buffer, stalenessExponent: 0.5))
        sim.trace = TraceRecorder()
        _ = try sim.run(until: until)
        return (sim.trace as! TraceRecorder).records
    }

    func test_deterministicClocks_giveTheExactStalenessLog() throws {
        // Two clients, both always busy, every job 0.5 long, aggregation on every arrival: the first
        // arrival is fresh, every later one is one version old.
        var timing = FedOptTiming()
        (timing.speedSpread, timing.stragglerProbability, timing.uploadLatency) = (0, 0, 0)
        let problem = FedOptProblem(clients: 2, dimension: 2, heterogeneity: 0.5, condition: 3, seed: 1)
        let uploads = try Self.run(problem, timing: timing, k: 2, buffer: 1, until: 2.1).filter { $0.kind == "clientUpload" }
        XCTAssertEqual(uploads.map(\.time), [0.5, 0.5, 1, 1, 1.5, 1.5, 2, 2])
        XCTAssertEqual(uploads.map { Self.int($0, "staleness") }, [0, 1, 1, 1, 1, 1, 1, 1])
        XCTAssertEqual(uploads.map { Self.int($0, "round") }, Array(1...8))
        let agents = uploads.compactMap(\.agent)
        XCTAssertEqual(Set(agents), [0, 1])
        for i in 1..<agents.count { XCTAssertNotEqual(agents[i], agents[i - 1], "clients alternate") }
    }

    func test_randomClocks_processInTimeOrder_andStalenessMatchesTheLog() throws {
        let problem = FedOptProblem(clients: 60, dimension: 3, heterogeneity: 0.3, condition: 4, seed: 9)
        let records = try Self.run(problem, timing: FedOptTiming(), k: 12, buffer: 4, until: 60)
        XCTAssertEqual(records.map(\.time), records.map(\.time).sorted(), "events in simulated-time order")
        // Replay the log: a client's staleness is the number of aggregations since it was started.
        var version = 0, startedAt = [Int: Int](), checked = 0
        for record in records {
            if record.kind == "worldTick" { version = 0 }
            if record.kind == "clientUpload", let client = record.agent {
                let sent = try XCTUnwrap(startedAt[client], "upload from client \(client) that was never started")
                XCTAssertEqual(Self.int(record, "sentVersion"), sent)
                XCTAssertEqual(Self.int(record, "staleness"), version - sent, "at t = \(record.time)")
                startedAt[client] = nil
                checked += 1
            }
            if let round = Self.int(record, "round") {
                XCTAssertEqual(round, version + 1)
                version = round
            }
            for (key, value) in record.payload where key == "started" {
                guard case .ints(let clients) = value else { return XCTFail("started: \(value)") }
                for client in clients {
                    XCTAssertNil(startedAt[client], "client \(client) started twice")
                    startedAt[client] = version
                }
            }
        }
        XCTAssertGreaterThan(checked, 100)
        XCTAssertEqual(startedAt.count, 12, "k clients are always at work")
    }

    static func int(_ record: TraceRecord, _ key: String) -> Int? {
        guard case .int(let value)? = record.payload.first(where: { $0.key == key })?.value else { return nil }
        return value
    }
}
