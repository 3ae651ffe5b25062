import Foundation

/// A sweep output read back (`sim merge`, `sim plot`, and a shard resuming its own file): the header
/// line (``SweepIdentity``) and the records, each checked against the header.
///
/// Lines end with `\n`. A last line without one is the mark of a writer killed mid-line: ``unfinished``
/// holds it instead of ``records`` when it does not parse, so a resuming shard can cut it off; when it
/// parses (a hand-edited file without a final newline) it is a record like any other. Blank lines are
/// skipped.
public struct SweepFile: Sendable {
    /// The header, nil when the first line is a record (output of an older `sim`, or edited).
    public let identity: SweepIdentity?
    /// The records, in file order.
    public let records: [Line]
    /// An unparsable last line without a newline: where it starts (byte offset) and its place.
    public let unfinished: (offset: Int, place: String)?

    /// Parses `text`, read from `file`.
    /// - Throws: ``ScenarioError/invalid(_:)`` naming `file:line` for a malformed line, a header that is
    ///   not the first line, or a record that is not a run of the header's sweep (a point outside its
    ///   axes, another policy, seed or metric set).
    public init(text: String, file: String) throws {
        var identity: SweepIdentity?, records: [Line] = []
        var unfinished: (offset: Int, place: String)?, members: Members?
        var offset = 0, number = 0
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            number += 1
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let stop = newline ?? bytes.count
            let line = String(decoding: bytes[start..<stop], as: UTF8.self)
            let place = "\(file):\(number)"
            offset = newline.map { $0 + 1 } ?? bytes.count
            defer { start = offset }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            do {
                if SweepIdentity.isHeader(Substring(line)) {
                    guard identity == nil, records.isEmpty else {
                        throw ScenarioError.invalid(ScenarioIssue(file: place, path: "sweep", message: "a sweep header after the first line",
                                                                  hint: "files were concatenated: pass each sweep output to sim merge as its own file"))
                    }
                    identity = try SweepIdentity(line: line, place: place)
                    members = identity.map(Members.init)
                    continue
                }
                let record = try SweepRecord(line: line, place: place)
                if let identity, let members { try Self.check(record, against: identity, members: members, place: place) }
                records.append(Line(record: record, text: line, place: place))
            } catch is ScenarioError where newline == nil {
                // A torn last line: kept aside for a resuming shard; an error for everyone else.
                unfinished = (start, place)
            }
        }
        self.identity = identity
        self.records = records
        self.unfinished = unfinished
    }

    /// One record line.
    public struct Line: Sendable {
        public let record: SweepRecord
        /// The line as written (no newline).
        public let text: String
        /// `file:line`.
        public let place: String
    }

    /// Reads and parses `path`.
    /// - Throws: ``ScenarioError/unreadable(file:reason:what:)`` when the file cannot be read; see ``init(text:file:)``.
    public init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ScenarioError.unreadable(file: path, reason: FileManager.default.fileExists(atPath: path) ? "not readable as UTF-8 text" : "no such file",
                                           what: "sweep results file")
        }
        try self.init(text: text, file: path)
    }

    /// The error for an unfinished last line, for readers that cannot cut it off.
    public var unfinishedError: ScenarioError? {
        guard let unfinished else { return nil }
        return .invalid(ScenarioIssue(file: unfinished.place, path: "", message: "the last line is unfinished (the writer was killed mid-line)",
                                      hint: "run the same sim sweep again: it resumes the file and rewrites that line"))
    }

    /// The header's values as sets, so each record is checked in O(axes + metrics).
    struct Members {
        let values: [Set<String>], policies: Set<String>, seeds: Set<UInt64>
        init(_ identity: SweepIdentity) {
            values = identity.axes.map { Set($0.values.map { $0.rendered(indent: 0) }) }
            policies = Set(identity.policies)
            seeds = Set(identity.seeds)
        }
    }

    /// Checks that `record` is a run of `identity`'s sweep, with its metrics.
    static func check(_ record: SweepRecord, against identity: SweepIdentity, members: Members, place: String) throws {
        func refuse(_ path: String, _ message: String) -> ScenarioError {
            .invalid(ScenarioIssue(file: place, path: path, message: message + " of the sweep in this file's header",
                                   hint: "every line of a sweep output must be a run of the sweep its first line names"))
        }
        guard record.point.map(\.path) == identity.axes.map(\.path) else {
            throw refuse("point", "fields \(record.point.map(\.path)) are not the axes \(identity.axes.map(\.path))")
        }
        for (field, values) in zip(record.point, members.values) where !values.contains(field.value.rendered(indent: 0)) {
            throw refuse("point.\(field.path)", "\(field.value.rendered(indent: 0)) is not a value")
        }
        guard members.policies.contains(record.policy) else { throw refuse("policy", "'\(record.policy)' is not a policy") }
        guard members.seeds.contains(record.seed) else { throw refuse("seed", "\(record.seed) is not a seed") }
        guard record.metrics.map(\.name) == identity.metrics else {
            throw refuse("metrics", "\(record.metrics.map(\.name)) are not the metrics \(identity.metrics)")
        }
    }
}
