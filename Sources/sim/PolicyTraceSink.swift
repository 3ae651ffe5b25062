import Engine

/// One trace shared by the runs of several policies (`sim run --trace F` without `--policy`): every
/// record gets a leading `policy` field, and the file is closed once, after the last run.
///
/// Each run attaches its own ``PolicyTraceSink``; they share one ``Destination``, so lines appear in
/// policy order, each run's in event order.
struct PolicyTraceSink: TraceSink {
    /// The shared writer. A class so that every run's sink appends to the same output.
    final class Destination {
        var sink: any TraceSink
        init(_ sink: any TraceSink) { self.sink = sink }
        /// Closes the trace after the last run.
        func finish() throws { try sink.finish() }
    }

    let destination: Destination
    let policy: String

    mutating func record(_ record: TraceRecord) throws {
        var tagged = record
        tagged.payload.insert((key: "policy", value: .string(policy)), at: 0)
        try destination.sink.record(tagged)
    }

    /// A run ending does not close the shared trace; ``Destination/finish()`` does.
    mutating func finish() throws {}
}
