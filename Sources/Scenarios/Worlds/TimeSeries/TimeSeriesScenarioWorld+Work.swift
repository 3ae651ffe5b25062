import Agents

/// The arithmetic of one time-series round, estimated before anything is built (checked against
/// ``ResourceLimits/maxWork``). Dimensions d_x, d_y count as 1 when the data is not built yet, so the
/// estimate is a lower bound; policies run one after another, so the costliest policy's round counts.
///
/// Per round, every client's encoder and scores: N d_y (p d_x + d_y d_z) (``EncoderMaps``; p = d_z
/// projections for `projection`, else 1), the
/// regret comparator's Gram sums N d_y d_z² (``HindsightCorrection``, solved once at the end: N d_z³),
/// and then what the policy adds (``ScenarioForecastPolicy/addWork(to:_:)``, beside each family's reader:
/// the local ridge over T_g rounds, N (T_g d_y d_z² + d_z³), and on game rounds the family's solver).
extension TimeSeriesScenarioWorld {
    static func workEstimate(clients: Int, encoder: EncoderConfig, data: TimeSeriesData?,
                             policies: [(name: String, policy: any ScenarioForecastPolicy)]) -> WorkEstimate {
        let n = Double(clients)
        let dx = Double(data?.inputDimension ?? 1), dy = Double(data?.targetDimension ?? 1)
        let runs = policies.map { policy in
            perRound(policy.policy, ForecastEstimateShape(name: policy.name, clients: n, inputs: dx, targets: dy,
                                                          latentWidth: Double((policy.policy.encoder ?? encoder).latentWidth),
                                                          projections: Double((policy.policy.encoder ?? encoder).projections)))
        }
        return runs.max(by: { $0.totalOperations < $1.totalOperations }) ?? WorkEstimate()
    }

    private static func perRound(_ policy: any ScenarioForecastPolicy, _ shape: ForecastEstimateShape) -> WorkEstimate {
        var estimate = WorkEstimate()
        let n = shape.clients, dx = shape.inputs, dy = shape.targets, dz = shape.latentWidth
        let widthPath = policy.encoder == nil ? "world.encoder.latentWidth" : shape.path + ".encoder.latentWidth"
        estimate.add(widthPath, operations: n * (dy * (shape.projections * dx + dy * dz) + dy * dz * dz + dz * dz * dz),
                     what: "\(MemoryEstimate.number(n)) clients' encoders, regret sums and final solves with d_z = \(MemoryEstimate.number(dz))",
                     value: .number(dz), hint: "use a smaller latentWidth or fewer world.clients")
        policy.addWork(to: &estimate, shape)
        return estimate
    }
}
