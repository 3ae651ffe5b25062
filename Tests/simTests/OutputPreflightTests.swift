import Foundation
import XCTest

/// Outputs and output options are checked before the first event: a run that would take hours
/// (episodes=10^6) is refused at once with exit 2.
final class OutputPreflightTests: XCTestCase {
    private let long = "--set episodes=1000000 --no-progress"

    private func assertRefusedAtOnce(_ folder: IOFaultFolder, _ commands: [String], saying text: String, line: UInt = #line) throws {
        for command in commands {
            let result = try folder.shell("exec \"$SIM\" \(command)", timeout: 20)
            XCTAssertEqual(result.status, 2, "\(command): \(result.stderr)", line: line)
            XCTAssertTrue(result.stderr.contains(text), "\(command): \(result.stderr)", line: line)
        }
        XCTAssertEqual(try folder.temporaries(), [], line: line)
    }

    func testMissingOutputFolderIsRefusedBeforeAnyWork() throws {
        let folder = try IOFaultFolder(self)
        try assertRefusedAtOnce(folder, [
            "run q.json5 \(long) --out nodir/r.json", "run q.json5 --policy random \(long) --trace nodir/t.jsonl",
            "run q.json5 \(long) --plot nodir/p.svg", "run q.json5 --policy random \(long) --checkpoint nodir/c.ckpt",
            "compare q.json5 \(long) --json nodir/c.json", "compare q.json5 \(long) --csv nodir/c.csv",
            "compare q.json5 \(long) --plot nodir/c.svg", "sweep q.json5 --set seed=1,2 \(long) --out nodir/s.jsonl",
            "train tab.json5 --policy learned --set episodes=1000000 --out nodir/p.json",
            "tune csv.json5 --policy greedy --grid gamma=1,2 --on seed=2 --seeds 1..100000 --out nodir/t.txt --no-progress",
        ], saying: "the folder 'nodir' does not exist")
    }

    /// A one-character output name (`--out 1`, `--trace=t`) crashed the output check.
    func testOneCharacterOutputNamesAreWritten() throws {
        let folder = try IOFaultFolder(self)
        let result = try folder.shell("exec \"$SIM\" run q.json5 --policy random --set episodes=1 --set horizon=4 --out=1 --trace t --no-progress",
                                      timeout: 20)
        XCTAssertEqual(result.status, 0, result.stderr)
        for name in ["1", "t"] { XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path + "/" + name), name) }
    }

    /// `sim tune --out` was written only after every grid point had run.
    func testTuneOutIsCheckedBeforeTheGridRuns() throws {
        let folder = try IOFaultFolder(self)
        let tune = "tune csv.json5 --policy greedy --grid gamma=1,2 --on seed=2 --seeds 1..100000 --no-progress"
        try assertRefusedAtOnce(folder, ["\(tune) --out data"], saying: "cannot write 'data': it is a folder")
        try assertRefusedAtOnce(folder, ["\(tune) --out data/series.csv", "\(tune) --out ./data/../data/series.csv"],
                                saying: "is the input file")
    }

    func testOutputThatIsAFolderIsRefusedBeforeAnyWork() throws {
        let folder = try IOFaultFolder(self)
        try assertRefusedAtOnce(folder, ["run q.json5 \(long) --out data", "compare q.json5 \(long) --json data",
                                         "sweep q.json5 --set seed=1,2 \(long) --out data"],
                                saying: "cannot write 'data': it is a folder")
    }

    func testOutputInsideAFileIsRefusedBeforeAnyWork() throws {
        let folder = try IOFaultFolder(self)
        try assertRefusedAtOnce(folder, ["run q.json5 \(long) --out q.json5/r.json"], saying: "cannot write 'q.json5/r.json'")
    }

    func testUnknownPlotSeriesIsRefusedBeforeAnyWork() throws {
        let folder = try IOFaultFolder(self)
        try assertRefusedAtOnce(folder, ["run q.json5 \(long) --plot p.svg --plot-series nosuch"], saying: "--plot-series")
    }

    func testTwoOutputsNamingOneFileAreRefused() throws {
        let folder = try IOFaultFolder(self)
        try assertRefusedAtOnce(folder, ["run q.json5 --policy random \(long) --out r.json --trace ./r.json",
                                         "compare q.json5 \(long) --json c.json --csv data/../c.json"],
                                saying: "both name")
    }
}
