import SimTestSupport
import XCTest
import Foundation
import Engine
@testable import Scenarios

/// Bit-exact golden digests of the time-series worlds: every shipped time-series scenario × policy ×
/// seeds 1–3 at a small N, plus the code paths the population representation touches (k of N, Monte
/// Carlo windows, fixed-point consistency, every mixture rule, the persistence of predictions). A digest
/// folds the bit patterns of every metric summary and of the per-step error series, so any change in
/// any number — however small — fails the test. The speed work on these worlds must change no number.
final class TimeSeriesGoldenTests: XCTestCase {
    private var scenarios: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios")
    }

    /// Every metric but the wall time.
    private static let metrics = Override(path: "outputs.metrics", value: .array(
        ["mixtureRMSE", "meanClientRMSE", "worstClientRMSE", "worstClientCost", "meanClientCost", "clientCostStd",
         "messages", "naiveRMSE"].map { .string($0) }))

    /// FNV-1a over the metric summaries' bit patterns and the per-step series of seeds 1–3.
    private func digest(_ file: String, policy: String, overrides: [String]) throws -> String {
        let parsed = try overrides.map(Override.parse) + [Self.metrics]
        // Only `policy` runs, so only its resources are checked (nash-n at N = 1,000 would exceed the work budget).
        let scenario = try Scenario.load(file: scenarios.appendingPathComponent(file + ".json5").path, overrides: parsed,
                                         selected: [policy])
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ bits: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash ^= (bits >> UInt64(shift)) & 0xff
                hash = hash &* 0x100_0000_01b3
            }
        }
        for seed: UInt64 in 1...3 {
            var session = try scenario.makeSession(policy: policy, seed: seed)
            _ = try session.run(until: session.endTime, shouldStop: { false })
            let outcome = try session.finish()
            for (_, stats) in outcome.metrics {
                for value in [stats.mean, stats.m2, stats.min, stats.max] { add(value.bitPattern) }
                add(UInt64(stats.count))
            }
            for series in outcome.series { for value in series.values { add(value.bitPattern) } }
        }
        return String(hash, radix: 16)
    }

    private func check(_ cases: [(file: String, policy: String, overrides: [String], digest: String)]) throws {
        var failures: [String] = []
        for c in cases {
            let actual = try digest(c.file, policy: c.policy, overrides: c.overrides)
            if actual != c.digest { failures.append("(\"\(c.file)\", \"\(c.policy)\", \(c.overrides), \"\(actual)\")") }
        }
        XCTAssertTrue(failures.isEmpty, "digests changed:\n" + failures.joined(separator: "\n"))
    }

    /// Every shipped synthetic or bundled time-series scenario × policy at N = 4, seeds 1–3.
    func test_shippedScenarios_everyPolicy_smallN_areBitExact() throws {
        let n = "world.clients=4"
        try check([
            ("ts-logistic", "memoa", [n], "c2647fbc39e9c7df"),
            ("ts-logistic", "greedy", [n], "48cc0a8582a124ac"),
            ("ts-logistic", "replay-only", [n], "132d1ed83681a253"),
            ("ts-logistic", "nash-n", [n], "a305d92b5599bdcc"),
            ("ts-logistic", "fedmoe", [n], "5309a9043188f45d"),
            ("ts-periodic", "memoa", [n], "7bf93cc87b3a265"),
            ("ts-periodic", "greedy", [n], "d552daf7055c044f"),
            ("ts-periodic", "replay-only", [n], "a3a132e5ba3e6eda"),
            ("ts-periodic", "fedmoe", [n], "4d2224ab07a279e0"),
            ("ts-concept-drift", "memoa", [n], "614e43fbfd39b852"),
            ("ts-concept-drift", "greedy", [n], "a399191cca837115"),
            ("ts-concept-drift", "replay-only", [n], "98257c7be5c3f1a1"),
            ("ts-concept-drift", "fedmoe", [n], "3b9ac90bfbebe476"),
            ("ts-regime-switch", "memoa", [n], "175d0eb9d2986393"),
            ("ts-regime-switch", "greedy", [n], "19002dd1686f4eee"),
            ("ts-regime-switch", "replay-only", [n], "f82a284b5393db1e"),
            ("ts-csv-small", "memoa", [n], "4cdf007235728c55"),
            ("ts-csv-small", "greedy", [n], "b543bf0821247efc"),
            ("ts-csv-small", "replay-only", [n], "22f10e8ad93eb610"),
            ("ts-n-sweep", "memoa", [n], "ad5a7dadd337873a"),
            ("ts-n-sweep", "nash-n", [n], "afb3da32fb2638f5"),
        ])
    }

    /// The variants the client representation touches: k of N, Monte-Carlo windows, fixed-point
    /// consistency, sparse games, no replay reset, every mixture rule.
    func test_policyAndMixtureVariants_areBitExact() throws {
        let n = "world.clients=6", short = "world.rounds=40"
        try check([
            ("ts-logistic", "memoa", [n, short, "observation.k=3"], "b58dd32724e3945e"),
            ("ts-logistic", "memoa", [n, short, "policies.memoa.mcSamples=3"], "27536d6e14c2b02e"),
            ("ts-logistic", "memoa", [n, short, "policies.memoa.consistency=iterate", "policies.memoa.tolerance=1e-10"], "4efaaaac180301cf"),
            ("ts-logistic", "memoa", [n, short, "policies.memoa.gameEvery=4", "policies.memoa.replayReset=false"], "62cec26594f4a762"),
            ("ts-logistic", "memoa", [n, short, "world.mixture={kind: \"eg\"}"], "106a4a26f99831c2"),
            ("ts-logistic", "greedy", [n, short, "world.mixture={kind: \"hedge\"}"], "1f0fe856d2ff6b25"),
            ("ts-logistic", "greedy", [n, short, "world.mixture={kind: \"uniform\"}"], "55e85b7a1991e02"),
            ("ts-logistic", "greedy", [n, short, "world.encoder={kind: \"rf\", latentWidth: 2}"], "651e27dfe62025de"),
            ("ts-concept-drift", "memoa", [n, short, "world.encoder.activation=tanh"], "5597c39508a3966a"),
        ])
    }

    /// ts-logistic at N = 1,000 (memoa and greedy), the size the budgets' golden condition names.
    func test_logistic_thousandClients_isBitExact() throws {
        try LongTest.require()
        try check([
            ("ts-logistic", "memoa", ["world.clients=1000", "world.rounds=12"], "8c19509d7b12c0fd"),
            ("ts-logistic", "greedy", ["world.clients=1000", "world.rounds=12"], "794ca858921ff5ad"),
            ("ts-logistic", "memoa", ["world.clients=1000", "world.rounds=12", "observation.k=100"], "e2a34ffa0ac0e7be"),
        ])
    }
}
