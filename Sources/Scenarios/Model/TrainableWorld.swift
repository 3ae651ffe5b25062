/// A world with learned policies that `sim train` can train and write as a policy file.
public protocol TrainableWorld: ScenarioWorld {
    /// The names of the policies `sim train` can train, in file order.
    var trainablePolicyNames: [String] { get }
    /// Trains the learned policy `policy`; `progress` receives each log line.
    /// - Throws: ``ScenarioError`` when the name is unknown or not a learned kind.
    func train(policy: String, progress: (String) -> Void) throws -> TrainedPolicyFile
}

extension TrainableWorld {
    /// The error for `sim train` on a policy that does not learn.
    func notTrainable(_ policy: String) -> ScenarioError {
        let names = trainablePolicyNames
        return .invalid(ScenarioIssue(file: "--policy", path: "policies.\(policy)", message: "policy '\(policy)' is not trained",
                                      hint: "trainable: " + (names.isEmpty ? "none (use g-learn or alternating-marl)" : names.joined(separator: ", "))))
    }
}
