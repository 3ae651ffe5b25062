import Foundation
import XCTest

/// Tests too slow for `swift test`'s three-minute budget: fuzz campaigns, statistics over many seeds,
/// large-population goldens. `swift test` skips them, saying so; `.ci/long-tests` (which CI runs) sets
/// `SIM_LONG_TESTS=1` and runs exactly these.
public enum LongTest {
    /// The environment variable that turns the long tests on.
    public static let variable = "SIM_LONG_TESTS"

    /// Whether the long tests run in this process.
    public static var isEnabled: Bool { ProcessInfo.processInfo.environment[variable] == "1" }

    /// Skips the calling test unless the long tests are on.
    public static func require() throws {
        guard isEnabled else { throw XCTSkip("long test: runs with \(variable)=1 (.ci/long-tests)") }
    }
}
