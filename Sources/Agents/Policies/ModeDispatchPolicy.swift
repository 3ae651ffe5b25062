import Engine

/// The global action is the local state (or histogram bin) holding most of the k sampled agents:
/// a_g = argmax_j counts_j, ties to the lowest index. Requires |A_g| = |S_l| (ring-zones, or the
/// robots' targets, one per histogram bin).
public struct ModeDispatchPolicy: GlobalPolicy, DescribedPolicy {
    public static let family = PolicyFamily(kind: "mode-dispatch",
                                            summary: "global action = the zone holding most of the k sampled agents (ties: lowest)")
    public init() {}
    public func action(globalState: Int, counts: [Int], random: inout CounterRandom) -> Int {
        Self.mode(of: counts)
    }

    /// Index of the largest count, lowest index on ties.
    public static func mode(of counts: [Int]) -> Int {
        var best = 0
        for j in counts.indices where counts[j] > counts[best] { best = j }
        return best
    }
}
