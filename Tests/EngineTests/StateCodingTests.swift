import Engine
import XCTest

/// ``StateEncoder`` and ``StateDecoder``: every shape a world state uses round-trips bit for bit, a state
/// with other fields is refused, and damaged bytes are errors, never traps.
final class StateCodingTests: XCTestCase {
    enum Phase: Codable, Equatable {
        case idle
        case running(step: Int, scale: Double)
    }

    enum Mode: String, Codable { case sync, async }

    struct Row: Codable, Equatable {
        var id: Int32
        var value: Float
    }

    struct State: Codable, Equatable {
        var round = 7
        var weights: [Double] = [0.5, -0.0, .infinity, .nan, .leastNonzeroMagnitude]
        var counts: [Int] = [3, -4, .max]
        var bytes: [UInt8] = [0, 255]
        var keys: [UInt64] = [.max, 1]
        var rows: [[Double]] = [[1, 2], []]
        var flag = true
        var label = "ω-state"
        var sample: [Int]? = [2, 9]
        var missing: Double? = nil
        var optionals: [Int?] = [1, nil, 3]
        var phase = Phase.running(step: 4, scale: 0.25)
        var mode = Mode.async
        var table: [Row] = [Row(id: -2, value: 1.5), Row(id: 9, value: -0.0)]
        var small: UInt8 = 200
        var signed: Int16 = -300
    }

    /// The same fields, one more: a state written by one must not read as the other.
    struct WiderState: Codable {
        var round = 7
        var extra = 1.0
    }

    struct NarrowState: Codable {
        var round = 7
    }

    private func roundTrip<T: Codable>(_ value: T) throws -> T {
        var writer = StateWriter()
        try StateEncoder.encode(value, into: &writer)
        var reader = StateReader(writer.bytes)
        let decoded = try StateDecoder.decode(T.self, from: &reader)
        XCTAssertEqual(reader.remaining, 0, "every byte is read")
        return decoded
    }

    func testEveryShapeRoundTripsBitForBit() throws {
        let state = State()
        let decoded = try roundTrip(state)
        XCTAssertEqual(decoded.weights.map(\.bitPattern), state.weights.map(\.bitPattern), "NaN and -0 keep their bits")
        var same = decoded
        same.weights = state.weights
        XCTAssertEqual(same.weights.map(\.bitPattern), state.weights.map(\.bitPattern))
        XCTAssertEqual(decoded.counts, state.counts)
        XCTAssertEqual(decoded.bytes, state.bytes)
        XCTAssertEqual(decoded.keys, state.keys)
        XCTAssertEqual(decoded.rows, state.rows)
        XCTAssertEqual(decoded.label, state.label)
        XCTAssertEqual(decoded.sample, state.sample)
        XCTAssertNil(decoded.missing)
        XCTAssertEqual(decoded.optionals, state.optionals)
        XCTAssertEqual(decoded.phase, state.phase)
        XCTAssertEqual(decoded.mode, .async)
        XCTAssertEqual(decoded.table, state.table)
        XCTAssertEqual(decoded.table[1].value.bitPattern, Float(-0.0).bitPattern)
        XCTAssertEqual(decoded.small, 200)
        XCTAssertEqual(decoded.signed, -300)
        XCTAssertEqual(decoded.round, 7)
        XCTAssertTrue(decoded.flag)
    }

    func testAbsentAndPresentOptionalsAreDistinguished() throws {
        var state = State()
        state.sample = nil
        state.missing = 2.5
        state.phase = .idle
        let decoded = try roundTrip(state)
        XCTAssertNil(decoded.sample)
        XCTAssertEqual(decoded.missing, 2.5)
        XCTAssertEqual(decoded.phase, .idle)
    }

    func testDoubleArraysTakeTheFastPathOfOneCountAndEightBytesEach() throws {
        XCTAssertEqual(try StateEncoder.bytes(of: [1.0, 2.0, 3.0]).count, 8 + 3 * 8 + 8, "count, three values, the field-name digest")
    }

    func testAStateWithOtherFieldsIsAMismatch() throws {
        var writer = StateWriter()
        try StateEncoder.encode(WiderState(), into: &writer)
        var reader = StateReader(writer.bytes)
        XCTAssertThrowsError(try StateDecoder.decode(NarrowState.self, from: &reader)) { error in
            guard case CheckpointError.mismatch = error else { return XCTFail("\(error)") }
        }
    }

    func testDictionariesAreRefusedBecauseTheirOrderIsNotFixed() {
        struct Holder: Codable { var map = ["a": 1, "b": 2] }
        XCTAssertThrowsError(try StateEncoder.bytes(of: Holder()))
    }

    func testEveryTruncationAndEveryFlippedByteIsAnErrorOrAValueNeverATrap() throws {
        let bytes = try StateEncoder.bytes(of: State())
        for end in 0..<bytes.count {
            var reader = StateReader(Array(bytes[..<end]))
            XCTAssertThrowsError(try StateDecoder.decode(State.self, from: &reader), "truncated at \(end)")
        }
        for i in bytes.indices {
            var damaged = bytes
            damaged[i] ^= 0xA5
            var reader = StateReader(damaged)
            _ = try? StateDecoder.decode(State.self, from: &reader)
        }
    }

    func testTheConfigurationDigestCoversEveryFieldAndItsName() throws {
        struct Config: Codable { var rate = 0.1; var size = 3 }
        struct Renamed: Codable { var rate = 0.1; var count = 3 }
        let base = try StateDigest.of(Config())
        XCTAssertEqual(base, try StateDigest.of(Config()))
        XCTAssertNotEqual(base, try StateDigest.of(Config(rate: 0.2)))
        XCTAssertNotEqual(base, try StateDigest.of(Config(size: 4)))
        XCTAssertNotEqual(base, try StateDigest.of(Renamed()), "a renamed field changes the digest")
    }
}
