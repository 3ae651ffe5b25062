import Engine
import Scenarios

/// The aligned text table of `sim compare`: one row per (metric, policy) with mean ± 95% CI, then the
/// paired difference against the baseline with its CI and wins/losses/ties.
struct CompareReport {
    let comparison: PolicyComparison
    let header: ScenarioHeader
    let world: String
    /// `--seeds` as typed; nil lists the seeds that finished (after an interrupt).
    let seedsText: String?
    /// Steps per episode as the world runs them (time-series worlds: `world.rounds`); nil: `horizon`.
    var steps: Int? = nil

    var text: String {
        let c = comparison
        let seeds = seedsText ?? c.seeds.map(String.init).joined(separator: ",")
        var lines = ["\(c.scenario): world \(world), \(c.policies.count) policies x \(c.seeds.count) seeds (\(seeds)), "
                     + "\(header.episodes) episode(s) x \(steps ?? header.horizon) steps; each value is a per-seed mean over episodes",
                     "paired differences: policy - \(c.baseline) on the same seeds (common random numbers); 95% CI by Student t"]
        var table = TextTable(["metric", "policy", "mean", "±95% CI", "diff", "±95% CI", "wins", "losses", "ties"], textColumns: 2)
        var references: [String] = []
        for m in c.metrics.indices {
            // A metric that every policy shares seed by seed (such as the persistence RMSE of a
            // time-series world) is a reference, not a result: one row, no differences.
            if c.isSharedByEveryPolicy(metric: m) {
                let interval = c.interval(metric: m, policy: 0)
                table.add([c.metrics[m], "(every policy)", TextTable.format(interval.mean), TextTable.format(interval.halfWidth),
                           "-", "-", "-", "-", "-"])
                references.append(c.metrics[m])
                continue
            }
            for p in c.policies.indices {
                let interval = c.interval(metric: m, policy: p)
                var row = [c.metrics[m], c.policies[p], TextTable.format(interval.mean), TextTable.format(interval.halfWidth)]
                if p == 0 {
                    row += ["(baseline)", "-", "-", "-", "-"]
                } else {
                    let paired = c.difference(metric: m, policy: p)
                    row += [TextTable.format(paired.interval.mean), TextTable.format(paired.interval.halfWidth),
                            String(paired.wins), String(paired.losses), String(paired.ties)]
                }
                table.add(row)
            }
        }
        lines.append(table.rendered)
        if !references.isEmpty {
            lines.append("the same for every policy on every seed (a reference): " + references.joined(separator: ", "))
        }
        let directions = c.metrics.filter { !references.contains($0) }.map { "\($0): \(MetricDirection.of($0) == .higherIsBetter ? "higher" : "lower") is better" }
        lines.append("wins count seeds where the policy beats \(c.baseline) (" + directions.joined(separator: "; ") + ")")
        return lines.joined(separator: "\n")
    }
}
