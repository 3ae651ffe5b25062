import Engine

/// A trace sink that keeps the records of the events executed since the last ``drain()``, so
/// `sim step` can print each event's trace line and check breakpoints. A class: the simulation holds
/// it as its sink while the stepper reads it.
final class TraceLineBuffer: TraceSink {
    private(set) var records: [TraceRecord] = []

    /// The kind of the newest record not yet drained.
    var lastKind: String? { records.last?.kind }

    func record(_ record: TraceRecord) { records.append(record) }
    func finish() {}

    /// Returns and forgets the buffered records.
    func drain() -> [TraceRecord] {
        defer { records.removeAll(keepingCapacity: true) }
        return records
    }
}
