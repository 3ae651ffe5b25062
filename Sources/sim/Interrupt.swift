import Foundation
import Synchronization

/// Ctrl-C handling: the first SIGINT sets a flag that the run loops
/// check before each event, so the current event completes, traces and partial results are finished,
/// and `sim` exits 130. The handler then restores the default action, so a second Ctrl-C kills at once.
enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// Installs the SIGINT handler (idempotent).
    static func install() {
        signal(SIGINT) { _ in
            // Only async-signal-safe work here: one atomic store and `signal`.
            Interrupt.flag.store(true, ordering: .relaxed)
            signal(SIGINT, SIG_DFL)
        }
    }

    /// Whether an interrupt arrived.
    static var requested: Bool { flag.load(ordering: .relaxed) }

    /// Asks the running loops to stop, as SIGINT does (in-process tests).
    static func request() { flag.store(true, ordering: .relaxed) }

    /// Clears the flag (in-process tests).
    static func reset() { flag.store(false, ordering: .relaxed) }
}

/// Thrown after a command stopped on an interrupt and finished its partial outputs; `sim` exits 130.
struct Interrupted: Error, CustomStringConvertible {
    /// What was completed, e.g. `after 3 of 10 seeds`.
    let detail: String
    var description: String { "interrupted " + detail }
}
