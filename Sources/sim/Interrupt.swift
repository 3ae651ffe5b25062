import Engine
import Foundation
import Synchronization

/// Ctrl-C and SIGTERM handling: the first SIGINT or SIGTERM sets a
/// flag that the run loops check before each event, so the current event completes, traces and partial
/// results are finished, and `sim` exits 128 + the signal number: 130 for SIGINT, 143 for SIGTERM.
///
/// SIGTERM is what a batch scheduler sends at a time limit, on preemption and on `scancel`, so it gets
/// the same orderly stop as Ctrl-C. After a SIGINT the handler restores the default action, so a second
/// Ctrl-C kills at once; SIGTERM stays handled, because schedulers may send it more than once before
/// their final SIGKILL and every copy must find the orderly stop under way.
///
/// Each stop also sets the engine's ``StopRequest``, which training in the lower modules polls.
enum Interrupt {
    /// The signal that asked to stop, 0 when none did.
    private static let signalNumber = Atomic<Int32>(0)

    /// Installs the SIGINT and SIGTERM handlers (idempotent).
    static func install() {
        signal(SIGINT) { _ in
            // Only async-signal-safe work here: one atomic operation and `signal`.
            _ = Interrupt.signalNumber.compareExchange(expected: 0, desired: SIGINT, ordering: .relaxed)
            StopRequest.request()
            signal(SIGINT, SIG_DFL)
        }
        signal(SIGTERM) { _ in
            _ = Interrupt.signalNumber.compareExchange(expected: 0, desired: SIGTERM, ordering: .relaxed)
            StopRequest.request()
        }
    }

    /// Whether an interrupt arrived.
    static var requested: Bool { signalNumber.load(ordering: .relaxed) != 0 }

    /// Whether the interrupt was SIGTERM (a scheduler's stop), which ends even an interactive session.
    static var terminated: Bool { signalNumber.load(ordering: .relaxed) == SIGTERM }

    /// The exit status after an orderly stop: 128 + the signal number (130 for SIGINT, 143 for SIGTERM).
    static var exitStatus: Int32 { 128 + (requested ? signalNumber.load(ordering: .relaxed) : SIGINT) }

    /// Asks the running loops to stop, as SIGINT (or `signal`) does (in-process tests).
    static func request(signal: Int32 = SIGINT) {
        signalNumber.store(signal, ordering: .relaxed)
        StopRequest.request()
    }

    /// Clears the flag (in-process tests, and `sim step` after a Ctrl-C); a SIGTERM is never cleared.
    static func reset() {
        if signalNumber.compareExchange(expected: SIGINT, desired: 0, ordering: .relaxed).exchanged { StopRequest.reset() }
    }
}

/// Thrown after a command stopped on an interrupt and finished its partial outputs; `sim` exits
/// ``Interrupt/exitStatus``.
struct Interrupted: Error, CustomStringConvertible {
    /// What was completed, e.g. `after 3 of 10 seeds`.
    let detail: String
    var description: String { (Interrupt.terminated ? "terminated (SIGTERM) " : "interrupted ") + detail }
}
