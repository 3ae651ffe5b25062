import XCTest
@testable import Agents

/// ``RiccatiLanes`` gives every lane the bits of ``TrackingRiccati`` for that client alone — through
/// its unchecked first pass, its exact second pass and its partial responses.
final class RiccatiLanesTests: XCTestCase {
    typealias Lanes = RiccatiLanes.Lanes

    /// A population of `clients` encodings flat `[client][row][column]` per window step, with exact
    /// zeros and −0 mixed in (the entries ``Matrix``'s products skip).
    private struct Case {
        let window: Int, dy: Int, dz: Int, clients: Int
        var slots: [[Double]]
        let trackingWeight: Double, controlWeight: Double
        let discounts: [Double]
        let start: [Double]

        init(seed: UInt64, window: Int, dy: Int, dz: Int, clients: Int, controlWeight: Double? = nil) {
            var r = TestNormals(seed: seed)
            self.window = window
            self.dy = dy
            self.dz = dz
            self.clients = clients
            slots = (0..<window).map { _ in
                r.vector(clients * dy * dz).map { x in abs(x) < 0.3 ? 0 : abs(x) < 0.5 ? -0.0 : x }
            }
            trackingWeight = 0.5 + abs(r.next())
            self.controlWeight = controlWeight ?? 0.2 + abs(r.next())
            discounts = (0..<window).map { exp(-0.3 * Double(window - 1 - $0)) }
            start = r.vector(dy)
        }

        func encodings(client i: Int) -> [Matrix] {
            slots.map { Matrix(rows: dy, columns: dz, elements: Array($0[(i * dy * dz)..<((i + 1) * dy * dz)])) }
        }

        func scalar(client i: Int) throws -> TrackingRiccati {
            try TrackingRiccati(encodings: encodings(client: i), trackingWeight: trackingWeight,
                                controlWeight: controlWeight, discounts: discounts)
        }

        /// Runs `body` with a workspace over this population.
        func withLanes(_ body: (RiccatiLanes) throws -> Void) throws {
            let pointers = slots.map { slot in
                let p = UnsafeMutablePointer<Double>.allocate(capacity: slot.count)
                p.initialize(from: slot, count: slot.count)
                return p
            }
            defer { pointers.forEach { $0.deallocate() } }
            let capacity = RiccatiLanes.capacity(window: window, dy: dy, dz: dz)
            try withUnsafeTemporaryAllocation(of: Lanes.self, capacity: capacity) { scratch in
                try discounts.withUnsafeBufferPointer { c in
                    try body(RiccatiLanes(window: window, dy: dy, dz: dz, trackingWeight: trackingWeight,
                                          controlWeight: controlWeight, discounts: c.baseAddress!,
                                          slots: pointers.map { UnsafePointer($0) }, buffer: scratch.baseAddress!))
                }
            }
        }
    }

    /// Asserts that lanes 0 … clients−1 of the workspace's last response are the scalar response's bits.
    private func assertResponse(_ ws: RiccatiLanes, _ plans: [TrackingRiccati], start: [Double], reference: [Double],
                                _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let T = ws.window, dy = ws.dy, dz = ws.dz
        let rows = (0..<T).map { Array(reference[($0 * dy)..<(($0 + 1) * dy)]) }
        for (lane, plan) in plans.enumerated() {
            let (controls, states) = plan.response(start: start, reference: rows)
            for tau in 0..<T {
                let beta = ws.control(tau), y = ws.state(tau + 1)
                XCTAssertEqual((0..<dz).map { beta[$0][lane].bitPattern }, controls[tau].map(\.bitPattern),
                               "\(label) β lane \(lane) τ \(tau)", file: file, line: line)
                XCTAssertEqual((0..<dy).map { y[$0][lane].bitPattern }, states[tau + 1].map(\.bitPattern),
                               "\(label) Y lane \(lane) τ \(tau)", file: file, line: line)
            }
        }
    }

    /// Plans, the full response to r, then every partial response to r changed at one entry (in the
    /// order of the mean-field game's unit references) equal the scalar solver's, bit for bit.
    func test_planAndResponses_areTheScalarBits() throws {
        var seed: UInt64 = 0
        for window in 1...3 {
            for dy in 1...2 {
                for dz in 1...4 {
                    seed += 1
                    let clients = 1 + Int(seed % UInt64(RiccatiLanes.width))
                    let c = Case(seed: seed, window: window, dy: dy, dz: dz, clients: clients)
                    let plans = try (0..<clients).map { try c.scalar(client: $0) }
                    var r = TestNormals(seed: 1_000 + seed)
                    let base = r.vector(window * dy)
                    try c.withLanes { ws in
                        var positions = RiccatiLanes.Indices(repeating: clients - 1)
                        for lane in 0..<clients { positions[lane] = lane }
                        try ws.plan(clients: positions)
                        c.start.withUnsafeBufferPointer { start in
                            base.withUnsafeBufferPointer { ws.respond(start: start.baseAddress!, reference: $0.baseAddress!) }
                            assertResponse(ws, plans, start: c.start, reference: base, "T \(window) dy \(dy) dz \(dz) full")
                            for k in 0..<(window * dy) {
                                var changed = base
                                changed[k] = r.next()
                                changed.withUnsafeBufferPointer {
                                    ws.respond(start: start.baseAddress!, reference: $0.baseAddress!, changedFrom: k / dy)
                                }
                                assertResponse(ws, plans, start: c.start, reference: changed, "T \(window) dy \(dy) dz \(dz) k \(k)")
                            }
                        }
                    }
                }
            }
        }
    }

    /// γ = 0 with an encoding column of zeros makes K singular: the first pass only notes the zero
    /// pivot, and the exact pass throws the scalar solver's error.
    func test_zeroPivot_throwsTheScalarError() throws {
        var c = Case(seed: 7, window: 2, dy: 1, dz: 3, clients: 5, controlWeight: 0)
        for tau in 0..<2 { for i in 0..<5 { c.slots[tau][i * 3 + 1] = 0 } }
        func failure(_ body: () throws -> Void) -> LinearAlgebraError? {
            do { try body() } catch { return error as? LinearAlgebraError }
            return nil
        }
        let scalar = failure { _ = try c.scalar(client: 0) }
        XCTAssertNotNil(scalar)
        XCTAssertEqual(failure { try c.withLanes { try $0.plan(clients: RiccatiLanes.Indices(repeating: 0)) } }, scalar)
    }

    /// Without the zero skip, a finite right operand gives ``Matrix``'s bits (zeros and −0 in both
    /// operands; the lower triangle of a product likewise) and leaves the probe zero; a non-finite one
    /// makes the probe NaN.
    func test_productsWithoutTheSkip_equalMatrix_andProbeNonFiniteOperands() {
        var r = TestNormals(seed: 11)
        for (n, p, m) in [(3, 2, 4), (1, 5, 1), (4, 1, 3)] {
            func entries(_ count: Int) -> [Double] {
                r.vector(count).map { x in abs(x) < 0.4 ? 0 : abs(x) < 0.7 ? -0.0 : x }
            }
            let a = entries(n * p), b = entries(p * m), at = entries(p * n)
            var probe = Lanes(repeating: 0)
            let out = UnsafeMutablePointer<Lanes>.allocate(capacity: n * m)
            defer { out.deallocate() }
            let la = a.map { Lanes(repeating: $0) }, lb = b.map { Lanes(repeating: $0) }, lat = at.map { Lanes(repeating: $0) }
            RiccatiLanes.times(la, rows: n, inner: p, lb, columns: m, into: out, skippingZeros: false, probe: &probe)
            XCTAssertEqual((0..<(n * m)).map { out[$0][0].bitPattern },
                           (Matrix(rows: n, columns: p, elements: a) * Matrix(rows: p, columns: m, elements: b)).elements.map(\.bitPattern))
            RiccatiLanes.transposeTimes(lat, rows: p, columns: n, lb, columns: m, into: out, skippingZeros: false, probe: &probe)
            XCTAssertEqual((0..<(n * m)).map { out[$0][0].bitPattern },
                           Matrix.transposeTimes(Matrix(rows: p, columns: n, elements: at),
                                                 Matrix(rows: p, columns: m, elements: b)).elements.map(\.bitPattern))
            let square = entries(p * n), lsquare = square.map { Lanes(repeating: $0) }
            let full = (Matrix(rows: n, columns: p, elements: a) * Matrix(rows: p, columns: n, elements: square)).elements
            let lower = UnsafeMutablePointer<Lanes>.allocate(capacity: n * n)
            defer { lower.deallocate() }
            for exact in [false, true] {
                RiccatiLanes.lowerTimes(la, rows: n, inner: p, lsquare, into: lower, skippingZeros: exact, probe: &probe)
                for i in 0..<n {
                    XCTAssertEqual((0...i).map { lower[i * n + $0][0].bitPattern }, (0...i).map { full[i * n + $0].bitPattern })
                }
            }
            XCTAssertTrue(all(probe .== 0))
            for bad in [Double.infinity, -.infinity, .nan] {
                var infected = lb, flagged = Lanes(repeating: 0)
                infected[p * m - 1][RiccatiLanes.width - 1] = bad
                RiccatiLanes.times(la, rows: n, inner: p, infected, columns: m, into: out, skippingZeros: false, probe: &flagged)
                XCTAssertTrue(flagged[RiccatiLanes.width - 1].isNaN, "\(bad)")
            }
        }
    }
}
