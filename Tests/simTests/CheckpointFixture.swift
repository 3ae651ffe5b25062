import Engine
import Foundation
import Scenarios

/// Writes checkpoint files as `sim run --checkpoint` would, without racing a running process: the
/// scenario is loaded and run in process up to `cut` (or not started when `cut` is nil), and the
/// record names the same options and absolute outputs a run with `--no-timing --no-progress` records.
enum CheckpointFixture {
    /// The checkpoint of `policy` of `scenarioFile` (with `overrides`) cut at simulated time `cut`,
    /// written to `path`; results go to `out` when it is resumed.
    static func write(_ path: String, scenarioFile: String, overrides: [String], policy: String, cut: SimTime?,
                      out: String, every: SimTime = 1) throws {
        let scenario = try Scenario.load(file: scenarioFile, overrides: try overrides.map { try Override.parse($0) })
        var current: RunCheckpoint.Current?
        if let cut {
            var session = try scenario.makeSession(policy: policy, seed: scenario.header.seed)
            _ = try session.run(until: cut, shouldStop: { false })
            var writer = StateWriter()
            try session.saveState(into: &writer)
            current = RunCheckpoint.Current(index: 0, state: writer.bytes, trace: nil)
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scenarioFile))
        let record = RunCheckpoint(scenarioPath: RunCheckpoint.absolute(scenarioFile), scenarioDigest: bytes.withUnsafeBytes { SipHash.hash($0) },
                                   inputs: RunCheckpoint.inputs(of: scenario), overrides: overrides, seed: scenario.header.seed,
                                   policies: [policy],
                                   options: [("timing", "0"), ("progress", "0"), ("spaced", "0"), ("out", RunCheckpoint.absolute(out)),
                                             ("every", "\(every)")],
                                   current: current)
        try record.write(to: path)
    }
}
