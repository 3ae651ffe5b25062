import Engine

/// Reads the `schedule` object: one entry per event kind:
/// `{ every: 1, offset: 0 }`, `{ poisson: 2.5, perAgent: true }`, `{ triggeredBy: "globalObserve",
/// delay: 0 }` or `{ never: true }`. A name that is not a built-in kind is an error (a misspelt
/// `polcyStep` would otherwise add no-op events) unless its entry declares a custom kind with
/// `custom: true` (and an optional `priority`, default 60).
public enum ScheduleSpec {
    /// Custom kinds may stand at most this far down the schedule (kind ids are 16-bit; no model needs
    /// more than a handful).
    public static let maxCustomKinds = 1000

    /// The parsed entries in file order.
    public static func read(_ reader: ObjectReader?) throws -> [(kind: EventKind, schedule: Schedule)] {
        guard let reader else { return [] }
        var kinds: [EventKind] = []
        for (index, member) in reader.members.enumerated() {
            var entry = try ObjectReader(member.value, path: reader.child(member.key), context: reader.context)
            if let builtIn = EventKind.builtIn(named: member.key) {
                for key in ["custom", "priority"] where entry.has(key) {
                    throw entry.issue(key, "'\(member.key)' is a built-in kind with a fixed priority", value: entry.raw(key),
                                      hint: "remove \(key), or schedule a custom kind under another name with custom: true")
                }
                kinds.append(builtIn)
                continue
            }
            guard entry.has("custom"), try entry.bool("custom") else {
                let names = EventKind.builtIn.map(\.name)
                let guess = EditDistance.suggestion(for: member.key, among: names).map { "did you mean '\($0)'? " } ?? ""
                throw reader.issue(member.key, "unknown event kind '\(member.key)'",
                                   hint: guess + "the built-in kinds are " + names.joined(separator: ", ")
                                       + "; declare a custom kind with custom: true")
            }
            guard index < maxCustomKinds else {
                throw reader.issue(member.key, "more than \(maxCustomKinds) custom event kinds", hint: "schedule fewer custom kinds")
            }
            let priority = try entry.int("priority", default: 60, in: -1_000_000...1_000_000)
            kinds.append(.custom(member.key, index: index, priority: Int32(priority)))
        }
        var result: [(kind: EventKind, schedule: Schedule)] = []
        for (kind, member) in zip(kinds, reader.members) {
            var entry = try ObjectReader(member.value, path: reader.child(member.key), context: reader.context)
            result.append((kind, try schedule(&entry, kinds: kinds)))
        }
        return result
    }

    private static func schedule(_ entry: inout ObjectReader, kinds: [EventKind]) throws -> Schedule {
        let forms = ["every", "poisson", "triggeredBy", "never"].filter(entry.has)
        guard forms.count == 1 else {
            throw entry.context.issue(entry.path, forms.isEmpty ? "no schedule given" : "more than one schedule given",
                                      hint: "use exactly one of every, poisson, triggeredBy, never")
        }
        _ = entry.raw("priority")
        _ = entry.raw("custom")
        let result: Schedule
        switch forms[0] {
        case "every":
            let period = try entry.double("every", in: 1e-9...1e12)
            result = .every(period: period, offset: try entry.double("offset", default: 0, in: 0...1e12))
        case "poisson":
            let rate = try entry.double("poisson", in: 1e-12...1e12)
            result = .poisson(rate: rate, perAgent: try entry.bool("perAgent", default: false))
        case "triggeredBy":
            let names = kinds.map(\.name)
            let name = try entry.string("triggeredBy", oneOf: names)
            let trigger = kinds.first { $0.name == name }!
            result = .triggeredBy(trigger, delay: try entry.double("delay", default: 0, in: 0...1e12))
        default:
            result = try entry.bool("never") ? .never : .everyTick
        }
        try entry.finish()
        return result
    }
}
