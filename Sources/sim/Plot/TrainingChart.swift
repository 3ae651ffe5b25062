import Agents

/// `sim train --plot`: the learning curves of one training run, one chart per quantity (in the order
/// the learner recorded them) and one line per learner.
enum TrainingChart {
    static func charts(_ curves: [TrainingCurve], policy: String) -> [LineChart] {
        var quantities: [String] = []
        for curve in curves where !quantities.contains(curve.quantity) { quantities.append(curve.quantity) }
        return quantities.map { quantity in
            let chosen = curves.filter { $0.quantity == quantity }
            let series = chosen.map { curve in
                ChartSeries(name: curve.learner, points: zip(curve.x, curve.y).map { ChartSeries.Point(x: $0, y: $1) })
            }
            return LineChart(title: "\(policy): \(quantity)", xLabel: chosen.first?.unit ?? "iteration", yLabel: quantity,
                             series: series)
        }
    }
}
