/// The world kinds a scenario may name: the names `world.kind` and `policies.*.kind` may take, and
/// how each world is built. `sim` loads scenarios with ``standard``; a test loads its own worlds
/// with a registry that adds them (``adding(_:)``).
public struct WorldRegistry: Sendable {
    /// Every registered world, in listing order.
    public let worlds: [WorldRegistration]

    /// A registry of `worlds`, whose kinds must differ.
    public init(_ worlds: [WorldRegistration]) {
        precondition(Set(worlds.map(\.kind)).count == worlds.count, "world kinds must be unique: \(worlds.map(\.kind))")
        self.worlds = worlds
    }

    /// The shipped worlds, one registration line per world folder; `sim list worlds` prints them.
    public static let standard = WorldRegistry([
        TabularBuilder.registration,
        TabularBuilder.explicitTablesRegistration,
        RobotsContinuousBuilder.registration,
        FedOptBuilder.registration,
    ] + TimeSeriesBuilder.registrations)

    /// This registry with `more` appended.
    public func adding(_ more: [WorldRegistration]) -> WorldRegistry { WorldRegistry(worlds + more) }

    /// The registration of `kind`, nil if unknown.
    public func world(_ kind: String) -> WorldRegistration? {
        worlds.first { $0.kind == kind }
    }

    /// Every policy kind with its summary and the worlds that accept it, in first-seen order.
    public var policies: [(kind: String, summary: String, worlds: [String])] {
        var list: [(kind: String, summary: String, worlds: [String])] = []
        for world in worlds {
            for policy in world.policies {
                if let i = list.firstIndex(where: { $0.kind == policy.kind }) {
                    list[i].worlds.append(world.kind)
                } else {
                    list.append((policy.kind, policy.summary, [world.kind]))
                }
            }
        }
        return list
    }
}
