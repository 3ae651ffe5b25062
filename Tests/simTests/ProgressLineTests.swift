import XCTest
@testable import sim

final class ProgressLineTests: XCTestCase {
    func test_render_showsPercentRunAndETA() {
        XCTAssertEqual(ProgressLine.render(label: "compare", done: 7.5, total: 30, elapsed: 15),
                       "compare   25.0%  run 8/30  elapsed 0:15  ETA 0:45")
        XCTAssertEqual(ProgressLine.render(label: "sweep", done: 0, total: 4, elapsed: 0),
                       "sweep    0.0%  run 1/4  elapsed 0:00  ETA --:--")
        XCTAssertEqual(ProgressLine.render(label: "run", done: 1, total: 1, elapsed: 3725),
                       "run  100.0%  run 1/1  elapsed 1:02:05  ETA 0:00")
    }

    func test_disabled_writesNothing() {
        var console = Console.capture
        var line = ProgressLine(label: "run", total: 3, enabled: ProgressLine.wanted(true, console: console))
        line.update(done: 1, console: &console)
        line.finish(console: &console)
        XCTAssertEqual(console.capturedErr, "")
    }

    func test_enabled_redrawsInPlace_andErases() {
        var console = Console.capture
        var line = ProgressLine(label: "run", total: 2, enabled: true)
        line.update(done: 1, console: &console)
        XCTAssertTrue(console.capturedErr.hasPrefix("\rrun   50.0%  run 2/2"), console.capturedErr)
        line.finish(console: &console)
        XCTAssertTrue(console.capturedErr.hasSuffix("\r"), console.capturedErr)
        XCTAssertFalse(console.capturedErr.contains("\n"))
    }
}
