/// Whether a larger value of a metric is better: decides what a *win* is in `sim compare`.
///
/// Returns and accuracies are better when larger; errors, costs, losses, spreads, message counts,
/// times to target and wall-clock times are better when smaller (README.md, "Machine-readable outputs"
/// lists the names).
public enum MetricDirection: String, Sendable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"

    /// The direction of the metric called `name`; names the project does not know count as higher-is-better.
    public static func of(_ name: String) -> MetricDirection {
        let lowerSuffixes = ["RMSE", "Cost", "Std", "Loss", "messages", "ToTarget", "Seconds", "PerStep", "Regret"]
        return lowerSuffixes.contains { name.hasSuffix($0) } ? .lowerIsBetter : .higherIsBetter
    }
}
