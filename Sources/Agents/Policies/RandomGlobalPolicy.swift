import Engine

/// Uniform global actions (baseline): a_g ~ U{0, …, |A_g| − 1}.
public struct RandomGlobalPolicy: GlobalPolicy, DescribedPolicy {
    public static let family = PolicyFamily(kind: "random", summary: "uniform global and local actions (baseline)")
    /// |A_g|.
    public let actions: Int
    public init(actions: Int) { self.actions = actions }
    public func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int {
        random.int(below: actions)
    }
}
