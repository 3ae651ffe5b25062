extension EventQueue: CheckpointableState {
    /// Saves the heap array as it is (so the restored heap is the same array, not merely an equivalent
    /// one), the cancellation marks in sorted order, and the sequence counter.
    public func save(into writer: inout StateWriter) {
        writer.write(nextSequence)
        writer.write(storage.count)
        for event in storage {
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
        var events = ContiguousArray<Event>()
        events.reserveCapacity(count)
        for _ in 0..<count {
            let time = try reader.readDouble(), priority = try Self.int32(try reader.readInt())
            let sequence = try reader.readUInt64()
            guard sequence < next else { throw CheckpointError.corrupt("event sequence \(sequence) not below the counter \(next)") }
            let id = try reader.readInt(), name = try reader.readString(), kindPriority = try Self.int32(try reader.readInt())
            guard let kindID = UInt16(exactly: id) else { throw CheckpointError.corrupt("event kind id \(id)") }
            let agent = try Self.int32(try reader.readInt())
            guard let generation = UInt32(exactly: try reader.readUInt64()) else { throw CheckpointError.corrupt("event generation") }
            events.append(Event(key: EventKey(time: time, priority: priority, sequence: sequence),
                                kind: EventKind(id: kindID, name: name, priority: kindPriority), agent: agent, generation: generation))
        }
        let marks = try reader.readInts().map { UInt64(bitPattern: Int64($0)) }
        var restored = EventQueue()
        restored.storage = events
        restored.nextSequence = next
        restored.cancelled = Set(marks)
        guard restored.satisfiesHeapProperty else { throw CheckpointError.corrupt("the saved event queue is not a heap") }
        self = restored
        checkInvariants()
    }

    private static func int32(_ value: Int) throws -> Int32 {
        guard let v = Int32(exactly: value) else { throw CheckpointError.corrupt("\(value) does not fit 32 bits") }
        return v
    }
}
