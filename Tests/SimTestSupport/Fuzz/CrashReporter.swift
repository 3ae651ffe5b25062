import Foundation

/// Names the fuzz input in progress when the process dies of a trap (every crash must become
/// a named regression test, so the crash report must say which mutant it was).
///
/// Labels are copied into fixed C buffers as work starts; a signal handler for SIGILL, SIGTRAP,
/// SIGSEGV, SIGBUS and SIGABRT writes them to standard error with `write(2)` (async-signal-safe), then
/// hands the signal to the handler that was installed before (the Swift runtime's backtracer).
public enum CrashReporter {
    static let slots = 8, width = 512
    nonisolated(unsafe) static let buffer: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: slots * width)
        p.initialize(repeating: 0, count: slots * width)
        return p
    }()
    nonisolated(unsafe) static var previous: [Int32: sigaction] = [:]
    static let signals = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT]
    nonisolated(unsafe) static var installed = false

    /// Installs the handlers (once).
    public static func install() {
        guard !installed else { return }
        installed = true
        _ = buffer
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { signal, info, context in
                CrashReporter.report()
                // Chain to the previous handler (the runtime's backtrace), else die by the default action.
                if let old = CrashReporter.previous[signal], let handler = old.__sigaction_handler.sa_sigaction {
                    handler(signal, info, context)
                } else {
                    Foundation.signal(signal, SIG_DFL)
                    raise(signal)
                }
            }
            action.sa_flags = SA_SIGINFO
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous[signal] = old
        }
    }

    /// Records the label of the work `slot` is doing.
    public static func note(_ label: String, slot: Int) {
        guard slot < slots else { return }
        let start = buffer + slot * width
        var bytes = Array(("fuzz: crashed while checking " + label + "\n").utf8.prefix(width - 2))
        if bytes.last != 0x0A { bytes.append(0x0A) }
        bytes.append(0)
        bytes.withUnsafeBufferPointer { source in
            source.withMemoryRebound(to: CChar.self) { start.update(from: $0.baseAddress!, count: bytes.count) }
        }
    }

    /// Clears `slot` (its work finished).
    public static func clear(slot: Int) {
        guard slot < slots else { return }
        buffer[slot * width] = 0
    }

    private static func report() {
        for slot in 0..<slots where buffer[slot * width] != 0 {
            let start = buffer + slot * width
            write(2, start, strlen(start))
        }
    }
}
