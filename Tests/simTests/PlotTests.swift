import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import sim

/// Every SVG the tool writes must be well-formed XML with exactly one `<path>` per series.
final class PlotTests: XCTestCase {
    /// Parses an SVG with Foundation's XMLParser, counting elements by name and collecting text.
    private final class Census: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var seriesNames: [String] = []
        var texts: [String] = []
        var pathData: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            counts[name, default: 0] += 1
            if name == "path", let series = attributes["data-series"] {
                seriesNames.append(series)
                pathData.append(attributes["d"] ?? "")
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }
    }

    private func census(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> Census {
        let parser = try XCTUnwrap(XMLParser(contentsOf: URL(fileURLWithPath: path)), file: file, line: line)
        let census = Census()
        parser.delegate = census
        XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?")", file: file, line: line)
        XCTAssertEqual(census.counts["svg"], 1, file: file, line: line)
        return census
    }

    func test_trainPlot_oneChartPerQuantity_oneSeriesPerLearner() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let scenario = folder.appendingPathComponent("t.json5").path
        try """
        { name: "train-plot", seed: 3, horizon: 8, episodes: 2, gamma: 0.9,
          world: { kind: "ring-zones", localAgents: 60 }, observation: { k: 3 },
          policies: { amarl: { kind: "alternating-marl", evalEpisodes: 2, outerIterations: 2, starts: ["uniform", "follow"] },
                      mfq: { kind: "subsample-mfq", sampling: "generative", rounds: 3, local: "follow" } } }
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let svgPath = folder.appendingPathComponent("curves.svg").path
        let policy = folder.appendingPathComponent("amarl.json").path
        let result = CLIHarness.run(["train", scenario, "--policy", "amarl", "--out", policy, "--plot", svgPath])
        XCTAssertEqual(result.status, 0, result.err)
        let svg = try census(svgPath)
        XCTAssertEqual(svg.seriesNames, ["ALTERNATING-MARL (start uniform)", "ALTERNATING-MARL (start follow)",
                                         "G-LEARN (start uniform)", "L-LEARN (start uniform)",
                                         "G-LEARN (start follow)", "L-LEARN (start follow)"])
        XCTAssertTrue(svg.texts.contains("amarl: teamReturn") && svg.texts.contains("amarl: bellmanResidual"), "\(svg.texts)")
        let mfqPath = folder.appendingPathComponent("mfq.svg").path
        let mfq = CLIHarness.run(["train", scenario, "--policy", "mfq", "--out", folder.appendingPathComponent("mfq.json").path,
                                  "--plot", mfqPath])
        XCTAssertEqual(mfq.status, 0, mfq.err)
        XCTAssertTrue(mfq.err.contains("subsample-mfq: 2625 samples (updates), 3 generative rounds, 100.0% of states visited"), mfq.err)
        XCTAssertEqual(try census(mfqPath).seriesNames, ["SUBSAMPLE-MFQ", "SUBSAMPLE-MFQ"])
        let bad = CLIHarness.run(["train", scenario, "--policy", "mfq", "--out", policy, "--plot", policy])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.err.contains("--plot names the same file as --out"), bad.err)
    }

    func test_comparePlot_onePathPerPolicyPerMetricPanel() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let path = folder.appendingPathComponent("compare.svg").path
        let result = CLIHarness.run(["compare", CLIHarness.quickstart, "--seeds", "1..4", "--plot", path] + CLIHarness.small)
        XCTAssertEqual(result.status, 0, result.err)
        let svg = try census(path)
        XCTAssertEqual(svg.seriesNames, ["random", "dispatch", "dispatch-follow", "random", "dispatch", "dispatch-follow"])
        XCTAssertEqual(svg.counts["path"], 6)
        XCTAssertTrue(svg.texts.contains("seed") && svg.texts.contains("modeAccuracy"), "\(svg.texts)")
        // Seeds are not a sequence: every per-seed value is a dot of its own, never joined by a line.
        for d in svg.pathData {
            XCTAssertFalse(d.contains("L"), d)
            XCTAssertEqual(d.components(separatedBy: "M").count - 1, 4, d)
            XCTAssertEqual(d.components(separatedBy: "h0").count - 1, 4, d)
        }
    }

    func test_sweepPlot_onePathPerGroup_withWhiskers() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let lines = folder.appendingPathComponent("sweep.jsonl").path, svgPath = folder.appendingPathComponent("sweep.svg").path
        let sweep = CLIHarness.run(["sweep", CLIHarness.quickstart, "--set", "observation.k=1,3,8", "--seeds", "1..3", "--out", lines,
                                    "--set", "world.localAgents=30", "--set", "episodes=1", "--set", "horizon=4"])
        XCTAssertEqual(sweep.status, 0, sweep.err)
        let plot = CLIHarness.run(["plot", lines, "--x", "observation.k", "--y", "discountedReturn", "--out", svgPath])
        XCTAssertEqual(plot.status, 0, plot.err)
        let svg = try census(svgPath)
        XCTAssertEqual(svg.seriesNames, ["random", "dispatch", "dispatch-follow"])
        // Axes (2) + 3 series × 3 points × 3 whisker lines (stem and two caps) at least.
        XCTAssertGreaterThanOrEqual(svg.counts["line", default: 0], 2 + 27)
        let grouped = CLIHarness.run(["plot", lines, "--x", "observation.k", "--y", "modeAccuracy", "--group", "world.localAgents", "--out", svgPath])
        XCTAssertEqual(grouped.status, 0, grouped.err)
        XCTAssertEqual(try census(svgPath).seriesNames, ["world.localAgents=30, random", "world.localAgents=30, dispatch",
                                                         "world.localAgents=30, dispatch-follow"], "policies are never pooled")
    }

    /// x coordinates of a path's points, per stretch (each `M` starts one).
    private func stretches(_ d: String) -> [[Double]] {
        d.split(separator: "M").map { stretch in
            stretch.split(separator: "L").compactMap { Double($0.split(separator: ",")[0].trimmingCharacters(in: .whitespaces)) }
        }
    }

    /// Episodes are overlaid on the step within the episode, never joined end to end: with equal steps in
    /// every episode each policy is one stretch of `horizon` points (the mean) over a shaded 95% ribbon.
    func test_runPlot_meanOverEpisodes_onTheStepAxis() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let path = folder.appendingPathComponent("run.svg").path
        let result = CLIHarness.run(["run", CLIHarness.quickstart, "--plot", path] + CLIHarness.small)
        XCTAssertEqual(result.status, 0, result.err)
        let svg = try census(path)
        XCTAssertEqual(svg.seriesNames, ["random", "dispatch", "dispatch-follow"])
        XCTAssertTrue(svg.texts.contains("step within the episode"), "\(svg.texts)")
        XCTAssertTrue(svg.texts.contains { $0.contains("mean over 2 episodes") }, "\(svg.texts)")
        XCTAssertEqual(svg.counts["polygon"], 3, "one ribbon per policy")
        for d in svg.pathData {
            let parts = stretches(d)
            XCTAssertEqual(parts.count, 1, d)
            XCTAssertEqual(parts[0].count, 10, "horizon = 10 steps, not 2 × 10: \(d)")
            XCTAssertEqual(parts[0], parts[0].sorted(), "x never jumps back")
        }
    }

    /// An event-driven world whose steps fall at random times: each episode is its own stretch, on the
    /// simulated time within the episode.
    func test_runPlot_eventDrivenWorld_overlaysEpisodes() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let path = folder.appendingPathComponent("run.svg").path
        let file = CLIHarness.root.appendingPathComponent("Scenarios/fedopt-async.json5").path
        let result = CLIHarness.run(["run", file, "--plot", path, "--set", "episodes=3", "--set", "horizon=10", "--policy", "fedavg", "--no-progress"])
        XCTAssertEqual(result.status, 0, result.err)
        let svg = try census(path)
        XCTAssertTrue(svg.texts.contains("simulated time within the episode"), "\(svg.texts)")
        let parts = stretches(try XCTUnwrap(svg.pathData.first))
        XCTAssertEqual(parts.count, 3, "one stretch per episode")
        for part in parts { XCTAssertEqual(part, part.sorted()) }
        // The loss by round counts rounds from the start of each episode: episodes split where it restarts.
        let byRound = CLIHarness.run(["run", file, "--plot", path, "--plot-series", "globalLossByRound", "--set", "episodes=3",
                                      "--set", "horizon=10", "--policy", "fedavg", "--no-progress"])
        XCTAssertEqual(byRound.status, 0, byRound.err)
        let rounds = try census(path)
        XCTAssertTrue(rounds.texts.contains("round within the episode"), "\(rounds.texts)")
        let roundParts = stretches(try XCTUnwrap(rounds.pathData.first))
        XCTAssertTrue(roundParts.count == 1 || roundParts.count == 3, "the mean, or one stretch per episode: \(roundParts.count)")
        for part in roundParts { XCTAssertEqual(part, part.sorted()) }
    }

    /// Intervals of a non-negative metric stop at 0, and a series drawn exactly over another says so.
    func test_lineChart_clipsIntervalsAtZero_andNamesCoincidingSeries() throws {
        let points = [ChartSeries.Point(x: 0, y: 0.5, low: -0.4, high: 1.4), ChartSeries.Point(x: 1, y: 1, low: -0.2, high: 2.2)]
        let chart = LineChart(title: "t", xLabel: "x", yLabel: "y",
                              series: [ChartSeries(name: "a", points: points), ChartSeries(name: "b", points: points)])
        var svg = SVGWriter()
        chart.render(into: &svg, originY: 0, width: 640, height: 360)
        XCTAssertTrue(svg.body.contains(">b (= a)</text>"), svg.body)
        XCTAssertFalse(svg.body.contains(">-0.5</text>") || svg.body.contains(">-1</text>") || svg.body.contains(">-0.2</text>"),
                       "no tick below 0: \(svg.body)")
        var negative = points
        negative[0].y = -0.1
        var mixed = SVGWriter()
        LineChart(title: "t", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "a", points: negative)])
            .render(into: &mixed, originY: 0, width: 640, height: 360)
        XCTAssertTrue(mixed.body.contains(">-1</text>"), "a metric with negative values keeps its intervals: \(mixed.body)")
    }

    func test_plot_badFieldOrMetric_isUsageError() throws {
        let folder = try CLIHarness.temporaryFolder(self)
        let lines = folder.appendingPathComponent("s.jsonl").path
        XCTAssertEqual(CLIHarness.run(["sweep", CLIHarness.quickstart, "--set", "observation.k=1,2", "--seeds", "1", "--out", lines] + CLIHarness.small).status, 0)
        let badX = CLIHarness.run(["plot", lines, "--x", "observation.n", "--y", "discountedReturn", "--out", lines + ".svg"])
        XCTAssertEqual(badX.status, 2)
        XCTAssertTrue(badX.err.contains("option '--x': expected a swept field (observation.k, episodes, horizon, world.localAgents)"), badX.err)
        XCTAssertEqual(CLIHarness.run(["plot", lines, "--x", "observation.k", "--y", "reward", "--out", lines + ".svg"]).status, 2)
        XCTAssertEqual(CLIHarness.run(["run", CLIHarness.quickstart, "--plot", lines + ".svg", "--plot-series", "nope"] + CLIHarness.small).status, 2)
    }

    func test_axis_niceTicks() {
        let axis = ChartAxis(covering: [0.13, 0.87])
        XCTAssertEqual(axis.step, 0.2)
        XCTAssertEqual(axis.low, 0)
        XCTAssertEqual(axis.high, 1, accuracy: 1e-12)
        XCTAssertEqual(axis.ticks.map(axis.label), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let flat = ChartAxis(covering: [5, 5, .nan])
        XCTAssertLessThan(flat.low, 5)
        XCTAssertGreaterThan(flat.high, 5)
        XCTAssertEqual(ChartAxis(covering: [-3, 1234]).step, 500)
        XCTAssertEqual(ChartAxis.niceStep(0.03), 0.05)
    }

    func test_svgEscapes_textAndAttributes() {
        var writer = SVGWriter()
        writer.element("text", ["data-x": "a\"<b>&"], text: "x < y & 'z'")
        XCTAssertEqual(writer.body, "<text data-x=\"a&quot;&lt;b&gt;&amp;\">x &lt; y &amp; &apos;z&apos;</text>\n")
    }
}
