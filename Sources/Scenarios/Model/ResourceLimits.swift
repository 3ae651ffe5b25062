import Foundation

/// How much memory a run may use, checked while a scenario is validated: an
/// over-large request fails at once with exit 2 and a message naming the field and the estimated
/// memory, instead of being killed by the operating system halfway through.
///
/// The budget is 80% of the smaller of physical memory and the control-group limit (containers, batch
/// schedulers), or the `SIM_MEMORY_LIMIT` environment variable (`512M`, `8G`, or plain bytes) when set.
/// Worlds add up what they will allocate in a ``MemoryEstimate`` and call ``check(_:context:)``.
///
/// Events are budgeted too (``maxEvents``, `SIM_EVENT_LIMIT`): a Poisson rate of 2^31 per tick is valid
/// JSON but a run that would never end (found by fuzzing); the default, 10^13, is days of simulation.
///
/// So is the work of one event (``maxWork``, `SIM_WORK_LIMIT`): a run is stopped (Ctrl-C, SIGTERM) between
/// events, so a single event that computes for minutes — a stacked `nash-n` game over 256 clients,
/// a fedopt round in 65,536 dimensions — cannot be interrupted. Worlds add up the arithmetic operations
/// (multiply-adds) of their costliest event in a ``WorkEstimate``; the default, 5·10^9, is a few seconds.
public struct ResourceLimits: Sendable, Equatable {
    /// Bytes the model state of one run may take.
    public var memoryBytes: Double
    /// Where the number came from, for messages (`80% of 23.4 GiB physical memory`).
    public var origin: String
    /// Events one run may dispatch.
    public var maxEvents: Double
    /// Where ``maxEvents`` came from.
    public var eventsOrigin: String
    /// Arithmetic operations one event may take.
    public var maxWork: Double
    /// Where ``maxWork`` came from.
    public var workOrigin: String

    public init(memoryBytes: Double, origin: String, maxEvents: Double = 1e13, eventsOrigin: String = "the default",
                maxWork: Double = 5e9, workOrigin: String = "the default") {
        self.memoryBytes = memoryBytes
        self.origin = origin
        self.maxEvents = maxEvents
        self.eventsOrigin = eventsOrigin
        self.maxWork = maxWork
        self.workOrigin = workOrigin
    }

    /// The limits of this machine and environment, read once.
    public static let machine = detect(environment: ProcessInfo.processInfo.environment)

    /// The limits from `SIM_MEMORY_LIMIT`, else from physical memory and the control group, with
    /// `SIM_EVENT_LIMIT` and `SIM_WORK_LIMIT` when set.
    public static func detect(environment: [String: String]) -> ResourceLimits {
        var limits = detectMemory(environment: environment)
        if let text = environment["SIM_EVENT_LIMIT"], let events = Double(text), events > 0 {
            limits.maxEvents = events
            limits.eventsOrigin = "SIM_EVENT_LIMIT=\(text)"
        }
        if let text = environment["SIM_WORK_LIMIT"], let work = Double(text), work > 0, work.isFinite {
            limits.maxWork = work
            limits.workOrigin = "SIM_WORK_LIMIT=\(text)"
        }
        return limits
    }

    private static func detectMemory(environment: [String: String]) -> ResourceLimits {
        if let text = environment["SIM_MEMORY_LIMIT"], let bytes = parseBytes(text) {
            return ResourceLimits(memoryBytes: bytes, origin: "SIM_MEMORY_LIMIT=\(text)")
        }
        var available = Double(ProcessInfo.processInfo.physicalMemory), what = "physical memory"
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: file, encoding: .utf8),
               let bytes = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes < available {
                available = bytes
                what = "the control-group memory limit"
            }
        }
        return ResourceLimits(memoryBytes: available * 0.8, origin: "80% of \(format(available)) \(what)")
    }

    /// `123`, `512K`, `64M`, `8G`, `1T` (binary multiples), nil when unreadable or not positive.
    public static func parseBytes(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Double)] = [("KIB", 0x1p10), ("MIB", 0x1p20), ("GIB", 0x1p30), ("TIB", 0x1p40),
                                         ("K", 0x1p10), ("M", 0x1p20), ("G", 0x1p30), ("T", 0x1p40), ("B", 1)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            guard let number = Double(trimmed.dropLast(suffix.count)), number > 0, number.isFinite else { return nil }
            return number * scale
        }
        guard let number = Double(trimmed), number > 0, number.isFinite else { return nil }
        return number
    }

    /// A byte count for people: `12.0 MiB`, `931.3 GiB`, `4.1e+05 TiB`.
    public static func format(_ bytes: Double) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = bytes, unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return value.magnitude < 1e15 ? "\(Int(value)) bytes" : String(format: "%.1e bytes", value) }
        return value >= 1e5 ? String(format: "%.1e %@", value, units[unit]) : String(format: "%.1f %@", value, units[unit])
    }

    /// Throws when the estimate exceeds the budget, naming the field that contributes most.
    /// - Throws: ``ScenarioError/invalid(_:)`` at that field's path, with both sizes in the message.
    public func check(_ estimate: MemoryEstimate, context: ConfigContext) throws {
        let total = estimate.totalBytes
        guard total > memoryBytes, let largest = estimate.items.max(by: { $0.bytes < $1.bytes }) else { return }
        let rest = total - largest.bytes
        let others = rest >= 1 ? ", \(Self.format(rest)) for the rest" : ""
        throw context.issue(largest.path,
                            "the run would need about \(Self.format(total)) of memory (\(largest.what)\(others)), "
                            + "more than the \(Self.format(memoryBytes)) allowed (\(origin))",
                            value: largest.value, hint: largest.hint + "; SIM_MEMORY_LIMIT sets the budget")
    }
}

extension ResourceLimits {
    /// Throws when a run would dispatch more than ``maxEvents`` events.
    /// - Parameters:
    ///   - events: the estimated number of events; `path` the field that drives it.
    public func checkEvents(_ events: Double, path: String, what: String, value: JSONValue? = nil, hint: String,
                            context: ConfigContext) throws {
        guard events > maxEvents else { return }
        throw context.issue(path, "the run would dispatch about \(MemoryEstimate.number(events.rounded(.up))) events (\(what)), "
                            + "more than the \(MemoryEstimate.number(maxEvents)) allowed (\(eventsOrigin))",
                            value: value, hint: hint + "; SIM_EVENT_LIMIT sets the budget")
    }
}

/// What a run will allocate, item by item, in bytes (as `Double`: 10^12 agents times a table size
/// must not overflow while being estimated).
public struct MemoryEstimate: Sendable {
    public struct Item: Sendable {
        /// The field that drives the size (`world.localAgents`).
        public var path: String
        /// What is allocated, with the arithmetic (`10^12 agents × 1 byte of state = 931.3 GiB`).
        public var what: String
        public var bytes: Double
        public var value: JSONValue?
        /// How to get under the limit.
        public var hint: String
    }

    public private(set) var items: [Item] = []

    public init() {}

    /// Adds an item as it is (from another estimate).
    public mutating func add(_ item: Item) { items.append(item) }

    /// Adds `count × bytesEach` bytes for `path`.
    public mutating func add(_ path: String, count: Double, bytesEach: Double, what: String, value: JSONValue? = nil,
                             hint: String) {
        let bytes = count * bytesEach
        let unit = bytesEach == 1 ? "byte" : "bytes"
        let detail = "\(what): \(Self.number(count)) × \(Self.number(bytesEach)) \(unit) = \(ResourceLimits.format(bytes))"
        items.append(Item(path: path, what: detail, bytes: bytes, value: value, hint: hint))
    }

    /// The sum of every item.
    public var totalBytes: Double { items.reduce(0) { $0 + $1.bytes } }

    /// An integer-valued count in plain digits below 10^9, else in scientific notation (estimates of
    /// huge counts are not exact to the last digit, and should not look it).
    public static func number(_ x: Double) -> String {
        x.magnitude < 1e9 && x == x.rounded() ? String(Int64(x)) : String(format: "%.3g", x)
    }

    /// C(n, r) as a `Double` (no overflow; relative error about r ulps).
    public static func binomial(_ n: Int, _ r: Int) -> Double {
        guard r >= 0, r <= n else { return 0 }
        let r = min(r, n - r)
        var result = 1.0
        if r > 0 { for i in 1...r { result = result * Double(n - r + i) / Double(i) } }
        return result
    }
}
