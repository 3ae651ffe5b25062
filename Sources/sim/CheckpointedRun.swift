import Engine
import Foundation
import Scenarios

/// `sim run FILE --checkpoint F [--checkpoint-every T]` and `sim resume F`.
///
/// Ranked goals: (1) a resumed run's results and trace are byte-identical to an uninterrupted run's;
/// (2) no partial outputs — the checkpoint and every output appear only whole (temporary file, fsync,
/// rename), and the trace stays in its temporary file until its run completes; (3) a checkpoint that
/// does not belong to this scenario, this file version or this world is refused with exit 2.
///
/// The run advances in steps of T simulated time (default: one episode); after each step the state
/// of the run in progress, the runs already finished and the trace's byte position are written to F.
/// Without `--checkpoint-every`, T is one episode. Checkpoints too close in wall-clock time are
/// skipped (see ``CheckpointPacing``: each one syncs the trace and the checkpoint to disk).
/// Results do not depend on where the steps fall: `run(until:)` leaves events at exactly `until`
/// queued. Ctrl-C writes a checkpoint after the current event and exits 130 without writing results;
/// a killed run loses at most T of simulated time or the pacing's spacing of wall time. F is removed
/// when the run completes.
struct CheckpointedRun {
    let command: RunCommand
    let scenario: Scenario
    let seed: UInt64
    let policies: [String]
    let path: String
    /// Simulated time between checkpoints; nil until the first session says how long an episode is.
    var every: SimTime?
    var record: RunCheckpoint

    /// A fresh run.
    init(command: RunCommand, scenario: Scenario, seed: UInt64, policies: [String], path: String) throws {
        let options = command.options
        guard let bytes = FileManager.default.contents(atPath: options.file) else {
            throw ScenarioError.unreadable(file: options.file, reason: "no such file")
        }
        // Absolute paths, so that `sim resume` from another folder reads and writes the same files.
        // Every input file is hashed too: a resume on an edited policy file or CSV would continue differently.
        let record = RunCheckpoint(scenarioPath: OutputPathCheck.absolute(options.file), scenarioDigest: SipHash.hash(bytes),
                                   inputs: RunCheckpoint.inputs(of: scenario), overrides: options.overrides, seed: seed, policies: policies,
                                   options: Self.recorded(options))
        self.init(command: command, scenario: scenario, seed: seed, policies: policies, path: path,
                  every: options.checkpointEvery, record: record)
    }

    init(command: RunCommand, scenario: Scenario, seed: UInt64, policies: [String], path: String, every: SimTime?, record: RunCheckpoint) {
        self.command = command
        self.scenario = scenario
        self.seed = seed
        self.policies = policies
        self.path = path
        self.every = every
        self.record = record
    }

    /// One checkpoint per episode, at most 1,000 per run.
    static func defaultInterval(endTime end: SimTime, episodes: Int) -> SimTime {
        max(end / Double(max(episodes, 1)), end / 1_000, 1e-9)
    }

    /// The most checkpoint intervals one policy run may have: more is a mistyped interval, not a plan.
    static let maximumIntervals = 1_000_000.0

    /// Refuses an interval that would split a run into more than ``maximumIntervals`` steps (exit 2).
    static func checkInterval(_ every: SimTime, endTime end: SimTime) throws {
        guard end.isFinite, end / every > maximumIntervals else { return }
        let least = end / maximumIntervals
        throw CLIError.badValue(option: "--checkpoint-every", value: JSONText.number(every),
                                expected: "an interval of at least \(JSONText.number(least)) (a run of simulated time \(JSONText.number(end)) "
                                    + "may have at most \(Int(maximumIntervals)) checkpoint intervals)")
    }

    /// The next stop: the least whole multiple k × `every` strictly after `now`, capped at `end`.
    ///
    /// Computed from the integer k, never by adding `every` to a rounded clock: with `every = 0.1`,
    /// `(0.3 / 0.1).rounded(.down) * 0.1 + 0.1` is 0.30000000000000004, not after a clock at that
    /// value, and the run made no progress. ``checkInterval(_:endTime:)`` keeps k below 2^53, where
    /// k + 1 is exact, so each stop is strictly later than the last.
    static func nextStop(after now: SimTime, every: SimTime, endTime end: SimTime) -> SimTime {
        var k = (now / every).rounded(.down)
        while k * every <= now { k += 1 }
        return min(end, k * every)
    }

    /// The output options a resume needs, as recorded pairs (the interval is added once known).
    static func recorded(_ options: RunOptions) -> [(String, String)] {
        var pairs: [(String, String)] = [("timing", options.timing ? "1" : "0"), ("progress", options.progress ? "1" : "0"),
                                         ("spaced", options.checkpointEvery == nil ? "1" : "0")]
        if let out = options.out { pairs.append(("out", OutputPathCheck.absolute(out))) }
        if let trace = options.trace { pairs.append(("trace", OutputPathCheck.absolute(trace))) }
        if let kinds = options.traceKinds { pairs.append(("traceKinds", kinds.joined(separator: ","))) }
        if let format = options.traceFormat { pairs.append(("traceFormat", format)) }
        if let plot = options.plot { pairs.append(("plot", OutputPathCheck.absolute(plot))) }
        if let csv = options.csv { pairs.append(("csv", OutputPathCheck.absolute(csv))) }
        if let series = options.plotSeries { pairs.append(("plotSeries", series)) }
        return pairs
    }

    mutating func execute(console: inout Console) throws {
        let options = command.options
        Interrupt.install()
        var progress = ProgressLine(label: "run", total: policies.count, enabled: ProgressLine.wanted(options.progress, console: console))
        let first = record.current?.index ?? record.completed.count
        var pacing = CheckpointPacing(spaced: record.option("spaced") == "1", start: .now)
        for index in first..<policies.count {
            var session = try checkpointableSession(policies[index])
            let traceTemporary = try attachTrace(&session, index: index)
            if let current = record.current, current.index == index {
                var reader = StateReader(current.state)
                try session.restoreState(from: &reader)
                guard reader.remaining == 0 else { throw CheckpointError.corrupt("\(reader.remaining) bytes of run state left unread") }
            }
            record.current = nil
            let end = session.endTime
            if every == nil { every = Self.defaultInterval(endTime: end, episodes: scenario.header.episodes) }
            let every = self.every!
            try Self.checkInterval(every, endTime: end)
            if record.option("every") == nil { record.options.append(("every", "\(every)")) }
            while session.now < end {
                let next = Self.nextStop(after: session.now, every: every, endTime: end)
                // An interrupt between events (a stretch of steps without any) still stops the run.
                let stopped = try session.run(until: next, shouldStop: { Interrupt.requested }) || Interrupt.requested
                progress.update(done: Double(record.completed.count) + session.now / max(end, 1e-300), console: &console)
                if pacing.shouldSave(at: .now, stopped: stopped, atEnd: next >= end) {
                    try save(&session, index: index, traceTemporary: traceTemporary)
                }
                if stopped {
                    progress.finish(console: &console)
                    throw Interrupted(detail: "at t=\(JSONText.number(session.now)) of \(policies[index]); no results were written; "
                                      + "continue with 'sim resume \(path)'")
                }
            }
            _ = try session.detachTrace()
            let outcome = try session.finish()
            try outcome.checkFinite(policy: policies[index])
            record.completed.append((policies[index], outcome))
            try record.write(to: path)
        }
        progress.finish(console: &console)
        try command.writeOutputs(scenario, seed: seed, results: record.completed, console: &console)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A session of `policy` that can be checkpointed, else a clear refusal (exit 2).
    func checkpointableSession(_ policy: String) throws -> any RunSession {
        let session = try scenario.makeSession(policy: policy, seed: seed)
        if let refusal = session.checkpointRefusal { throw CheckpointError.unsupported(refusal + "; run it without --checkpoint") }
        return session
    }

    /// Attaches the trace: a new temporary file, or the interrupted run's, cut to the checkpoint.
    func attachTrace(_ session: inout any RunSession, index: Int) throws -> String? {
        guard let target = command.options.trace else { return nil }
        let output: FileOutput
        if let current = record.current, current.index == index, let trace = current.trace {
            output = try FileOutput.resume(target, temporary: trace.temporary, bytes: trace.bytes)
        } else {
            output = try FileOutput.file(target)
        }
        let filter = try command.traceFilter(scenario)
        let sink: any TraceSink = (command.options.traceFormat ?? "jsonl") == "text"
            ? TextTraceWriter(output: output, filter: TraceFilter()) : JSONLinesTraceWriter(output: output, filter: TraceFilter())
        session.attachTrace(sink, filter: filter)
        return output.temporaryPath
    }

    /// Flushes the trace to disk first, then writes the checkpoint that points at its length.
    mutating func save(_ session: inout any RunSession, index: Int, traceTemporary: String?) throws {
        let bytes = try session.checkpointTrace()
        var writer = StateWriter()
        try session.saveState(into: &writer)
        record.current = RunCheckpoint.Current(index: index, state: writer.bytes,
                                               trace: traceTemporary.flatMap { t in bytes.map { (t, $0) } })
        try record.write(to: path)
        record.current = nil
    }
}
