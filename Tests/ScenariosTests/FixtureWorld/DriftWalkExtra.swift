/// State a variant of ``DriftWalk`` adds, with its settings: the checkpoint tests add a field this way
/// and check that the checkpoint saves it and the configuration digest covers its setting.
protocol DriftWalkExtra: Codable, Equatable, Sendable {
    /// Settings fixed for a run.
    associatedtype Settings: Codable, Equatable, Sendable
    /// The state at the start of a run.
    init()
    /// Records one tick in which `moved` walkers moved.
    mutating func record(moved: Int, settings: Settings)
}

/// The plain world: nothing added.
struct NoExtra: DriftWalkExtra {
    struct Settings: Codable, Equatable, Sendable {}

    mutating func record(moved: Int, settings: Settings) {}
}

/// A variant that also counts moves, `weight` per move.
struct MoveTally: DriftWalkExtra {
    struct Settings: Codable, Equatable, Sendable {
        var weight = 1
    }

    /// Weighted moves so far in the run.
    var moves = 0

    mutating func record(moved: Int, settings: Settings) { moves += moved * settings.weight }
}
