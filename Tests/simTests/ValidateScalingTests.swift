import Foundation
import SimTestSupport
import XCTest

/// `sim validate` on a scenario with 40,000 keys in one object (here, policies): every pass over the
/// keys — the duplicate check and restoring source order — must be linear or n log n. Both were
/// quadratic (a search of the key list per key, and per sort comparison): over a minute in release.
/// The bound is 60 s of wall time for about 2 s of CPU in a debug build.
final class ValidateScalingTests: XCTestCase {
    func testValidateFortyThousandKeysIsLinear() throws {
        try LongTest.require()
        guard let sim = SimProcess() else { throw XCTSkip("the sim executable is not built") }
        let folder = try CLIHarness.temporaryFolder(self)
        let quickstart = try String(contentsOfFile: CLIHarness.quickstart, encoding: .utf8)
        let policies = (0..<40_000).map { "p\($0): { kind: \"random\" }" }.joined(separator: ",\n")
        let text = quickstart.replacingOccurrences(of: "policies: {", with: "policies: {\n" + policies + ",")
        XCTAssertNotEqual(text, quickstart)
        let file = folder.appendingPathComponent("many-keys.json5")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let started = Date()
        let result = try sim.run(["validate", file.path], timeout: 60)
        XCTAssertEqual(result.status, 0, "took \(Date().timeIntervalSince(started)) s: \(result.stderr)")
        XCTAssertTrue(result.stdout.hasPrefix("ok "), result.stdout.prefix(200).description)
    }
}
