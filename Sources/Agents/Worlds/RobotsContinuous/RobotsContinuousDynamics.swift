import Foundation

/// The continuous multi-robot task of the module README, "Continuous robots": every constant is a parameter
/// and the defaults are the ones the module README gives.
///
/// s_g, s_i ∈ [lower, upper]; a_g ∈ 0..<targets.count picks a target τ; a_i picks a move δ from
/// `localMoves`. The equations are the methods below; the world and the binned abstraction both call
/// them, so the two can never disagree.
public struct RobotsContinuousDynamics: Encodable, Sendable, Equatable {
    /// The state interval [-2, 2].
    public var lower = -2.0, upper = 2.0
    /// Targets τ of the global actions. The global agent's histogram has one equal-width bin per
    /// target; the default targets are those bins' centres.
    public var targets = [-1.6, -0.8, 0.0, 0.8, 1.6]
    /// Moves δ of the local actions (stay, +0.05, -0.05).
    public var localMoves = [0.0, 0.05, -0.05]
    /// s_g' = clip(s_g + globalGain (τ - s_g) + N(0, globalNoise²)).
    public var globalGain = 0.6, globalNoise = 0.08
    /// s_i' = clip(s_i + δ + N(0, localNoise²)).
    public var localNoise = 0.04
    /// r_g = globalRewardScale · exp(-(s_g - τ)² / (2 globalRewardWidth²)).
    public var globalRewardScale = 5.0, globalRewardWidth = 0.3
    /// r_l = localRewardScale · exp(-(s_i - s_g)² / (2 localRewardWidth²)) - moveCost · |δ|.
    public var localRewardScale = 10.0, localRewardWidth = 0.2, moveCost = 5.0
    /// Initial robots: two clusters N(center, clusterSpread²); the first cluster listed gets
    /// `majorityShare` of the robots in expectation. The task fixes only the 55/45 split; the centres
    /// sit on two target bins so that the modal bin is the majority cluster.
    public var clusterCenters = [-0.8, 0.8], clusterSpread = 0.2, majorityShare = 0.55
    /// Whether each episode picks the majority cluster by a fair coin (so no fixed global action is
    /// right in every episode and the observation matters); false keeps the first cluster the majority.
    public var randomMajority = true
    /// The defaults.
    public init() {}

    /// Bins of the global agent's histogram observation: one per target.
    public var observationBins: Int { targets.count }

    /// `x` clipped to [lower, upper].
    @inlinable public func clip(_ x: Double) -> Double { Swift.min(upper, Swift.max(lower, x)) }

    /// s_g' for target `tau` and a standard normal `z`.
    @inlinable public func nextGlobal(_ sg: Double, target tau: Double, normal z: Double) -> Double {
        clip(sg + globalGain * (tau - sg) + globalNoise * z)
    }

    /// s_i' for move `delta` and a standard normal `z`.
    @inlinable public func nextLocal(_ s: Double, move delta: Double, normal z: Double) -> Double {
        clip(s + delta + localNoise * z)
    }

    /// r_g = 5 exp(-(s_g - τ)² / (2·0.3²)).
    @inlinable public func globalReward(_ sg: Double, target tau: Double) -> Double {
        let d = sg - tau
        return globalRewardScale * Foundation.exp(-d * d / (2 * globalRewardWidth * globalRewardWidth))
    }

    /// r_l = 10 exp(-(s_i - s_g)² / (2·0.2²)) - 5 |δ|.
    @inlinable public func localReward(_ s: Double, global sg: Double, move delta: Double) -> Double {
        let d = s - sg
        return localRewardScale * Foundation.exp(-d * d / (2 * localRewardWidth * localRewardWidth)) - moveCost * abs(delta)
    }

    /// The bin of `x` among `bins` equal bins of [lower, upper]; `upper` falls in the last bin.
    /// Edge cases: values outside the interval go to the first or last bin.
    @inlinable public func bin(_ x: Double, bins: Int) -> Int {
        let scaled = (x - lower) / (upper - lower) * Double(bins)
        guard scaled.isFinite else { return scaled > 0 ? bins - 1 : 0 }  // NaN goes to the first bin
        return Swift.min(bins - 1, Swift.max(0, Int(Swift.min(Swift.max(scaled, -1), Double(bins)).rounded(.down))))
    }

    /// The lower edge of bin `b` of `bins`.
    public func binLower(_ b: Int, bins: Int) -> Double { lower + (upper - lower) * Double(b) / Double(bins) }
}
