extension FedOptScenarioWorld {
    public var exploitabilityUnavailable: String {
        "its learned policies act on a tabular abstraction, but its own dynamics are continuous, so a best response in the real world is not computed"
    }
}
