extension TabularScenarioWorld {
    /// Every learned policy can be trained anew per evaluation seed
    /// (``retrainedSession(policy:seed:metrics:)``).
    public var retrainablePolicyNames: [String] { trainablePolicyNames }
}
