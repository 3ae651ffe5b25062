import Foundation

/// A one-line progress indicator with an ETA on standard error, redrawn in place (`\r`), shown only
/// when standard error is a terminal and `--no-progress` is absent.
struct ProgressLine {
    /// What is running, e.g. `compare`.
    let label: String
    /// Work units in total (runs).
    let total: Int
    /// Whether anything is drawn.
    let enabled: Bool
    private let started = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?
    private var drawnWidth = 0

    init(label: String, total: Int, enabled: Bool) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    /// Whether a progress line may be drawn: wanted, not capturing, and standard error is a terminal.
    static func wanted(_ requested: Bool, console: Console) -> Bool {
        requested && !console.capturing && isatty(STDERR_FILENO) == 1
    }

    /// Redraws with `done` units (fractional) complete, at most five times a second.
    mutating func update(done: Double, console: inout Console) {
        guard enabled else { return }
        let now = ContinuousClock.now
        if let lastDrawn, now - lastDrawn < .milliseconds(200) { return }
        lastDrawn = now
        let text = Self.render(label: label, done: done, total: total, elapsed: Self.seconds(now - started))
        console.errPartial("\r" + text + String(repeating: " ", count: max(0, drawnWidth - text.count)))
        drawnWidth = text.count
    }

    /// Erases the line.
    mutating func finish(console: inout Console) {
        guard enabled, drawnWidth > 0 else { return }
        console.errPartial("\r" + String(repeating: " ", count: drawnWidth) + "\r")
        drawnWidth = 0
    }

    /// `compare  42.0%  run 13/30  elapsed 0:05  ETA 0:07`; the ETA assumes the remaining units take as
    /// long as the finished ones on average, and is `--:--` until some work is done.
    static func render(label: String, done: Double, total: Int, elapsed: Double) -> String {
        let fraction = total > 0 ? min(1, max(0, done / Double(total))) : 1
        let current = min(total, Int(done) + 1)
        let eta = fraction > 0 ? clock(elapsed * (1 - fraction) / fraction) : "--:--"
        return "\(label)  " + String(format: "%5.1f%%", fraction * 100) + "  run \(current)/\(total)  elapsed \(clock(elapsed))  ETA \(eta)"
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 1e9 else { return seconds.isNaN ? "--:--" : "more than 30 years" }
        let whole = Int(max(0, seconds).rounded())
        let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
