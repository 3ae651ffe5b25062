import Engine

/// An explicit deterministic table `[s_g][rank(counts)] -> a_g` over the count vectors of k agents
/// (ranked by ``CountVectorSpace``), given in a scenario or written by `sim train`.
public struct TabularGlobalPolicy: GlobalPolicy, DescribedPolicy {
    public static let family = PolicyFamily(
        kind: "tabular", summary: "explicit tables: global [s_g][count-vector rank] -> a_g, local [s_g][s_l][a_l], or file: from sim train")
    /// The count-vector space the table is indexed by.
    public let space: CountVectorSpace
    /// Actions, flat `[s_g][rank]`.
    public let actions: [Int]

    /// - Precondition: `actions.count` is a multiple of `space.count`.
    public init(space: CountVectorSpace, actions: [Int]) {
        precondition(actions.count % max(space.count, 1) == 0, "global table size")
        self.space = space
        self.actions = actions
    }

    public func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int {
        actions[globalState * space.count + space.rank(counts)]
    }
}
