import Synchronization

/// A process-wide request to stop long work early: set by `sim`'s Ctrl-C handler, polled by the run
/// loops and by training (value-iteration sweeps, outer iterations, learning episodes), which then
/// return what they have so far. A caller that sees ``isRequested`` after training must discard the
/// result: it is cut short, not converged.
public enum StopRequest {
    private static let flag = Atomic<Bool>(false)

    /// Whether a stop was requested. One relaxed atomic load: cheap enough for every sweep.
    @inline(__always)
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Requests a stop. Only an atomic store, so a signal handler may call it.
    public static func request() { flag.store(true, ordering: .relaxed) }

    /// Clears the request (in-process tests, `sim step` between commands).
    public static func reset() { flag.store(false, ordering: .relaxed) }
}
