/// Which stops of a checkpointed run write the checkpoint.
///
/// Each write syncs the trace and the checkpoint to disk and renames a file: milliseconds on a real
/// disk, against microseconds for the simulated time between two stops when the interval is short
/// (`--checkpoint-every 0.5` on a time-series world that simulates thousands of rounds a second). A
/// write at every stop made such runs, and their resumes, take minutes instead of a second: they spent
/// nearly all their time syncing. So writes are spaced in wall time too: at the default interval at
/// most one per ``defaultSpacing``; at an explicit interval the first stop writes, then at most one per
/// ``explicitSpacing``. An interrupt always writes (it is where the run continues from); the run's end
/// never does (the finished run is recorded instead). A killed run loses at most the interval or the
/// spacing, whichever is longer; results never depend on which stops wrote.
struct CheckpointPacing {
    /// The least wall time between checkpoints at the default interval (one per episode).
    static let defaultSpacing: Duration = .seconds(10)
    /// The least wall time between checkpoints at an explicit `--checkpoint-every`.
    static let explicitSpacing: Duration = .seconds(1)

    let spacing: Duration
    private var last: ContinuousClock.Instant?

    /// - Parameters:
    ///   - spaced: whether the interval is the default one.
    ///   - start: when the run (or the resume) started: the default interval's first write comes a
    ///     spacing after it.
    init(spaced: Bool, start: ContinuousClock.Instant) {
        spacing = spaced ? Self.defaultSpacing : Self.explicitSpacing
        last = spaced ? start : nil
    }

    /// Whether the stop reached at wall time `now` writes a checkpoint (and if so, records the write).
    mutating func shouldSave(at now: ContinuousClock.Instant, stopped: Bool, atEnd: Bool) -> Bool {
        guard stopped || !atEnd else { return false }
        if !stopped, let last, now - last < spacing { return false }
        last = now
        return true
    }
}
