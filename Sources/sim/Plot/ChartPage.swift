/// Charts stacked vertically in one SVG document (`sim compare --plot` draws one panel per metric).
enum ChartPage {
    static let width = 780.0
    static let panelHeight = 380.0

    /// The SVG document of `charts`, top to bottom.
    static func svg(_ charts: [LineChart]) -> String {
        var writer = SVGWriter()
        for (i, chart) in charts.enumerated() {
            chart.render(into: &writer, originY: Double(i) * panelHeight, width: width, height: panelHeight)
        }
        return writer.document(width: width, height: panelHeight * Double(max(1, charts.count)))
    }
}
