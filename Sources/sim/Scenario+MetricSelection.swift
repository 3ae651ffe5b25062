import Scenarios

extension Scenario {
    /// The metrics a command reports: `--metrics` when given (each checked against the world, with a
    /// did-you-mean), else `outputs.metrics`, else every metric of the world.
    func metrics(chosen names: [String]?) throws -> [String] {
        guard let names else { return outputs.metrics ?? world.metricNames }
        let known = world.metricNames
        for name in names where !known.contains(name) {
            let guess = EditDistance.suggestion(for: name, among: known).map { "did you mean '\($0)'?" } ?? "known: " + known.joined(separator: ", ")
            throw CLIError.badValue(option: "--metrics", value: name, expected: "a metric of this world (\(guess))")
        }
        return names
    }
}
