/// Budgets judged on a shared machine. Other processes inflate wall time but not the CPU time the
/// workload itself used, so on a loaded machine the verdict uses CPU seconds, spread over the cores the
/// run could use (min(threads, cores)); on a quiet one it uses wall time. The table shows both.
extension BenchBudget {
    /// Whether other processes were using the machine: a 1-minute load average above `cores − 0.5`
    /// (a single-threaded benchmark alone on two cores stays near 1). Unknown load counts as quiet.
    public static func isLoaded(_ environment: BenchEnvironment) -> Bool {
        guard let load = environment.loadAverage else { return false }
        return load > Double(environment.cores) - 0.5
    }

    /// The budget of `measurement` judged by wall time on a quiet machine, by CPU time on a loaded one
    /// (the text then ends in "(by CPU time)"); nil when no budget applies. A loaded run without CPU
    /// seconds is judged by wall time.
    public static func verdict(_ measurement: BenchMeasurement, environment: BenchEnvironment) -> BenchBudget? {
        let m = measurement
        guard isLoaded(environment), !m.cpuSeconds.isEmpty, m.cpuSeconds.allSatisfy({ $0 > 0 }) else {
            return of(m, cores: environment.cores)
        }
        let used = Double(max(1, min(m.threads, environment.cores)))
        var byCPU = BenchMeasurement(name: m.name, size: m.size, threads: m.threads, unit: m.unit,
                                     seconds: m.cpuSeconds.map { $0 / used }, operations: m.operations, peakRSSBytes: m.peakRSSBytes)
        byCPU.cpuSeconds = m.cpuSeconds
        return of(byCPU, cores: environment.cores).map { BenchBudget(text: $0.text + " (by CPU time)", met: $0.met) }
    }
}
