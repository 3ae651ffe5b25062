import Engine
import Foundation

/// The file `sim run --checkpoint F` writes and `sim resume F` reads: which run
/// this is (scenario file and its digest, overrides, seed, policies, output options), the runs already
/// finished, and the running one's complete state with the byte position of its trace.
///
/// Layout: the magic `MFSIMCKP`, the format version (4 bytes, little-endian), a ``StateWriter``
/// payload, and the keyed ``SipHash`` (under ``SipHash/checkpointKey``) of everything before it. A file
/// with another magic or version, or a hash that does not match, is refused (`sim` exits 2) before any
/// of its payload is read. Whatever passes is then validated value by value (see ``decode(_:)`` and the
/// ``CheckpointableState`` conformances): the key is public, so the hash refuses accidents, not forgers.
public struct RunCheckpoint: Sendable {
    /// Bumped whenever the payload changes shape; older or newer files are refused.
    /// Version 3: a keyed SipHash instead of an unkeyed digest, and the digest of every input file.
    /// Version 5: the tabular, robots and fedopt worlds save one `State` value each (``StateEncoder``),
    /// a fedopt world only its own mode's round state.
    /// Version 6: a time-series run keeps the `worstClientRegret` sums only when it reports that metric.
    public static let formatVersion: UInt32 = 6
    static let magic = Array("MFSIMCKP".utf8)

    /// The scenario file, absolute.
    public var scenarioPath: String
    /// ``SipHash/hash(_:key:)`` of the scenario file's bytes.
    public var scenarioDigest: UInt64
    /// Every other file the run reads (``Scenario/inputFiles`` after the scenario itself), absolute,
    /// with the hash of its bytes, nil for a file that did not exist (a data-folder candidate).
    public var inputs: [InputFile]
    public var overrides: [String]
    public var seed: UInt64
    /// The policies of the run, in order.
    public var policies: [String]
    /// The command's output options, as `(name, value)` pairs the command interprets.
    public var options: [(String, String)]
    /// Runs already finished, in order.
    public var completed: [(policy: String, outcome: RunOutcome)]
    /// The run in progress, if the checkpoint was taken inside one.
    public var current: Current?

    /// The state of the policy run in progress.
    public struct Current: Sendable {
        /// Its index in ``policies``.
        public var index: Int
        /// ``RunSession/saveState(into:)``'s bytes.
        public var state: [UInt8]
        /// The trace's temporary file and how many bytes of it belong to the checkpointed state.
        public var trace: (temporary: String, bytes: UInt64)?

        public init(index: Int, state: [UInt8], trace: (temporary: String, bytes: UInt64)?) {
            self.index = index
            self.state = state
            self.trace = trace
        }
    }

    public init(scenarioPath: String, scenarioDigest: UInt64, inputs: [InputFile] = [], overrides: [String], seed: UInt64,
                policies: [String], options: [(String, String)], completed: [(policy: String, outcome: RunOutcome)] = [],
                current: Current? = nil) {
        self.scenarioPath = scenarioPath
        self.scenarioDigest = scenarioDigest
        self.inputs = inputs
        self.overrides = overrides
        self.seed = seed
        self.policies = policies
        self.options = options
        self.completed = completed
        self.current = current
    }

    /// The value of option `name`, if recorded.
    public func option(_ name: String) -> String? { options.last { $0.0 == name }?.1 }

    // MARK: Bytes

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var w = StateWriter()
        w.write(scenarioPath)
        w.write(scenarioDigest)
        w.write(inputs.count)
        for input in inputs {
            w.write(input.path)
            w.write(input.digest != nil)
            w.write(input.digest ?? 0)
        }
        w.write(overrides.count)
        for o in overrides { w.write(o) }
        w.write(seed)
        w.write(policies.count)
        for p in policies { w.write(p) }
        w.write(options.count)
        for (name, value) in options { w.write(name); w.write(value) }
        w.write(completed.count)
        for (policy, outcome) in completed { w.write(policy); Self.write(outcome, to: &w) }
        w.write(current != nil)
        if let current {
            w.write(current.index)
            w.write(current.state)
            w.write(current.trace != nil)
            if let trace = current.trace { w.write(trace.temporary); w.write(trace.bytes) }
        }
        var v = Self.formatVersion.littleEndian
        var bytes = Self.magic + withUnsafeBytes(of: &v) { Array($0) } + w.bytes
        var digest = StateWriter()
        digest.write(SipHash.hash(bytes))
        bytes += digest.bytes
        return bytes
    }

    /// Reads a checkpoint file's bytes.
    /// - Throws: ``CheckpointError`` naming what is wrong (not a checkpoint, another version, damaged).
    public static func decode(_ bytes: [UInt8]) throws -> RunCheckpoint {
        guard bytes.count >= 20, Array(bytes.prefix(8)) == magic else {
            throw CheckpointError.mismatch("not a sim checkpoint file (no MFSIMCKP header)")
        }
        let version = bytes[8..<12].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        guard version == formatVersion else {
            throw CheckpointError.mismatch("checkpoint format version \(version); this sim reads version \(formatVersion) (resume it with the sim that wrote it)")
        }
        var tail = StateReader(Array(bytes.suffix(8)))
        guard try tail.readUInt64() == SipHash.hash(bytes.dropLast(8)) else {
            throw CheckpointError.corrupt("its keyed hash does not match its contents (truncated or modified)")
        }
        var r = StateReader(Array(bytes[12..<(bytes.count - 8)]))
        var checkpoint = RunCheckpoint(scenarioPath: try r.readString(), scenarioDigest: try r.readUInt64(),
                                       inputs: try (0..<r.readCount(elementSize: 17)).map { _ in
                                           let path = try r.readString(), present = try r.readBool(), digest = try r.readUInt64()
                                           return InputFile(path: path, digest: present ? digest : nil)
                                       },
                                       overrides: try (0..<r.readCount(elementSize: 8)).map { _ in try r.readString() },
                                       seed: try r.readUInt64(),
                                       policies: try (0..<r.readCount(elementSize: 8)).map { _ in try r.readString() },
                                       options: try (0..<r.readCount(elementSize: 16)).map { _ in (try r.readString(), try r.readString()) })
        checkpoint.completed = try (0..<r.readCount(elementSize: 16)).map { _ in (try r.readString(), try read(&r)) }
        if try r.readBool() {
            let index = try r.readInt(), state = try r.readBytes()
            let trace = try r.readBool() ? (try r.readString(), try r.readUInt64()) : nil
            checkpoint.current = Current(index: index, state: state, trace: trace)
        }
        guard r.remaining == 0 else { throw CheckpointError.corrupt("\(r.remaining) unexpected bytes at the end") }
        try checkpoint.validate()
        return checkpoint
    }

    /// The checks on the run record that need no scenario: absolute paths, distinct policies, the
    /// finished runs are the first policies in order, and the run in progress is the next one.
    func validate() throws {
        for path in [scenarioPath] + inputs.map(\.path) where !path.hasPrefix("/") {
            throw CheckpointError.corrupt("input path '\(path.prefix(80))' is not absolute")
        }
        guard !policies.isEmpty, Set(policies).count == policies.count else { throw CheckpointError.corrupt("the policy list is empty or repeats a policy") }
        guard completed.count <= policies.count, zip(completed, policies).allSatisfy({ $0.0.policy == $0.1 }) else {
            throw CheckpointError.corrupt("the finished runs are not the first policies of the run, in order")
        }
        if let current, current.index != completed.count {
            throw CheckpointError.corrupt("the run in progress is policy \(current.index), expected \(completed.count) (the first unfinished one)")
        }
    }

    static func write(_ outcome: RunOutcome, to w: inout StateWriter) {
        w.write(outcome.metrics.count)
        for (name, stats) in outcome.metrics { w.write(name); w.write(stats) }
        w.write(outcome.series.count)
        for series in outcome.series { w.write(series) }
        w.write(outcome.events)
        w.write(outcome.simulatedTime)
        w.write(outcome.stopped)
        w.write(outcome.wallSeconds)
    }

    static func read(_ r: inout StateReader) throws -> RunOutcome {
        let metrics = try (0..<r.readCount(elementSize: 48)).map { _ -> (name: String, stats: RunningStats) in
            let name = try r.readString()
            var stats = RunningStats()
            try r.read(into: &stats)
            return (name, stats)
        }
        let series = try (0..<r.readCount(elementSize: 24)).map { _ -> StepSeries in
            // The saved name is checked by restore; peek it first to build the target.
            var peek = r
            var s = StepSeries(name: try peek.readString())
            try r.read(into: &s)
            return s
        }
        let outcome = RunOutcome(metrics: metrics, series: series, events: try r.readInt(), simulatedTime: try r.readDouble(),
                                 stopped: try r.readBool(), wallSeconds: try r.readDouble())
        guard outcome.events >= 0, outcome.simulatedTime.isFinite, outcome.simulatedTime >= 0, !outcome.stopped,
              outcome.wallSeconds.isFinite, outcome.wallSeconds >= 0 else {
            throw CheckpointError.corrupt("a finished run's event count, simulated time or wall time is out of range")
        }
        guard Set(metrics.map(\.name)).count == metrics.count else { throw CheckpointError.corrupt("a finished run repeats a metric") }
        return outcome
    }

    // MARK: Files

    /// Writes the checkpoint atomically: a temporary sibling, flushed to disk, then renamed over `path`,
    /// so a crash at any moment leaves the previous checkpoint or the new one, never a mix.
    public func write(to path: String) throws {
        try AtomicFile.write(bytes: encoded(), to: path)
    }

    /// Reads the checkpoint at `path`.
    /// - Throws: ``CheckpointError`` when it is missing, foreign or damaged.
    public static func read(from path: String) throws -> RunCheckpoint {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CheckpointError.mismatch("cannot read '\(path)' (no such file?)")
        }
        return try decode(Array(data))
    }
}
