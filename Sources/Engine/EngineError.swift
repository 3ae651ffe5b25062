/// Errors of the event engine; each message names the offending values.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// `run(until:)` was asked to stop at or before the current time.
    case untilNotAfterNow(until: SimTime, now: SimTime)
    /// A model scheduled an event in the past.
    case negativeDelay(kind: String, delay: SimTime)
    /// A model scheduled a non-finite time.
    case nonFiniteTime(kind: String, time: SimTime)

    public var description: String {
        switch self {
        case .untilNotAfterNow(let until, let now):
            return "run(until: \(until)) must be after the current time \(now)"
        case .negativeDelay(let kind, let delay):
            return "event '\(kind)' scheduled with negative delay \(delay)"
        case .nonFiniteTime(let kind, let time):
            return "event '\(kind)' scheduled at non-finite time \(time)"
        }
    }
}
