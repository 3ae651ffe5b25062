/// Runs a ``BenchCase``: one untimed warm-up, then `repeats` timed runs, each on freshly prepared
/// state; the peak resident memory is reset before the warm-up and read after the last run.
public enum BenchRunner {
    /// - Precondition: `repeats >= 1`.
    /// - Throws: what the workload throws.
    public static func measure(_ benchCase: BenchCase, repeats: Int) throws -> BenchMeasurement {
        precondition(repeats >= 1, "repeats must be >= 1, got \(repeats)")
        PeakMemory.reset()
        _ = try benchCase.prepare()()
        var seconds: [Double] = [], cpuSeconds: [Double] = []
        var operations = 0
        for _ in 0..<repeats {
            let run = try benchCase.prepare()
            let clock = ContinuousClock()
            let cpuStart = PeakMemory.cpuSeconds()
            let start = clock.now
            operations = try run()
            let elapsed = clock.now - start
            cpuSeconds.append(PeakMemory.cpuSeconds() - cpuStart)
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        var measurement = BenchMeasurement(name: benchCase.name, size: benchCase.size, threads: benchCase.threads, unit: benchCase.unit,
                                           seconds: seconds, operations: operations, peakRSSBytes: PeakMemory.peakBytes())
        measurement.cpuSeconds = cpuSeconds
        measurement.split = benchCase.split?() ?? []
        return measurement
    }
}
