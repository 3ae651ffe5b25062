import Agents
import Engine
import Scenarios
import XCTest

/// A world model that does not opt in to ``CheckpointableState`` is refused clearly, not half-saved.
final class CheckpointSupportTests: XCTestCase {
    struct PlainModel: SessionModel {
        mutating func handle(_ event: Event, context: inout EventContext) throws {}
        mutating func finishRun() {}
        var metricSummaries: [(name: String, stats: RunningStats)] { [] }
        var stepSeries: [StepSeries] { [] }
        func inspectGlobal() -> [(String, String)] { [] }
        func inspectAgent(_ agent: Int) -> [(String, String)]? { nil }
        func inspectMeanField() -> [(String, String)] { [] }
    }

    func test_modelWithoutCheckpointableState_isUnsupported() {
        var session = EngineSession(model: PlainModel(), schedules: ScheduleTable([(.worldTick, .everyTick)], seed: 1, agents: 1),
                                    endTime: 5, metrics: nil)
        XCTAssertFalse(session.supportsCheckpoints)
        var writer = StateWriter()
        XCTAssertThrowsError(try session.saveState(into: &writer)) { error in
            guard case .unsupported? = error as? CheckpointError else { return XCTFail("\(error)") }
        }
        var reader = StateReader([])
        XCTAssertThrowsError(try session.restoreState(from: &reader))
    }
}
