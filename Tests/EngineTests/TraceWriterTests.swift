import Engine
import XCTest

final class TraceWriterTests: XCTestCase {
    private let record = TraceRecord(time: 3, sequence: 17, kind: "globalStep", agent: nil,
                                     payload: [("action", .int(2)), ("mu", .doubles([0.5, 0.25])), ("tag", .string("a\"b"))])

    func test_jsonLine_hasTheDesignFieldsInOrder() throws {
        var writer = JSONLinesTraceWriter(output: MemoryOutput())
        try writer.record(record)
        XCTAssertEqual(writer.output.text, "{\"t\":3,\"seq\":17,\"kind\":\"globalStep\",\"agent\":null,\"action\":2,\"mu\":[0.5,0.25],\"tag\":\"a\\\"b\"}\n")
    }

    func test_textLine_isCompact() throws {
        var writer = TextTraceWriter(output: MemoryOutput())
        try writer.record(record)
        XCTAssertEqual(writer.output.text, "t=3 #17 globalStep agent=- action=2 mu=[0.5,0.25] tag=a\"b\n")
    }

    func test_filter_byKindAgentAndWindow() throws {
        var writer = JSONLinesTraceWriter(output: MemoryOutput(), filter: TraceFilter(kinds: ["observe"], agents: 2...3, window: 1...5))
        for (t, kind, agent) in [(1.0, "observe", 2), (1.0, "observe", 9), (6.0, "observe", 2), (2.0, "policyStep", 2), (4.0, "observe", 3)] {
            try writer.record(TraceRecord(time: t, sequence: 0, kind: kind, agent: agent))
        }
        XCTAssertEqual(writer.output.text.split(separator: "\n").count, 2)
    }
}
