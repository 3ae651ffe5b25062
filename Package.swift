// swift-tools-version:6.0
import PackageDescription

// Dependency chain (README "Layout"): sim -> Scenarios -> Agents -> Engine.
// No package dependencies: Foundation, Dispatch and XCTest only.
let internalChecks: [SwiftSetting] = [
    // Uncomment to check the event queue's invariants after every mutation:
    // .define("SIM_INTERNAL_CHECKS"),
]

let package = Package(
    name: "meanfield-sim",
    products: [
        .executable(name: "sim", targets: ["sim"]),
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "Agents", targets: ["Agents"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
    ],
    targets: [
        .target(name: "Engine", exclude: ["README.md"], swiftSettings: internalChecks),
        .target(name: "Agents", dependencies: ["Engine"], exclude: ["README.md"]),
        .target(name: "Scenarios", dependencies: ["Agents", "Engine"], exclude: ["README.md"]),
        .executableTarget(name: "sim", dependencies: ["Scenarios", "Agents", "Engine"], exclude: ["README.md"]),
        .target(name: "SimTestSupport", dependencies: ["Engine"], path: "Tests/SimTestSupport"),
        // The command-line fuzz campaign (Tests/fuzz/cli-fuzz.sh), not part of `swift test`.
        .executableTarget(name: "sim-fuzz", dependencies: ["SimTestSupport"], path: "Tests/SimFuzz"),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "SimTestSupport"]),
        .testTarget(name: "AgentsTests", dependencies: ["Agents", "Engine", "SimTestSupport"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "Agents", "Engine", "SimTestSupport"]),
        // Speaks the external-policy protocol in tests (well and badly), so `swift test` needs no Python.
        .executableTarget(name: "ExternalPolicyFixture", path: "Tests/ExternalPolicyFixture"),
        .testTarget(name: "simTests", dependencies: ["sim", "Scenarios", "Engine", "SimTestSupport", "ExternalPolicyFixture"],
                    exclude: ["Snapshots"]),
    ]
)
