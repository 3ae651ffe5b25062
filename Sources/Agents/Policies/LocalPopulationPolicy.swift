/// A local population's actions chosen outside the built-in tables: one call per population step
/// answers for every agent at once (for a policy in another process, one message per tick however large
/// the population). A world that has one uses its actions instead of sampling its local policy table;
/// the local transitions still draw from the world's stream keyed by (agent, step), so a run sees the
/// same exogenous randomness whichever way its actions were chosen.
public protocol LocalPopulationPolicy: AnyObject, Sendable {
    /// The policy kind (`external`).
    var kind: String { get }
    /// Every agent's local action, in agent order, for step `step` with global state `globalState` and
    /// the agents' local `states` (the observation a built-in local rule sees).
    /// - Throws: when the policy cannot answer (an external process failed); the run stops.
    func actions(step: Int, globalState: Int, states: [UInt8]) throws -> [UInt8]
    /// An episode starts.
    func episodeStarted(_ episode: Int) throws
    /// The team reward of the population step just taken.
    func observe(reward: Double, step: Int) throws
    /// The run is over.
    func finishRun()
}
