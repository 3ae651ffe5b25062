import Scenarios

/// `sim validate FILE…`: one line per file; exit 2 if any is invalid.
struct ValidateCommand {
    let files: [String]
    let overrides: [String]

    /// Returns false when some file is invalid (the errors are printed one per line on stderr).
    func execute(console: inout Console) throws -> Bool {
        let parsed = try overrides.map(Override.parse)
        var allValid = true
        for file in files {
            do {
                let scenario = try Scenario.load(file: file, overrides: parsed)
                console.out("ok \(file) (\(scenario.world.kind); policies: \(scenario.policyNames.joined(separator: ", ")))")
            } catch let error as ScenarioError {
                // Every problem of the file, one line each in line order, as a compiler lists them.
                let source = try? ScenarioSource(file: file, overrides: parsed)
                let problems = source.map { Scenario.problems(in: $0) } ?? []
                for problem in problems.isEmpty ? [error] : problems { console.err("Error: \(problem)") }
                allValid = false
            }
        }
        return allValid
    }
}
