/// A world whose episodes do not last `horizon` steps: the time-series worlds run `world.rounds`
/// (default 200, Sources/Agents/README.md, "Time-series prediction"), so reports must not print the header's
/// horizon.
public protocol EpisodeLengthProviding {
    /// Steps (ticks) per episode.
    var stepsPerEpisode: Int { get }
}

extension Scenario {
    /// Steps per episode as the world runs them: the world's own length when it has one, else `horizon`.
    public var stepsPerEpisode: Int { (world as? any EpisodeLengthProviding)?.stepsPerEpisode ?? header.horizon }
}
