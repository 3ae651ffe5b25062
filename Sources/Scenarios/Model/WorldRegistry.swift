/// The names `world.kind` and `policies.*.kind` may take; `sim list`
/// prints them. New worlds add their registration here.
public enum WorldRegistry {
    /// Every registered world, in listing order.
    public static let worlds: [WorldRegistration] = [
        TabularBuilder.registration,
        TabularBuilder.explicitTablesRegistration,
        RobotsContinuousBuilder.registration,
        FedOptBuilder.registration,
    ] + TimeSeriesBuilder.registrations

    /// The registration of `kind`, nil if unknown.
    public static func world(_ kind: String) -> WorldRegistration? {
        worlds.first { $0.kind == kind }
    }

    /// Every policy kind with its summary and the worlds that accept it, in first-seen order.
    public static var policies: [(kind: String, summary: String, worlds: [String])] {
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
