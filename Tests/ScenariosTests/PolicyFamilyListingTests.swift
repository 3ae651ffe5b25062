import XCTest
import Agents
@testable import Scenarios

/// `sim list policies` is built from the policy types' own descriptions: every world lists each family
/// once, by the kind and summary its type declares, and the learned families name their trainers.
final class PolicyFamilyListingTests: XCTestCase {
    func test_worldListings_comeFromThePolicyTypes() {
        let expected: [String: [PolicyFamily]] = [
            TabularBuilder.ringZonesKind: [RandomGlobalPolicy.family, ModeDispatchPolicy.family, TabularGlobalPolicy.family,
                                           ExternalGlobalPolicy.family, GLearn.family, AlternatingMARL.family, SubsampleMFQ.family],
            RobotsContinuousScenarioWorld.worldKind: [RandomGlobalPolicy.family, ModeDispatchPolicy.family, ExternalGlobalPolicy.family,
                                                      GLearn.family, AlternatingMARL.family],
            FedOptScenarioWorld.worldKind: [FedAvgPolicy.family, ExternalFedOptPolicy.family, GLearn.family, AlternatingMARL.family],
        ]
        for (world, families) in expected {
            let listed = WorldRegistry.standard.world(world)?.policies ?? []
            XCTAssertEqual(listed.map(\.kind), families.map(\.kind), world)
            XCTAssertEqual(listed.map(\.summary), families.map(\.summary), world)
        }
        let all = WorldRegistry.standard.policies
        XCTAssertEqual(all.count, Set(all.map(\.kind)).count, "each kind is listed once")
        XCTAssertEqual(all.first { $0.kind == ModeDispatchPolicy.family.kind }?.worlds,
                       [TabularBuilder.ringZonesKind, TabularBuilder.explicitTablesKind, RobotsContinuousScenarioWorld.worldKind])
    }

    func test_learnedReaders_nameTheirTrainer() {
        let readers = TabularPolicyBuilder.readers.map { ($0.family.kind, $0.learner) }
            + RobotsContinuousBuilder.readers.map { ($0.family.kind, $0.learner) } + FedOptBuilder.readers.map { ($0.family.kind, $0.learner) }
        for (kind, learner) in readers {
            XCTAssertEqual(learner, TabularLearner(kind: kind), kind)
        }
        XCTAssertEqual(TabularLearner.allCases.map { TabularLearner(kind: $0.family.kind) }, TabularLearner.allCases)
        XCTAssertEqual(readers.compactMap(\.1).count, 3 + 2 + 2)
    }
}
