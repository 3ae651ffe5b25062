import Foundation
import SimTestSupport
import XCTest
@testable import sim

/// Each sweep output records its sweep's identity in a header line; `sim merge` refuses outputs of
/// different sweeps and reports the missing runs per shard; a shard resumes only its own file.
final class SweepIdentityTests: XCTestCase {
    private let base = ["sweep", CLIHarness.quickstart, "--set", "observation.k=1,5", "--set", "world.localAgents=40",
                        "--set", "episodes=1", "--set", "horizon=5", "--seeds", "1..4"]

    private func shards(_ folder: TemporaryDirectory, _ arguments: [String], prefix: String = "s") -> [String] {
        (1...3).map { i in
            let path = folder.file("\(prefix)\(i).jsonl")
            let result = CLIHarness.run(arguments + ["--shard", "\(i)/3", "--out", path])
            XCTAssertEqual(result.status, 0, result.err)
            return path
        }
    }

    /// Fault: merge blended shard 1 of one sweep with shards 2–3 of another ("none missing or duplicated").
    func test_mergeOfShardsOfDifferentSweeps_isRefused_namingTheDifference() throws {
        let folder = makeTemporaryDirectory()
        let mine = shards(folder, base)
        let other = shards(folder, base.dropLast() + ["1..3"], prefix: "o")
        let mixed = CLIHarness.run(["merge", mine[0], other[1], other[2]])
        XCTAssertEqual(mixed.status, 2, mixed.err)
        XCTAssertTrue(mixed.err.contains("is output of another sweep than '\(mine[0])' (seeds [1, 2, 3] vs [1, 2, 3, 4])"), mixed.err)
        let scenario = folder.write("edited.json5", try String(contentsOfFile: CLIHarness.quickstart, encoding: .utf8) + "\n// edited\n")
        let edited = shards(folder, ["sweep", scenario] + base.dropFirst(2), prefix: "e")
        let digest = CLIHarness.run(["merge", mine[0], mine[1], edited[2]])
        XCTAssertEqual(digest.status, 2, digest.err)
        XCTAssertTrue(digest.err.contains("scenarioDigest"), "same name, same axes, another scenario file: \(digest.err)")
    }

    /// Fault: merge silently dropped metrics missing from the first shard.
    func test_mergeWithMetricsMissingFromFirstShard_isRefused_notDropped() throws {
        let folder = makeTemporaryDirectory()
        let one = shards(folder, base + ["--metrics", "discountedReturn"], prefix: "one")
        let both = shards(folder, base)
        let mixed = CLIHarness.run(["merge", one[0], both[1], both[2]])
        XCTAssertEqual(mixed.status, 2, mixed.err)
        XCTAssertTrue(mixed.err.contains(#"(metrics ["discountedReturn", "modeAccuracy"] vs ["discountedReturn"])"#), mixed.err)
        // A line edited to lose a metric is refused too, naming its file and line.
        let lines = try String(contentsOfFile: both[1], encoding: .utf8).split(separator: "\n").map(String.init)
        let cut = lines[2].replacingOccurrences(of: #","modeAccuracy":"#, with: #","x":"#)
        try ([lines[0], lines[1], cut] + lines.dropFirst(3)).joined(separator: "\n").appending("\n").write(toFile: both[1], atomically: true, encoding: .utf8)
        let edited = CLIHarness.run(["merge"] + both)
        XCTAssertEqual(edited.status, 2, edited.err)
        XCTAssertTrue(edited.err.contains("\(both[1]):3: metrics:"), edited.err)
    }

    func test_merge_namesTheMissingRunsPerShard() throws {
        let folder = makeTemporaryDirectory()
        let paths = shards(folder, base)
        var lines = try String(contentsOfFile: paths[1], encoding: .utf8).split(separator: "\n").map(String.init)
        let lost = try SweepRecordLine(lines.removeLast())
        try lines.joined(separator: "\n").appending("\n").write(toFile: paths[1], atomically: true, encoding: .utf8)
        let result = CLIHarness.run(["merge", paths[0], paths[1]])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(result.err.contains("9 run(s) missing:\n  \(paths[1]) (shard 2/3): 1 of its 8 run(s) missing"), result.err)
        XCTAssertTrue(result.err.contains("    " + lost.key), "the lost run is named: \(result.err)")
        XCTAssertTrue(result.err.contains("  shard 3/3: no file given (8 run(s)"), result.err)
    }

    func test_merge_refusesFilesWithoutHeaderOrWithAnUnfinishedLine() throws {
        let folder = makeTemporaryDirectory()
        let paths = shards(folder, base)
        let text = try String(contentsOfFile: paths[0], encoding: .utf8)
        let headerless = folder.write("old.jsonl", text.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n")
        let old = CLIHarness.run(["merge", headerless, paths[1], paths[2]])
        XCTAssertEqual(old.status, 2)
        XCTAssertTrue(old.err.contains("has no sweep header line"), old.err)
        let torn = folder.write("torn.jsonl", text + #"{"point":{"observation.k":5,"#)
        let unfinished = CLIHarness.run(["merge", torn, paths[1], paths[2]])
        XCTAssertEqual(unfinished.status, 2)
        XCTAssertTrue(unfinished.err.contains("torn.jsonl:10: the last line is unfinished"), unfinished.err)
    }

    func test_resume_skipsWrittenRuns_andCutsAnUnfinishedLine() throws {
        let folder = makeTemporaryDirectory()
        let whole = folder.file("whole.jsonl"), part = folder.file("part.jsonl")
        XCTAssertEqual(CLIHarness.run(base + ["--shard", "2/3", "--out", whole]).status, 0)
        let lines = try String(contentsOfFile: whole, encoding: .utf8).split(separator: "\n").map(String.init)
        // Three runs written, and a fourth cut off mid-line (a writer killed while appending).
        try (lines.prefix(4).joined(separator: "\n") + "\n" + lines[4].prefix(30)).write(toFile: part, atomically: true, encoding: .utf8)
        let resumed = CLIHarness.run(base + ["--shard", "2/3", "--out", part])
        XCTAssertEqual(resumed.status, 0, resumed.err)
        XCTAssertTrue(resumed.err.contains("3 of 8 runs already written; running the other 5"), resumed.err)
        XCTAssertEqual(try String(contentsOfFile: part, encoding: .utf8), try String(contentsOfFile: whole, encoding: .utf8))
        let again = CLIHarness.run(base + ["--shard", "2/3", "--out", part])
        XCTAssertTrue(again.err.contains("8 of 8 runs already written; running the other 0"), again.err)
        XCTAssertEqual(try String(contentsOfFile: part, encoding: .utf8), try String(contentsOfFile: whole, encoding: .utf8))
    }

    /// A line of another sweep or shard is an error, and the file is left as it was.
    func test_resume_refusesAnotherSweepsOrShardsFile_leavingItUntouched() throws {
        let folder = makeTemporaryDirectory()
        let path = folder.file("s.jsonl")
        XCTAssertEqual(CLIHarness.run(base + ["--shard", "1/3", "--out", path]).status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let otherShard = CLIHarness.run(base + ["--shard", "2/3", "--out", path])
        XCTAssertEqual(otherShard.status, 2)
        XCTAssertTrue(otherShard.err.contains("holds output of another sweep (this command's vs the file's: shard 2/3 vs 1/3)"), otherShard.err)
        let otherSweep = CLIHarness.run(base.dropLast(2) + ["--shard", "1/3", "--seeds", "1..5", "--out", path])
        XCTAssertEqual(otherSweep.status, 2)
        XCTAssertTrue(otherSweep.err.contains("seeds [1, 2, 3, 4, 5] vs [1, 2, 3, 4]"), otherSweep.err)
        let directory = CLIHarness.run(base + ["--out", folder.path])
        XCTAssertEqual(directory.status, 2)
        XCTAssertTrue(directory.err.contains("is not a regular file") || directory.err.contains("it is a folder"), directory.err)
        let notSweep = folder.write("notes.txt", "hello\n")
        let plain = CLIHarness.run(base + ["--out", notSweep])
        XCTAssertEqual(plain.status, 2)
        XCTAssertTrue(plain.err.contains("not a JSON object") || plain.err.contains("is not a sweep output"), plain.err)
        // A run of shard 2 pasted into shard 1's file.
        let shard2 = folder.file("s2.jsonl")
        XCTAssertEqual(CLIHarness.run(base + ["--shard", "2/3", "--out", shard2]).status, 0)
        let foreign = try String(contentsOfFile: shard2, encoding: .utf8).split(separator: "\n")[1]
        try (String(decoding: before, as: UTF8.self) + foreign + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let pasted = CLIHarness.run(base + ["--shard", "1/3", "--out", path])
        XCTAssertEqual(pasted.status, 2)
        XCTAssertTrue(pasted.err.contains("s.jsonl:10: run") && pasted.err.contains("is not in shard 1/3"), pasted.err)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), String(decoding: before, as: UTF8.self) + foreign + "\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }, [])
    }

    func test_sbatch_printsAnArrayAndAMergeJobThatDependsOnIt() throws {
        let folder = makeTemporaryDirectory()
        let out = folder.file("k.jsonl")
        let result = CLIHarness.run(base + ["--sbatch", "--out", out, "--array-size", "3", "--partition", "short", "--time", "0:30:00", "--cpus", "2"])
        XCTAssertEqual(result.status, 0, result.err)
        let script = result.out
        for piece in ["#SBATCH --array=1-3", "#SBATCH --cpus-per-task=2", "#SBATCH --partition=short", "#SBATCH --time=0:30:00",
                      "--shard auto --out \"\(folder.path)/k-shard-${SLURM_ARRAY_TASK_ID}.jsonl\"", "--seeds '1..4'",
                      "--set 'observation.k=1,5'", "--dependency=afterok:\"$array_job\"", "merge \"${files[@]}\" --out '\(out)'",
                      "for i in $(seq 1 3)", "#SBATCH --requeue"] {
            XCTAssertTrue(script.contains(piece), "missing \(piece) in\n\(script)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "--sbatch runs nothing")
        XCTAssertFalse(script.contains("--data"), "no data folder given")
        var withData = SweepCommand(options: try SweepOptions(ArgumentTokens(Array(base.dropFirst()) + ["--sbatch", "--out", out],
                                                                             command: "sweep", valued: SweepOptions.valued, flags: SweepOptions.flags)))
        withData.environment = ["SIM_DATA": "/data/series"]
        var console = Console.capture
        try withData.execute(console: &console)
        XCTAssertTrue(console.capturedOut.contains("--no-progress --data '/data/series'"), "the tasks get the data folder: \(console.capturedOut)")
        let syntax = Process()
        syntax.executableURL = URL(fileURLWithPath: "/bin/bash")
        syntax.arguments = ["-n", folder.write("submit.sh", script)]
        try syntax.run()
        syntax.waitUntilExit()
        XCTAssertEqual(syntax.terminationStatus, 0, "bash -n accepts the script")
        XCTAssertEqual(CLIHarness.run(base + ["--sbatch", "--out", out, "--array-size", "99"]).status, 2, "more tasks than runs")
        XCTAssertEqual(CLIHarness.run(base + ["--sbatch"]).status, 2, "--sbatch needs --out")
        XCTAssertEqual(CLIHarness.run(base + ["--sbatch", "--out", out, "--shard", "1/2"]).status, 2)
        XCTAssertEqual(CLIHarness.run(base + ["--time", "1:00"]).status, 2, "--time needs --sbatch")
        XCTAssertEqual(CLIHarness.run(base + ["--sbatch", "--out", folder.file("a b.jsonl")]).status, 2, "no spaces in #SBATCH paths")
    }
}

/// The run key of a sweep line, for tests that look for it in messages.
private struct SweepRecordLine {
    let key: String
    init(_ line: String) throws {
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let point = try XCTUnwrap(object["point"] as? [String: Any])
        let fields = ["observation.k", "world.localAgents", "episodes", "horizon"].map { "\"\($0)\":\(point[$0]!)" }.joined(separator: ",")
        key = "{\"point\":{\(fields)},\"policy\":\"\(object["policy"]!)\",\"seed\":\(object["seed"]!)}"
    }
}
