extension EventQueue {
    /// One queued event, without its kind's name.
    @usableFromInline
    struct Node: Sendable, BitwiseCopyable {
        /// The time as an order-preserving integer (``timeKey(_:)``): integer comparisons are cheaper
        /// than floating-point ones and compile to flag-setting instructions without parity checks.
        @usableFromInline var timeKey: UInt64
        @usableFromInline var sequence: UInt64
        // Agent and generation first in the second half: the run loop reads them as one 8-byte
        // word, which a just-written node can then forward from its second 16-byte half.
        @usableFromInline var agent: Int32
        @usableFromInline var generation: UInt32
        @usableFromInline var priority: Int32
        @usableFromInline var kind: UInt16

        @inlinable
        init(time: SimTime, sequence: UInt64, priority: Int32, agent: Int32, generation: UInt32, kind: UInt16) {
            timeKey = Self.timeKey(time)
            self.sequence = sequence
            self.priority = priority
            self.agent = agent
            self.generation = generation
            self.kind = kind
        }

        /// Maps times to integers in the same order: `a < b` iff `timeKey(a) < timeKey(b)` for all
        /// non-NaN times (−0 is first made +0, so the two zeros stay equal, as `==` says they are).
        @inlinable @inline(__always)
        static func timeKey(_ time: SimTime) -> UInt64 {
            let bits = (time + 0.0).bitPattern
            let negative = UInt64(bitPattern: Int64(bitPattern: bits) &>> 63)
            return bits ^ (negative | 0x8000_0000_0000_0000)
        }

        /// The time back from its key (exact).
        @inlinable @inline(__always)
        var time: SimTime {
            let positive = timeKey & 0x8000_0000_0000_0000 != 0
            return SimTime(bitPattern: positive ? timeKey ^ 0x8000_0000_0000_0000 : ~timeKey)
        }

        /// `(time, priority, sequence)` order, as ``EventKey``'s `<`.
        @inlinable @inline(__always)
        static func precedes(_ a: Node, _ b: Node) -> Bool {
            if a.timeKey != b.timeKey { return a.timeKey < b.timeKey }
            if a.priority != b.priority { return a.priority < b.priority }
            return a.sequence < b.sequence
        }

        /// 1 when `a` precedes `b`, else 0. Used as an index offset when choosing the smallest child,
        /// so that the choice is arithmetic rather than a branch: in a large queue the children's keys
        /// are in random order, and the mispredicted branches would cost more than the whole heap walk.
        /// Equal times (the tie-breakers) take a branch, which is rare or else well predicted.
        @inlinable @inline(__always)
        static func precedesBit(_ a: Node, _ b: Node) -> Int {
            if a.timeKey != b.timeKey { return Int(unsafeBitCast(a.timeKey < b.timeKey, to: UInt8.self)) }
            return Int(unsafeBitCast(precedes(a, b), to: UInt8.self))
        }

        @inlinable var key: EventKey { EventKey(time: time, priority: priority, sequence: sequence) }
    }
}
