import Foundation
import Scenarios

/// The `--out` file of `sim sweep`: valid, and complete up to the last finished run, at every moment —
/// so a shard stopped by a time limit, a preemption or a crash keeps every finished run, and running
/// the same command again continues where it stopped.
///
/// Design: the file is created whole with only its header (temporary sibling, fsync, rename), then
/// each finished run is **appended** as one line by a single write and forced to disk (fsync) before
/// the next run starts. The alternative, an atomic rewrite of the whole file per run, writes
/// O(runs²) bytes: a shard of 10⁴ runs of 200-byte lines would rewrite about 10 GB. Appending writes
/// each line once. Its one hazard, a line cut short by a kill or a full disk in the middle of its
/// write, is handled on both sides: a failed write is cut back to the last whole line at once, and a
/// resuming shard drops an unfinished last line (``SweepFile/unfinished``) before appending.
///
/// An existing file is resumed only when its header names the same sweep and shard and every line is
/// a run of that shard; anything else is refused (exit 2) and the file is left untouched. An exclusive
/// `flock` keeps two processes (a requeued task and its lingering predecessor) from writing one file.
struct SweepOutput {
    let path: String
    private let descriptor: Int32
    private var length: off_t

    /// A write that failed, naming the file and the system's reason (exit 1).
    struct Failure: Error, CustomStringConvertible {
        let path: String, action: String, code: Int32
        var description: String { "cannot \(action) '\(path)': \(String(cString: strerror(code)))" }
    }

    /// Opens `path` for `identity`: creates it with the header, or resumes it. Returns the output and
    /// the runs it already holds.
    static func open(_ path: String, identity: SweepIdentity) throws -> (SweepOutput, [SweepRecord]) {
        var info = stat()
        let exists = stat(path, &info) == 0
        if exists && (info.st_mode & S_IFMT) != S_IFREG {
            throw CLIError.conflict("--out '\(path)' is not a regular file; a sweep appends to its --out and resumes it, "
                                    + "so give a file path (or no --out, for standard output)")
        }
        if !exists { try create(path, header: identity.headerLine) }
        let descriptor = Foundation.open(path, O_RDWR | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(path: path, action: "open", code: errno) }
        var output = SweepOutput(path: path, descriptor: descriptor, length: 0)
        do {
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                throw CLIError.conflict("another process is writing '\(path)' (a running task of the same shard?); wait for it or choose another --out")
            }
            let records = exists ? try output.resume(identity) : []
            output.length = lseek(descriptor, 0, SEEK_END)
            return (output, records)
        } catch {
            output.close()
            throw error
        }
    }

    /// Writes the header through a temporary sibling renamed into place, so the file never exists half made.
    private static func create(_ path: String, header: String) throws {
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        TemporaryFiles.register(temporary)
        defer { TemporaryFiles.forget(temporary) }
        let descriptor = Foundation.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, action: "create", code: errno) }
        let bytes = Array((header + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let code = errno
        guard written == bytes.count, fsync(descriptor) == 0 else {
            Foundation.close(descriptor)
            unlink(temporary)
            throw Failure(path: path, action: "write", code: written < 0 ? code : ENOSPC)
        }
        Foundation.close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(path: path, action: "create", code: code)
        }
    }

    /// Checks the existing file against `identity`, cuts an unfinished last line, and returns its runs.
    private mutating func resume(_ identity: SweepIdentity) throws -> [SweepRecord] {
        let file = try SweepFile(path: path)
        guard let found = file.identity else {
            throw CLIError.conflict("--out '\(path)' exists and is not a sweep output (no header line); choose another path or remove it")
        }
        let differences = identity.differences(from: found)
        let shard = { (id: SweepIdentity) in id.shard.map { "\($0.index)/\($0.count)" } ?? "none (the whole sweep)" }
        guard differences.isEmpty, found.shard == identity.shard else {
            let what = differences.isEmpty ? ["shard \(shard(identity)) vs \(shard(found))"] : differences
            throw CLIError.conflict("--out '\(path)' holds output of another sweep (this command's vs the file's: \(what.joined(separator: "; "))); "
                                    + "choose another path, or remove it to start over")
        }
        let points = identity.plan.points
        let expected = Set(identity.items.map { SweepRecord(point: points[$0.point], policy: $0.policy, seed: $0.seed, metrics: []).runKey })
        var seen = Set<String>()
        for line in file.records {
            guard expected.contains(line.record.runKey) else {
                throw CLIError.conflict("\(line.place): run \(line.record.runKey) is not in shard \(shard(identity)) of this sweep; "
                                        + "the file was edited or written by another shard")
            }
            guard seen.insert(line.record.runKey).inserted else {
                throw CLIError.conflict("\(line.place): run \(line.record.runKey) appears twice; the file was edited")
            }
        }
        if let unfinished = file.unfinished {
            guard ftruncate(descriptor, off_t(unfinished.offset)) == 0, fsync(descriptor) == 0 else {
                throw Failure(path: path, action: "cut the unfinished last line of", code: errno)
            }
        }
        return file.records.map(\.record)
    }

    /// Appends `line` and a newline in one write, then forces it to disk; on failure the file is cut
    /// back to its last whole line before the error is thrown.
    mutating func append(_ line: String) throws {
        let bytes = Array((line + "\n").utf8)
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let code = written < 0 ? errno : ENOSPC
                _ = ftruncate(descriptor, length)
                throw Failure(path: path, action: "write", code: code)
            }
            done += written
        }
        guard fsync(descriptor) == 0 else {
            let code = errno
            _ = ftruncate(descriptor, length)
            throw Failure(path: path, action: "sync", code: code)
        }
        length += off_t(bytes.count)
    }

    /// Releases the lock and the file.
    func close() { Foundation.close(descriptor) }
}
