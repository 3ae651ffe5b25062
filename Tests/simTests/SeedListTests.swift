import XCTest
@testable import sim

final class SeedListTests: XCTestCase {
    func test_parse_rangesListsAndMixes() throws {
        XCTAssertEqual(try SeedList.parse("1..5"), [1, 2, 3, 4, 5])
        XCTAssertEqual(try SeedList.parse("7"), [7])
        XCTAssertEqual(try SeedList.parse("3,1,9"), [3, 1, 9])
        XCTAssertEqual(try SeedList.parse("1..3,10..11"), [1, 2, 3, 10, 11])
    }

    func test_parse_rejectsBadPieces_quotingThem() {
        for bad in ["", "a", "5..1", "1..", "1...3", "1,,2", "1..3,2", "9007199254740993"] {
            XCTAssertThrowsError(try SeedList.parse(bad), "'\(bad)'") { error in
                XCTAssertTrue("\(error)".hasPrefix("option '--seeds'"), "\(error)")
            }
        }
    }
}
