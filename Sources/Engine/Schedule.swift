/// When events of one kind happen.
public enum Schedule: Sendable, Equatable {
    /// At `offset + m · period` for m = 0, 1, 2, …
    case every(period: SimTime, offset: SimTime)
    /// A Poisson process of the given rate: one clock for the population, or one per agent.
    case poisson(rate: Double, perAgent: Bool)
    /// Whenever an event of `kind` happens, `delay` later (0: the same time, ordered by priority).
    case triggeredBy(EventKind, delay: SimTime)
    /// Not scheduled.
    case never

    /// One event per tick.
    public static let everyTick = Schedule.every(period: 1, offset: 0)
}
