import Engine
import Foundation

/// Ctrl-C handling: the first SIGINT sets a flag that the run loops
/// check before each event, so the current event completes, traces and partial results are finished,
/// and `sim` exits 130. The handler then restores the default action, so a second Ctrl-C kills at once.
/// The flag is the engine's ``StopRequest``, so training in the lower modules sees it too.
enum Interrupt {
    /// Installs the SIGINT handler (idempotent).
    static func install() {
        signal(SIGINT) { _ in
            // Only async-signal-safe work here: one atomic store and `signal`.
            StopRequest.request()
            signal(SIGINT, SIG_DFL)
        }
    }

    /// Whether an interrupt arrived.
    static var requested: Bool { StopRequest.isRequested }

    /// Asks the running loops to stop, as SIGINT does (in-process tests).
    static func request() { StopRequest.request() }

    /// Clears the flag (in-process tests).
    static func reset() { StopRequest.reset() }
}

/// Thrown after a command stopped on an interrupt and finished its partial outputs; `sim` exits 130.
struct Interrupted: Error, CustomStringConvertible {
    /// What was completed, e.g. `after 3 of 10 seeds`.
    let detail: String
    var description: String { "interrupted " + detail }
}
