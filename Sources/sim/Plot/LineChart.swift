/// A line chart with axes, ticks, a legend and confidence intervals drawn as whiskers (per point) or
/// bands (per series), written as hand-made SVG. Each series is exactly one `<path>`; everything else
/// (axes, ticks, whiskers, bands, markers, legend) uses other elements, so the paths count the series.
struct LineChart {
    let title: String
    let xLabel: String
    let yLabel: String
    let series: [ChartSeries]
    /// Labels for categorical x values (x = 0, 1, …); nil for a numeric x axis.
    var categories: [String]?

    /// Colours in series order (Tableau 10), reused cyclically.
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
    /// Dash patterns in series order, so that series drawn on top of each other stay visible.
    static let dashes = ["", "7 3", "2 3", "10 3 2 3", "4 4"]

    private static let left = 80.0, right = 190.0, top = 36.0, bottom = 52.0

    /// Draws the chart in the `width` × `height` box whose top is at `originY`.
    func render(into svg: inout SVGWriter, originY: Double, width: Double, height: Double) {
        let xAxis = categories.map { ChartAxis(categories: $0.count) } ?? ChartAxis(covering: series.flatMap { $0.points.map(\.x) })
        // A chart whose values are all non-negative (returns, errors, losses) draws no interval below 0.
        let floor: Double? = series.allSatisfy { $0.points.allSatisfy { !($0.y < 0) } && !(($0.band?.mean ?? 0) < 0) } ? 0 : nil
        let series = self.series.map { Self.clipped($0, at: floor) }
        let yAxis = ChartAxis(covering: series.flatMap(Self.extent))
        let frame = Frame(x0: Self.left, x1: width - Self.right, y0: originY + height - Self.bottom, y1: originY + Self.top,
                          xAxis: xAxis, yAxis: yAxis)
        svg.element("text", ["x": SVGWriter.number(width / 2), "y": SVGWriter.number(originY + 20), "text-anchor": "middle",
                             "font-size": "14", "font-weight": "bold"], text: title)
        drawAxes(&svg, frame)
        // Series with whiskers are dodged a few pixels apart so that equal x values do not hide each other.
        let whiskered = series.contains { s in !s.ribbon && s.points.contains { $0.low != nil } || !s.joined }
        for (i, s) in series.enumerated() {
            let dodge = whiskered ? (Double(i) - Double(series.count - 1) / 2) * 5 : 0
            draw(s, index: i, into: &svg, frame.shifted(by: dodge))
        }
        drawLegend(&svg, x: width - Self.right + 16, y: originY + Self.top)
    }

    /// `series` with every interval end below `floor` raised to it.
    private static func clipped(_ series: ChartSeries, at floor: Double?) -> ChartSeries {
        guard let floor else { return series }
        var copy = series
        copy.points = series.points.map { p in
            var q = p
            q.low = p.low.map { max($0, floor) }
            return q
        }
        copy.band = series.band.map { (max($0.low, floor), $0.mean, $0.high) }
        return copy
    }

    /// Every y the axis must show: values, interval ends and band ends.
    private static func extent(_ series: ChartSeries) -> [Double] {
        series.points.flatMap { [$0.y] + [$0.low, $0.high].compactMap { $0 } }
            + (series.band.map { [$0.low, $0.mean, $0.high] } ?? [])
    }

    private func drawAxes(_ svg: inout SVGWriter, _ f: Frame) {
        let n = SVGWriter.number
        for tick in f.yAxis.ticks {
            let y = f.y(tick)
            svg.element("line", ["x1": n(f.x0), "y1": n(y), "x2": n(f.x1), "y2": n(y), "stroke": "#e5e5e5"])
            svg.element("line", ["x1": n(f.x0 - 5), "y1": n(y), "x2": n(f.x0), "y2": n(y), "stroke": "black"])
            svg.element("text", ["x": n(f.x0 - 8), "y": n(y + 4), "text-anchor": "end"], text: f.yAxis.label(tick))
        }
        let every = max(1, f.xAxis.ticks.count / 12)
        for (i, tick) in f.xAxis.ticks.enumerated() where i % every == 0 {
            let x = f.x(tick)
            svg.element("line", ["x1": n(x), "y1": n(f.y0), "x2": n(x), "y2": n(f.y0 + 5), "stroke": "black"])
            let label = categories.map { $0[Int(tick)] } ?? f.xAxis.label(tick)
            svg.element("text", ["x": n(x), "y": n(f.y0 + 19), "text-anchor": "middle"], text: label)
        }
        svg.element("line", ["x1": n(f.x0), "y1": n(f.y0), "x2": n(f.x1), "y2": n(f.y0), "stroke": "black"])
        svg.element("line", ["x1": n(f.x0), "y1": n(f.y0), "x2": n(f.x0), "y2": n(f.y1), "stroke": "black"])
        svg.element("text", ["x": n((f.x0 + f.x1) / 2), "y": n(f.y0 + 40), "text-anchor": "middle"], text: xLabel)
        svg.element("text", ["x": n(18), "y": n((f.y0 + f.y1) / 2), "text-anchor": "middle",
                             "transform": "rotate(-90 18 \(n((f.y0 + f.y1) / 2)))"], text: yLabel)
    }

    private func draw(_ s: ChartSeries, index: Int, into svg: inout SVGWriter, _ f: Frame) {
        let n = SVGWriter.number, color = Self.palette[index % Self.palette.count]
        if s.ribbon {
            let edge = s.points.filter { ($0.low ?? .nan).isFinite && ($0.high ?? .nan).isFinite }
            let outline = edge.map { n(f.x($0.x)) + "," + n(f.y($0.high!)) } + edge.reversed().map { n(f.x($0.x)) + "," + n(f.y($0.low!)) }
            if !outline.isEmpty {
                svg.element("polygon", ["points": outline.joined(separator: " "), "fill": color, "fill-opacity": "0.18", "stroke": "none"])
            }
        }
        if let band = s.band, band.low.isFinite, band.high.isFinite {
            svg.element("rect", ["x": n(f.x0), "y": n(f.y(band.high)), "width": n(f.x1 - f.x0),
                                 "height": n(f.y(band.low) - f.y(band.high)), "fill": color, "fill-opacity": "0.15"])
            svg.element("line", ["x1": n(f.x0), "y1": n(f.y(band.mean)), "x2": n(f.x1), "y2": n(f.y(band.mean)),
                                 "stroke": color, "stroke-dasharray": "6 4"])
        }
        for p in s.points where !s.ribbon {
            guard let low = p.low, let high = p.high, low.isFinite, high.isFinite else { continue }
            let x = f.x(p.x)
            svg.element("line", ["x1": n(x), "y1": n(f.y(low)), "x2": n(x), "y2": n(f.y(high)), "stroke": color])
            for end in [low, high] {
                svg.element("line", ["x1": n(x - 4), "y1": n(f.y(end)), "x2": n(x + 4), "y2": n(f.y(end)), "stroke": color])
            }
        }
        // Unjoined series are dots: a zero-length segment per point with a round cap.
        var d = "", pen = "M"
        for p in s.points {
            guard p.y.isFinite, p.x.isFinite else { pen = "M"; continue }
            d += (d.isEmpty ? "" : " ") + pen + n(f.x(p.x)) + "," + n(f.y(p.y)) + (s.joined ? "" : " h0")
            pen = s.joined ? "L" : "M"
        }
        var style = [("class", "series"), ("data-series", s.name), ("d", d.isEmpty ? "M0,0" : d), ("fill", "none"), ("stroke", color),
                     ("stroke-width", s.joined ? "1.5" : "6"), ("stroke-linecap", "round")]
        let dash = Self.dashes[index % Self.dashes.count]
        if s.joined && !dash.isEmpty { style.append(("stroke-dasharray", dash)) }
        svg.element("path", style)
        guard s.joined, s.points.count <= 60 else { return }
        for p in s.points where p.y.isFinite {
            svg.element("circle", ["cx": n(f.x(p.x)), "cy": n(f.y(p.y)), "r": "2.5", "fill": color])
        }
    }

    private func drawLegend(_ svg: inout SVGWriter, x: Double, y: Double) {
        let n = SVGWriter.number
        for (i, s) in series.enumerated() {
            let row = y + Double(i) * 18
            // The legend's sample shows the series' dashes (or its dot when unjoined).
            var sample = [("x1", n(x)), ("y1", n(row + 6)), ("x2", n(x + (s.joined ? 14 : 0))), ("y2", n(row + 6)),
                          ("stroke", Self.palette[i % Self.palette.count]), ("stroke-width", s.joined ? "3" : "6"), ("stroke-linecap", "round")]
            let dash = Self.dashes[i % Self.dashes.count]
            if s.joined && !dash.isEmpty { sample.append(("stroke-dasharray", dash == "2 3" ? "2 2" : "5 2")) }
            svg.element("line", sample)
            // A series drawn exactly over an earlier one says so, since only its dashes show.
            let twin = series[..<i].first { $0.points.map(\.y) == s.points.map(\.y) && $0.points.map(\.x) == s.points.map(\.x) }
            svg.element("text", ["x": n(x + 18), "y": n(row + 10)], text: s.name + (twin.map { " (= \($0.name))" } ?? ""))
        }
    }

    /// The plot area in pixels and its axes (y grows downward in SVG, so y0 is the bottom).
    private struct Frame {
        let x0: Double, x1: Double, y0: Double, y1: Double
        let xAxis: ChartAxis, yAxis: ChartAxis
        var dx = 0.0
        func x(_ value: Double) -> Double { xAxis.position(value, from: x0, to: x1) + dx }
        func y(_ value: Double) -> Double { yAxis.position(value, from: y0, to: y1) }
        func shifted(by offset: Double) -> Frame {
            var copy = self
            copy.dx = offset
            return copy
        }
    }
}
