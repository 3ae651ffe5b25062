import Scenarios

/// `sim list worlds|policies`.
struct ListCommand {
    let what: String

    func execute(console: inout Console) {
        var table: TextTable
        if what == "worlds" {
            table = TextTable(["world", "policies", "description"], textColumns: 3)
            for world in WorldRegistry.standard.worlds {
                table.add([world.kind, world.policies.map(\.kind).joined(separator: ","), world.summary])
            }
        } else {
            table = TextTable(["policy", "worlds", "description"], textColumns: 3)
            for policy in WorldRegistry.standard.policies {
                table.add([policy.kind, policy.worlds.joined(separator: ","), policy.summary])
            }
        }
        console.out(table.rendered)
    }
}
