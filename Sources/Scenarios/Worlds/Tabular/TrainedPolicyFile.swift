import Agents
import Engine
import Foundation

/// A learned tabular policy as written by `sim train` and read by `tabular` policies with `file:`
///.
///
/// Format (version 1), one JSON object:
/// `{"format": "meanfield-sim/tabular-policy", "formatVersion": 1, "scenario": S, "policy": P,
///   "kind": K, "k": k, "seed": N, "countOrder": "combinatorial", "globalStates": .., "globalActions": ..,
///   "localStates": .., "localActions": .., "global": [[a_g per count rank] per s_g],
///   "local": [[[π_l(a | s_g, s_l)]]], "training": {"value": x | null, "seconds": x, "log": [..],
///   "samples": N | null, "curves": [{"quantity": Q, "learner": L, "unit": U, "x": [..], "y": [..]}]}}`.
/// `samples` and `curves` are optional when read (files written before they existed).
/// Count ranks follow ``CountVectorSpace`` (combinatorial number system, rank 0 = (0, …, 0, k)).
/// Numbers use the shortest round-trip form, so a read file holds bit-identical tables.
public struct TrainedPolicyFile: Sendable, Equatable {
    public static let format = "meanfield-sim/tabular-policy"
    public static let formatVersion = 1

    public var scenario: String, policy: String, kind: String
    public var k: Int, seed: UInt64
    public var globalStates: Int, globalActions: Int, localStates: Int, localActions: Int
    /// a_g flat `[s_g][rank]`.
    public var globalTable: [Int]
    /// π_l flat `[s_g][s_l][a_l]`.
    public var localTable: [Double]
    /// What training reported (not used when the policy is loaded).
    public var value: Double?, seconds: Double, log: [String]
    /// Sampled transitions used (`subsample-mfq`), and the learning curves.
    public var samples: Int?, curves: [TrainingCurve]

    /// The runtime tables. Both `sim run` with a learned kind and `tabular` with `file:` build their
    /// tables here, from the same numbers, so they run identically.
    public func deployable(kind runtimeKind: String) -> (global: TabularGlobalPolicy, local: LocalPolicyTable) {
        let space = CountVectorSpace(k: k, states: localStates)
        return (TabularGlobalPolicy(space: space, actions: globalTable),
                LocalPolicyTable(kind: runtimeKind, globalStates: globalStates, localStates: localStates,
                                 actions: localActions, probabilities: localTable))
    }

    /// The JSON text: header fields one per line, each table row on one line.
    public func rendered() -> String {
        let count = globalTable.count / max(globalStates, 1)
        let globalRows = (0..<globalStates).map { sg in
            "    [" + globalTable[(sg * count)..<((sg + 1) * count)].map(String.init).joined(separator: ",") + "]"
        }
        let localRows = (0..<globalStates).map { sg in
            "    [" + (0..<localStates).map { sl in
                let start = (sg * localStates + sl) * localActions
                return "[" + localTable[start..<(start + localActions)].map(JSONText.number).joined(separator: ",") + "]"
            }.joined(separator: ",") + "]"
        }
        let header: [(String, String)] = [
            ("format", JSONText.string(Self.format)), ("formatVersion", String(Self.formatVersion)),
            ("scenario", JSONText.string(scenario)), ("policy", JSONText.string(policy)), ("kind", JSONText.string(kind)),
            ("k", String(k)), ("seed", String(seed)), ("countOrder", JSONText.string("combinatorial")),
            ("globalStates", String(globalStates)), ("globalActions", String(globalActions)),
            ("localStates", String(localStates)), ("localActions", String(localActions)),
        ]
        var lines = header.map { "  \(JSONText.string($0.0)): \($0.1)," }
        lines.append("  \"global\": [\n" + globalRows.joined(separator: ",\n") + "\n  ],")
        lines.append("  \"local\": [\n" + localRows.joined(separator: ",\n") + "\n  ],")
        let curveLines = curves.map { c in
            "      {\"quantity\": \(JSONText.string(c.quantity)), \"learner\": \(JSONText.string(c.learner)), \"unit\": \(JSONText.string(c.unit)), "
                + "\"x\": [" + c.x.map(JSONText.number).joined(separator: ",") + "], \"y\": [" + c.y.map(Self.curveNumber).joined(separator: ",") + "]}"
        }
        let training = "{\"value\": \(value.map(JSONText.number) ?? "null"), \"seconds\": \(JSONText.number(seconds)), "
            + "\"log\": [" + log.map(JSONText.string).joined(separator: ", ") + "], \"samples\": \(samples.map(String.init) ?? "null"),\n"
            + "    \"curves\": [\n" + curveLines.joined(separator: ",\n") + "\n    ]}"
        lines.append("  \"training\": " + training)
        return "{\n" + lines.joined(separator: "\n") + "\n}\n"
    }
}

extension TrainedPolicyFile {
    /// A curve value in JSON: non-finite values (a residual before the first sweep) become null.
    static func curveNumber(_ value: Double) -> String { value.isFinite ? JSONText.number(value) : "null" }

    /// The file of a trained policy.
    public init(trained: TabularLearnerSpec.Trained, spec: TabularLearnerSpec, scenario: String, policy: String, game: TabularGame) {
        self.scenario = scenario
        self.policy = policy
        kind = spec.kind
        k = spec.k
        seed = spec.seed
        globalStates = game.globalStates
        globalActions = game.globalActions
        localStates = game.localStates
        localActions = game.localActions
        globalTable = trained.global.actions.map(Int.init)
        localTable = trained.local.probabilities
        value = trained.value
        seconds = trained.seconds
        log = trained.log
        samples = trained.samples
        curves = trained.curves
    }
}
