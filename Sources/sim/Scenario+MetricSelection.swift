import Scenarios

extension Scenario {
    /// The metrics a command reports: `--metrics` when given (each checked against the world, with a
    /// did-you-mean), else `outputs.metrics`, else every metric of the world. A "…ToTarget" metric
    /// brings its reach fraction (`targetReached`) along: its means are censored at the horizon when
    /// some episodes never reach the target, so they are not read without it.
    func metrics(chosen names: [String]?) throws -> [String] {
        let chosen = try checked(names) ?? outputs.metrics ?? world.metricNames
        let reach = "targetReached"
        guard world.metricNames.contains(reach), !chosen.contains(reach),
              let last = chosen.lastIndex(where: { $0.hasSuffix("ToTarget") }) else { return chosen }
        var withReach = chosen
        withReach.insert(reach, at: last + 1)
        return withReach
    }

    private func checked(_ names: [String]?) throws -> [String]? {
        guard let names else { return nil }
        let known = world.metricNames
        for name in names where !known.contains(name) {
            let guess = EditDistance.suggestion(for: name, among: known).map { "did you mean '\($0)'?" } ?? "known: " + known.joined(separator: ", ")
            throw CLIError.badValue(option: "--metrics", value: name, expected: "a metric of this world (\(guess))")
        }
        return names
    }
}
