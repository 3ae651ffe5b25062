import Foundation
import Scenarios
import SimTestSupport
import XCTest

/// `AtomicFile.write` leaves exactly the destination in its folder, whether it succeeds or fails.
final class AtomicFileTests: XCTestCase {
    private lazy var folder = makeTemporaryDirectory()

    private func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }

    func test_write_fileHasExactContent() throws {
        let text = "a,b\n1,2\nµ → ∞, no final newline"
        try AtomicFile.write(text, to: folder.file("r.csv"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder.file("r.csv"))), Data(text.utf8))
    }

    func test_write_overExistingFile_replacesIt() throws {
        let path = folder.write("r.json", String(repeating: "old ", count: 100))
        try AtomicFile.write("new", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
    }

    func test_write_leavesNoTemporaryFileBeside() throws {
        try AtomicFile.write("first", to: folder.file("r.json"))
        try AtomicFile.write("second", to: folder.file("r.json"))
        XCTAssertEqual(try entries(), ["r.json"])
    }

    func test_write_intoMissingFolder_throwsNamingPathAndReason_andCreatesNothing() throws {
        let path = folder.file("missing/r.json")
        XCTAssertThrowsError(try AtomicFile.write("x", to: path)) { error in
            XCTAssertTrue("\(error)".contains(path), "\(error)")
            XCTAssertTrue("\(error)".contains("the folder '\(folder.file("missing"))' does not exist"), "\(error)")
        }
        XCTAssertEqual(try entries(), [])
    }

    func test_write_ontoAFolder_throws_andRemovesItsTemporaryFile() throws {
        // The temporary file is written before the rename fails (a file cannot replace a folder).
        try FileManager.default.createDirectory(atPath: folder.file("r.json"), withIntermediateDirectories: false)
        XCTAssertThrowsError(try AtomicFile.write("x", to: folder.file("r.json")))
        XCTAssertEqual(try entries(), ["r.json"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.file("r.json")), [])
    }

    /// Raw Foundation errors never reach the user: one line naming the path and the cause.
    func testWriteErrorsNameThePathAndTheCause() throws {
        try FileManager.default.createDirectory(atPath: folder.file("dir"), withIntermediateDirectories: false)
        let plain = folder.write("plain", "x")
        let cases: [(path: String, cause: String)] = [
            (folder.file("missing/r.json"), "the folder '\(folder.file("missing"))' does not exist"),
            (folder.file("dir"), "it is a folder; give a file path"),
            (plain + "/r.json", "a part of the path is a file, not a folder"),
            ("/dev/full", "no space left on the device"),
        ]
        for (path, cause) in cases {
            XCTAssertThrowsError(try AtomicFile.write(String(repeating: "x", count: 10_000), to: path)) { error in
                XCTAssertEqual("\(error)", "cannot write '\(path)': \(cause)")
            }
        }
        XCTAssertEqual(try entries(), ["dir", "plain"])
    }
}
