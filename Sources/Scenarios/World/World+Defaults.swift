import Engine

extension World {
    public var seriesNames: [String]? { nil }

    public var stepUnit: String { "step" }

    public func seriesAxis(_ series: String) -> SeriesAxis { SeriesAxis(unit: stepUnit, restartsEachEpisode: false) }
}

extension World {
    public var episodeLengthField: String { "horizon" }

    public func stepsPerEpisode(horizon: Int) -> Int { horizon }
}

extension World {
    public var trainablePolicyNames: [String] { [] }

    public func isLearned(_ policy: String) -> Bool { trainablePolicyNames.contains(policy) }

    public func train(policy: String, progress: (String) -> Void) throws -> TrainedPolicyFile {
        throw WorldRefusal("'sim train' trains learned policies; world '\(kind)' has none")
    }

    public func trainingLog(policy: String) -> [String]? { nil }

    public var retrainablePolicyNames: [String] { [] }

    public func retrainedSession(policy: String, seed: UInt64, metrics: [String]?) throws -> (session: any RunSession, trainingSeed: UInt64?) {
        (try makeSession(policy: policy, seed: seed, metrics: metrics), nil)
    }

    /// The error for `sim train` on a policy that does not learn, listing the ones that do.
    func notTrainable(_ policy: String) -> ScenarioError {
        let names = trainablePolicyNames
        return .invalid(ScenarioIssue(file: "--policy", path: "policies.\(policy)", message: "policy '\(policy)' is not trained",
                                      hint: "trainable: " + (names.isEmpty ? "none (use g-learn or alternating-marl)" : names.joined(separator: ", "))))
    }
}

extension World {
    public var exploitabilityUnavailable: String { "no best response is defined for it" }

    public var exploitabilityMetricNames: [String] { [] }

    public func checkExploitability(policy: String) throws { throw exploitabilityRefusal }

    public func exploitability(policy: String, seeds: [UInt64], settings: ExploitabilitySettings) throws -> any ExploitabilityReport {
        throw exploitabilityRefusal
    }

    public func preparedExploitability(policy: String, allSeeds: [UInt64],
                                       settings: ExploitabilitySettings) throws -> any PreparedExploitability {
        throw exploitabilityRefusal
    }

    /// The refusal of a world without an exploitability measurement.
    var exploitabilityRefusal: WorldRefusal {
        WorldRefusal("exploitability is measured in tabular worlds (ring-zones, tabular) and time-series worlds, where best responses are computable; world '\(kind)' has none: " + exploitabilityUnavailable)
    }
}
