extension EventQueue: CheckpointableState {
    /// Saves the events — the heap array as it is, then the waiting ones (see ``EventTiers``) — the cancellation marks in sorted order, and the sequence counter.
    /// A queue that never spilled restores to the same heap array; a spilled one to an equivalent
    /// queue (the pop order is the total key order either way).
    ///
    /// Restoring checks what the queue itself can: finite times, sequence numbers distinct and below the
    /// counter, one kind per id, marks of issued numbers. ``Simulation/restoreEngineState(from:modelKinds:)``
    /// checks the rest against the run (times not before the clock, known kinds, agent indices).
    public func save(into writer: inout StateWriter) {
        writer.write(nextSequence)
        writer.write(count)
        for event in events {
            writer.write(event.key.time)
            writer.write(Int(event.key.priority))
            writer.write(event.key.sequence)
            writer.write(Int(event.kind.id))
            writer.write(event.kind.name)
            writer.write(Int(event.kind.priority))
            writer.write(Int(event.agent))
            writer.write(UInt64(event.generation))
        }
        writer.write(cancelled.sorted().map { Int(truncatingIfNeeded: $0) })
    }

    public mutating func restore(from reader: inout StateReader) throws {
        let next = try reader.readUInt64()
        let count = try reader.readCount(elementSize: 64)
        var restored = EventQueue()
        var nodes = ContiguousArray<Node>()
        nodes.reserveCapacity(count)
        var sequences = Set<UInt64>()
        for _ in 0..<count {
            let time = try reader.readDouble(), priority = try Self.int32(try reader.readInt())
            let sequence = try reader.readUInt64()
            guard time.isFinite else { throw CheckpointError.corrupt("an event's time is \(time)") }
            guard sequence < next else { throw CheckpointError.corrupt("event sequence \(sequence) not below the counter \(next)") }
            guard sequences.insert(sequence).inserted else { throw CheckpointError.corrupt("two events share the sequence number \(sequence)") }
            let id = try reader.readInt(), name = try reader.readString(), kindPriority = try Self.int32(try reader.readInt())
            guard let kindID = UInt16(exactly: id) else { throw CheckpointError.corrupt("event kind id \(id)") }
            let agent = try Self.int32(try reader.readInt())
            guard let generation = UInt32(exactly: try reader.readUInt64()) else { throw CheckpointError.corrupt("event generation") }
            let kind = EventKind(id: kindID, name: name, priority: kindPriority)
            if let known = restored.kinds.indices.contains(Int(kindID)) ? restored.kinds[Int(kindID)] : nil,
               known.nameIndex != kind.nameIndex || known.priority != kind.priority {
                throw CheckpointError.corrupt("event kinds '\(known.name)' and '\(name)' share id \(kindID)")
            }
            restored.register(kind)
            nodes.append(Node(time: time, sequence: sequence, priority: priority, agent: agent, generation: generation, kind: kindID))
        }
        let marks = try reader.readInts().map { UInt64(bitPattern: Int64($0)) }
        guard marks.allSatisfy({ $0 < next }) else { throw CheckpointError.corrupt("a cancellation mark names a sequence number not issued yet") }
        restored.load(nodes)
        restored._nextSequence = next
        restored.cancelled = Set(marks)
        if let top = restored.peek, restored.cancelled.contains(top.key.sequence) {
            throw CheckpointError.corrupt("the earliest saved event \(top.key) is cancelled")
        }
        self = restored
        checkInvariants()
    }

    /// Fills a new queue with `nodes`: heapified (a heap saved by a queue that never spilled comes
    /// back unchanged: heapify moves nothing in a heap), then spilled if it is large.
    private mutating func load(_ nodes: ContiguousArray<Node>) {
        let tiers = uniqueTiers()
        precondition(tiers.pointee.count == 0, "load(_:) needs an empty queue")
        for node in nodes { tiers.pointee.heap.append(node) }
        tiers.pointee.heapify()
        if tiers.pointee.heap.count >= tiers.pointee.spillAt { tiers.pointee.spill() }
    }

    private static func int32(_ value: Int) throws -> Int32 {
        guard let v = Int32(exactly: value) else { throw CheckpointError.corrupt("\(value) does not fit 32 bits") }
        return v
    }
}
