/// The schedules of a run: seeds the first events and computes the follow-ups of each dispatched event.
///
/// Periodic times are `offset + m · period` (computed, not accumulated, so no drift). Poisson gaps are
/// drawn from the `schedule` stream keyed by (kind id, agent, occurrence), so they are the same for
/// every policy run under one seed.
public struct ScheduleTable: Sendable {
    /// `(kind, schedule)` in the order the scenario lists them.
    public let entries: [(kind: EventKind, schedule: Schedule)]
    private let random: RandomStream
    /// The population size: per-agent events name agents 0 ..< agents.
    public let agents: Int
    /// Per kind id: how many events of that kind have been scheduled (periodic index m / Poisson draw).
    private var scheduledCount: [Int]

    /// - Parameters:
    ///   - entries: one schedule per kind; a kind listed twice keeps the first.
    ///   - seed: the run seed (Poisson clocks).
    ///   - agents: population size, for per-agent Poisson clocks.
    public init(_ entries: [(kind: EventKind, schedule: Schedule)], seed: UInt64, agents: Int) {
        var seen = Set<UInt16>()
        self.entries = entries.filter { seen.insert($0.kind.id).inserted }
        random = RandomStream(seed: seed, .schedule)
        self.agents = agents
        scheduledCount = Array(repeating: 0, count: Int(self.entries.map(\.kind.id).max() ?? 0) + 1)
    }

    /// The schedule of `kind`, `.never` if it has none.
    public func schedule(of kind: EventKind) -> Schedule {
        entries.first { $0.kind == kind }?.schedule ?? .never
    }

    /// Schedules the first event of every periodic and Poisson kind at or after `start`.
    public mutating func seed(_ queue: inout EventQueue, start: SimTime) {
        for (kind, schedule) in entries {
            switch schedule {
            case .every(let period, let offset):
                var m = 0
                while offset + Double(m) * period < start { m += 1 }
                scheduledCount[Int(kind.id)] = m + 1
                queue.schedule(kind, at: offset + Double(m) * period)
            case .poisson(_, let perAgent):
                if perAgent {
                    for agent in 0..<agents { queue.schedule(kind, at: start + gap(kind, agent: agent), agent: Int32(agent)) }
                } else {
                    queue.schedule(kind, at: start + gap(kind, agent: -1))
                }
            case .triggeredBy, .never:
                break
            }
        }
    }

    /// Schedules what follows the dispatch of `event`: its own next occurrence and triggered kinds.
    ///
    /// With `replacingNext`, `event` is still the queue's next event and the first follow-up takes its
    /// place (``EventQueue/replaceNext(with:at:priority:agent:generation:)``); returns whether one did
    /// (if not, `event` is still queued). Without it, returns false.
    public mutating func followUp(_ event: Event, in queue: inout EventQueue, replacingNext: Bool) -> Bool {
        var replace = replacingNext
        func add(_ kind: EventKind, at time: SimTime, agent: Int32) {
            if replace {
                queue.replaceNextInline(kind, at: time, priority: kind.priority, agent: agent, generation: 0)
                replace = false
            } else {
                queue.scheduleInline(kind, at: time, priority: kind.priority, agent: agent, generation: 0)
            }
        }
        for (kind, schedule) in entries {
            switch schedule {
            case .every(let period, let offset) where kind == event.kind:
                let m = scheduledCount[Int(kind.id)]
                scheduledCount[Int(kind.id)] = m + 1
                add(kind, at: offset + Double(m) * period, agent: Event.population)
            case .poisson where kind == event.kind:
                add(kind, at: event.time + gap(kind, agent: Int(event.agent)), agent: event.agent)
            case .triggeredBy(let trigger, let delay) where trigger == event.kind:
                add(kind, at: event.time + delay, agent: event.agent)
            default:
                break
            }
        }
        return replacingNext && !replace
    }

    private mutating func gap(_ kind: EventKind, agent: Int) -> SimTime {
        guard case .poisson(let rate, _) = schedule(of: kind) else { return 0 }
        let slot = Int(kind.id)
        let occurrence = scheduledCount[slot]
        scheduledCount[slot] = occurrence + 1
        var cell = random.generator(agent: agent &* 64 &+ slot, step: occurrence)
        return cell.exponential(rate: rate)
    }
}

extension ScheduleTable: CheckpointableState {
    /// The per-kind counters (periodic index m, Poisson draw numbers); the entries themselves come from
    /// the scenario and are checked by name.
    public func save(into writer: inout StateWriter) {
        writer.write(entries.map(\.kind.name).joined(separator: ","))
        writer.write(scheduledCount)
    }

    public mutating func restore(from reader: inout StateReader) throws {
        let names = try reader.readString(), expected = entries.map(\.kind.name).joined(separator: ",")
        guard names == expected else { throw CheckpointError.mismatch("schedules for [\(names)], this run has [\(expected)]") }
        let counts = try reader.readInts()
        guard counts.count == scheduledCount.count else { throw CheckpointError.corrupt("\(counts.count) schedule counters, expected \(scheduledCount.count)") }
        // A periodic index m past 2^53 has no exact time offset + m · period; no run gets near it.
        guard counts.allSatisfy({ (0...(1 << 53)).contains($0) }) else { throw CheckpointError.corrupt("a schedule counter is out of range: \(counts)") }
        scheduledCount = counts
    }

    /// Refuses a restored queue that these schedules could not have left: each periodic kind holds one
    /// queued event, at offset + (m − 1)·period for its counter m; each Poisson kind one per clock (per
    /// agent, or one). A kind the model also schedules itself (`modelKinds`) may hold more.
    func checkQueued(_ events: [Event], modelKinds: Set<UInt16>) throws {
        var byKind: [UInt16: [Event]] = [:]
        for event in events { byKind[event.kind.id, default: []].append(event) }
        for (kind, schedule) in entries {
            let queued = byKind[kind.id] ?? [], shared = modelKinds.contains(kind.id)
            switch schedule {
            case .every(let period, let offset):
                let m = scheduledCount[Int(kind.id)], due = offset + Double(m - 1) * period
                guard m >= 1, queued.contains(where: { $0.time == due && $0.agent == Event.population }), shared || queued.count == 1 else {
                    throw CheckpointError.corrupt("the periodic '\(kind.name)' events queued (\(queued.count), at \(queued.prefix(3).map(\.time))) do not match its counter \(m) (one at \(due))")
                }
            case .poisson(_, let perAgent):
                let clocks = perAgent ? Set(queued.map(\.agent)).count : queued.count
                guard shared || (queued.count == (perAgent ? agents : 1) && clocks == queued.count) else {
                    throw CheckpointError.corrupt("\(queued.count) Poisson '\(kind.name)' events are queued, expected one per clock")
                }
            case .triggeredBy, .never:
                break
            }
        }
    }
}
