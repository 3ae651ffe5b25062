/// One series of a chart: a named line through points, each with an optional interval.
struct ChartSeries: Equatable {
    /// One point; `low`/`high` bound its confidence interval when known.
    struct Point: Equatable {
        var x: Double
        var y: Double
        var low: Double?
        var high: Double?
    }

    /// The legend entry.
    let name: String
    /// Points in drawing order (non-finite y values break the line).
    var points: [Point]
    /// A horizontal band drawn behind the line (e.g. a mean's confidence interval), as (low, mean, high).
    var band: (low: Double, mean: Double, high: Double)?
    /// A shaded region that follows the line: each point's `low`…`high` joined into one polygon instead
    /// of a whisker per point (for dense series such as a per-step mean over episodes).
    var ribbon = false
    /// Whether consecutive points are joined by a line; false draws each point as a dot (values that are
    /// not a sequence, such as one value per seed).
    var joined = true

    init(name: String, points: [Point], band: (low: Double, mean: Double, high: Double)? = nil) {
        self.name = name
        self.points = points
        self.band = band
    }

    static func == (a: ChartSeries, b: ChartSeries) -> Bool {
        a.name == b.name && a.points == b.points && a.band?.low == b.band?.low && a.band?.mean == b.band?.mean
            && a.band?.high == b.band?.high && a.ribbon == b.ribbon && a.joined == b.joined
    }
}
