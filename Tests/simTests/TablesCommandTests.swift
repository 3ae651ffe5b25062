import Agents
import XCTest

/// `sim tables`: the printed order is the one tabular policy tables use (``CountVectorSpace``), checked
/// against an independent enumeration; look-ups go both ways; bad sizes are usage errors.
final class TablesCommandTests: XCTestCase {
    func test_listing_isEveryCountVectorOnce_inRankOrder() throws {
        let result = CLIHarness.run(["tables", "--k", "3", "--states", "4"])
        XCTAssertEqual(result.status, 0, result.err)
        let rows = result.out.split(separator: "\n").dropFirst().map { line -> (Int, [Int]) in
            let parts = line.split(separator: ":")
            return (Int(parts[0])!, parts[1].trimmingCharacters(in: .whitespaces).split(separator: ",").map { Int($0)! })
        }
        // Independent enumeration: every vector of 4 non-negative entries summing to 3.
        var all: Set<[Int]> = []
        for a in 0...3 { for b in 0...(3 - a) { for c in 0...(3 - a - b) { all.insert([a, b, c, 3 - a - b - c]) } } }
        XCTAssertEqual(rows.map(\.0), Array(0..<20))
        XCTAssertEqual(Set(rows.map(\.1)), all)
        XCTAssertEqual(rows[0].1, [0, 0, 0, 3], "rank 0 is (0, …, 0, k)")
        let space = CountVectorSpace(k: 3, states: 4)
        for (rank, counts) in rows { XCTAssertEqual(space.rank(counts), rank) }
    }

    func test_lookups_goBothWays() {
        XCTAssertEqual(CLIHarness.run(["tables", "--k", "20", "--states", "5", "--counts", "0,20,0,0,0"]).out,
                       "rank 10605 of 10626: counts 0,20,0,0,0\n")
        XCTAssertEqual(CLIHarness.run(["tables", "--k", "20", "--states", "5", "--rank", "10605"]).out,
                       "rank 10605 of 10626: counts 0,20,0,0,0\n")
    }

    func test_badRequests_areUsageErrors() {
        for arguments in [["--k", "2"], ["--k", "2", "--states", "0"], ["--k", "2", "--states", "3", "--counts", "1,1"],
                          ["--k", "2", "--states", "3", "--rank", "6"], ["--k", "30", "--states", "12"],
                          ["--k", "2", "--states", "3", "--rank", "1", "--counts", "2,0,0"], ["--k", "2", "--states", "3", "--counts", "a,b,c"]] {
            let result = CLIHarness.run(["tables"] + arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.err)")
            XCTAssertEqual(result.err.split(separator: "\n").first.map { $0.hasPrefix("Error:") }, true, result.err)
        }
    }

    func test_size_matchesTheBinomialAndRefusesOverflow() {
        XCTAssertEqual(CountVectorSpace.size(k: 30, states: 5), 46_376)
        XCTAssertEqual(CountVectorSpace.size(k: 20, states: 5), CountVectorSpace(k: 20, states: 5).count)
        XCTAssertEqual(CountVectorSpace.size(k: 0, states: 7), 1)
        XCTAssertNil(CountVectorSpace.size(k: 1_000_000, states: 200))
    }
}
