import Scenarios

/// Runs sessions to their end in slices of simulated time, so a progress line can follow the clock and
/// an interrupt stops after the current event (`sim run`, `compare`, `sweep`).
///
/// Slicing does not change results: `run(until:)` leaves events at exactly `until` queued and the next
/// slice dispatches them, so the event order is the same as one call to the end.
struct SessionDriver {
    /// Slices per run.
    static let slices = 100
    /// The progress line, in runs.
    var progress: ProgressLine

    /// Runs `session` to its end time; returns true when an interrupt stopped it (after a whole event,
    /// or in an event waiting for an external policy's answer, whose process is then stopped: the run
    /// keeps the episodes completed before it). `completedRuns` is how many runs finished before this
    /// one, for the progress line.
    mutating func runToEnd(_ session: inout any RunSession, completedRuns: Int, console: inout Console) throws -> Bool {
        do {
            return try slices(&session, completedRuns: completedRuns, console: &console)
        } catch let error as ExternalPolicyError where error.interrupted {
            return true
        }
    }

    private mutating func slices(_ session: inout any RunSession, completedRuns: Int, console: inout Console) throws -> Bool {
        let start = session.now, end = session.endTime
        guard end.isFinite else { return try session.run(until: end, shouldStop: { Interrupt.requested }) }
        for slice in 1...Self.slices {
            let target = slice == Self.slices ? end : start + (end - start) * Double(slice) / Double(Self.slices)
            if try session.run(until: target, shouldStop: { Interrupt.requested }) { return true }
            progress.update(done: Double(completedRuns) + Double(slice) / Double(Self.slices), console: &console)
        }
        return false
    }
}
