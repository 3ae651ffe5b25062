import XCTest
@testable import Scenarios

/// The fast reader of a local population's answer takes exactly the plain form and hands everything
/// else to the general parser (which reports what is wrong); the act message lists every state.
final class ExternalProtocolPlainActionsTests: XCTestCase {
    func test_plainForm_isRead_withOrWithoutSpaces() {
        XCTAssertEqual(ExternalProtocol.plainActions(#"{"actions":[0,2,1]}"#, count: 3, limit: 3), [0, 2, 1])
        XCTAssertEqual(ExternalProtocol.plainActions(#"{ "actions" : [ 0, 2 ,1 ] } "#, count: 3, limit: 3), [0, 2, 1])
        XCTAssertEqual(ExternalProtocol.plainActions(#"{"actions":[]}"#, count: 0, limit: 3), [])
    }

    func test_anythingElse_isLeftToTheGeneralParser() {
        for line in [#"{"actions":[0,3,1]}"#, #"{"actions":[0,2]}"#, #"{"actions":[0,2,1,1]}"#, #"{"actions":[0,2,1]}x"#,
                     #"{"actions":[0,2,1],"extra":1}"#, #"{"actions":[0,-2,1]}"#, #"{"actions":[0,2.5,1]}"#, #"{"action":[0,2,1]}"#,
                     #"{"actions":[0,,1]}"#, #"{"actions":[0,2,1]"#, "", #"{"actions":[00001,2,1]}"#] {
            XCTAssertNil(ExternalProtocol.plainActions(line, count: 3, limit: 3), line)
        }
    }

    func test_actMessage_listsEveryState() throws {
        let text = ExternalProtocol.act(step: 4, globalState: 2, states: [0, 9, 10, 99, 100, 255])
        XCTAssertEqual(text, #"{"type":"act","step":4,"globalState":2,"states":[0,9,10,99,100,255]}"#)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }
}
