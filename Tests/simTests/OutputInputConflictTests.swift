import Foundation
import XCTest

/// No output may overwrite a file the scenario reads — the scenario, a CSV data file, a tables file,
/// a tabular policy `file:` — whatever its spelling: relative, `./`, `..`, a symbolic link, a hard link.
final class OutputInputConflictTests: XCTestCase {
    /// Every spelling of `target` (a path relative to the folder), after making the links.
    private func spellings(of target: String, in folder: IOFaultFolder) throws -> [String] {
        let name = (target as NSString).lastPathComponent
        try FileManager.default.createSymbolicLink(atPath: folder.file("soft-" + name), withDestinationPath: target)
        try FileManager.default.linkItem(atPath: folder.file(target), toPath: folder.file("hard-" + name))
        return [target, "./" + target, "data/../" + target, folder.file(target), "soft-" + name, "hard-" + name]
    }

    private func assertRefused(_ folder: IOFaultFolder, _ commands: [String], keeps input: String, line: UInt = #line) throws {
        let before = folder.bytes(input)
        for command in commands {
            let result = try folder.shell("\"$SIM\" \(command)" + (command.hasPrefix("train") ? "" : " --no-progress"))
            XCTAssertEqual(result.status, 2, "\(command): \(result.stderr)", line: line)
            XCTAssertTrue(result.stderr.contains("is the input file"), "\(command): \(result.stderr)", line: line)
        }
        XCTAssertEqual(folder.bytes(input), before, "\(input) was changed", line: line)
        XCTAssertEqual(try folder.temporaries(), [], line: line)
    }

    func testOutputNamingTheCSVInputIsRefused() throws {
        let folder = try IOFaultFolder(self)
        let commands = try spellings(of: "data/series.csv", in: folder).flatMap { path in
            ["run csv.json5 --policy memoa --out '\(path)'", "run csv.json5 --policy memoa --trace '\(path)'",
             "run csv.json5 --policy memoa --plot '\(path)'", "compare csv.json5 --seeds 1 --csv '\(path)'",
             "sweep csv.json5 --set seed=1,2 --seeds 1 --out '\(path)'"]
        }
        try assertRefused(folder, commands, keeps: "data/series.csv")
    }

    /// A swept `world.path` names another data file: an output naming it is refused too.
    func testOutputNamingASweptCSVInputIsRefused() throws {
        let folder = try IOFaultFolder(self)
        try FileManager.default.copyItem(atPath: folder.file("data/series.csv"), toPath: folder.file("data/other.csv"))
        try assertRefused(folder, ["sweep csv.json5 --set world.path=data/series.csv,data/other.csv --seeds 1 --out data/other.csv"],
                          keeps: "data/other.csv")
    }

    func testOutputNamingTheTablesFileIsRefused() throws {
        let folder = try IOFaultFolder(self)
        let commands = try spellings(of: "tables.json", in: folder).flatMap { path in
            ["run tab.json5 --policy random --out '\(path)'", "compare tab.json5 --policies random --seeds 1 --json '\(path)'",
             "train tab.json5 --policy learned --out '\(path)'"]
        }
        try assertRefused(folder, commands, keeps: "tables.json")
    }

    /// Retraining into the policy file the scenario deploys would overwrite an input.
    func testOutputNamingATabularPolicyFileIsRefused() throws {
        let folder = try IOFaultFolder(self)
        let trained = try folder.shell("\"$SIM\" train tab.json5 --policy learned --out p.json")
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let deploy = "--set 'policies.deployed={kind: \"tabular\", file: \"p.json\"}'"
        let commands = try spellings(of: "p.json", in: folder).flatMap { path in
            ["train tab.json5 \(deploy) --policy learned --out '\(path)'", "run tab.json5 \(deploy) --policy deployed --out '\(path)'"]
        }
        try assertRefused(folder, commands, keeps: "p.json")
    }
}
