import Foundation
import Scenarios

/// Standard output and error. Only `sim` touches them.
///
/// Writes are plain `write(2)` calls that never trap: a stream that cannot be written (`> /dev/full`,
/// a closed descriptor, a pipe whose reader left) is remembered in ``failure`` and not written again,
/// the command goes on and finishes its output files, and `sim` then exits 1 naming the stream.
struct Console {
    /// Collected output instead of the real streams (in-process tests).
    private(set) var capturedOut = ""
    private(set) var capturedErr = ""
    let capturing: Bool
    /// The first failed write to standard output or error.
    private(set) var failure: FileWriteError?
    private var outFailed = false
    private var errFailed = false

    static let live = Console(capturing: false)
    static let capture = Console(capturing: true)

    init(capturing: Bool) { self.capturing = capturing }

    mutating func out(_ text: String) { outPartial(Self.printable(text) + "\n") }

    mutating func err(_ text: String) { errPartial(Self.printable(text) + "\n") }

    /// `text` with C0 control characters other than newline and tab written as `\u{1b}`: names and values
    /// come from scenario files, and an escape sequence in a name must not drive the terminal.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) { out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        // C0 only: JSON lines printed here escape C0 themselves, and may carry DEL or C1 characters verbatim.
        scalar.value < 0x20 && scalar != "\n" && scalar != "\t"
    }

    /// Writes `text` to standard error without a newline (progress lines redraw in place).
    mutating func errPartial(_ text: String) {
        if capturing { capturedErr += text; return }
        guard !errFailed else { return }
        if let error = Self.write(text, to: STDERR_FILENO, name: "standard error") {
            errFailed = true
            failure = failure ?? error
        }
    }

    /// Writes `text` to standard output without a newline (the prompt of `sim step`).
    mutating func outPartial(_ text: String) {
        if capturing { capturedOut += text; return }
        guard !outFailed else { return }
        if let error = Self.write(text, to: STDOUT_FILENO, name: "standard output") {
            outFailed = true
            failure = failure ?? error
        }
    }

    /// Makes standard streams safe to write before anything runs: a broken pipe or an oversized file
    /// becomes an error from `write` (EPIPE, EFBIG) instead of a silent death by SIGPIPE or SIGXFSZ,
    /// and a closed descriptor 0, 1 or 2 is filled with a read-only `/dev/null`, so that no file
    /// `sim` opens later takes its number (and receives the report) while writes to it still fail.
    static func prepareStreams() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0 && null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
        }
    }

    /// Writes all of `text`; returns the failure, if any.
    private static func write(_ text: String, to descriptor: Int32, name: String) -> FileWriteError? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer -> FileWriteError? in
            var done = 0
            while done < buffer.count {
                let n = Foundation.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return FileWriteError(path: name, errno: errno)
                }
                done += n
            }
            return nil
        }
    }
}
