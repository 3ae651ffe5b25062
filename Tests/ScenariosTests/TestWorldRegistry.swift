import Scenarios

extension WorldRegistry {
    /// The worlds the Scenarios tests load: the shipped worlds, then the worlds the tests define, one
    /// registration line each (each fixture's folder holds everything else it needs).
    static let testing = WorldRegistry.standard.adding([
        DriftWalkBuilder.registration,
    ])
}
