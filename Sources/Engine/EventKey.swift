/// The total order of events: `(time, priority, sequence)` compared field by field.
///
/// `sequence` is the queue's insertion counter, never reset during a run, so no two keys are equal and
/// the pop order does not depend on heap internals. Ties are never broken by agent id or hash.
public struct EventKey: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Simulated time.
    public var time: SimTime
    /// Lower runs first among events at the same time.
    public var priority: Int32
    /// Insertion counter.
    public var sequence: UInt64

    /// The priority of the stop marker: it runs before anything else at its time, so events at exactly
    /// `until` stay queued for a later run.
    public static let urgent = Int32.min

    public init(time: SimTime, priority: Int32, sequence: UInt64) {
        self.time = time
        self.priority = priority
        self.sequence = sequence
    }

    @inlinable
    public static func < (a: EventKey, b: EventKey) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.priority != b.priority { return a.priority < b.priority }
        return a.sequence < b.sequence
    }

    public var description: String { "(t=\(time), p=\(priority), seq=\(sequence))" }
}
