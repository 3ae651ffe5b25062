import Agents
import Foundation

extension TrainedPolicyFile {
    /// Reads and validates a policy file; errors name the policy file and the field.
    /// - Throws: ``ScenarioError``.
    public static func read(file: String) throws -> TrainedPolicyFile {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigContext(file: file).issue("", "cannot read the policy file", value: .string(file),
                                                  hint: "write it with 'sim train FILE --policy NAME --out \(file)'")
        }
        let source = try ScenarioSource(data: data, file: file)
        var root = try ObjectReader(source.tree, path: "", context: source.context)
        _ = try root.string("format", oneOf: [format])
        _ = try root.int("formatVersion", in: formatVersion...formatVersion)
        _ = try root.string("countOrder", oneOf: ["combinatorial"])
        var result = try header(&root)
        try readTables(&root, into: &result)
        if var training = try root.object("training") {
            result.value = training.raw("value").flatMap { if case .number(let v) = $0 { return v } else { return nil } }
            result.seconds = try training.double("seconds", default: 0)
            _ = training.raw("log")
            result.samples = training.raw("samples").flatMap { if case .number(let v) = $0 { return Int(exactly: v) } else { return nil } }
            result.curves = try curves(&training)
            try training.finish()
        }
        try root.finish()
        return result
    }

    private static func header(_ root: inout ObjectReader) throws -> TrainedPolicyFile {
        TrainedPolicyFile(scenario: try root.string("scenario"), policy: try root.string("policy"), kind: try root.string("kind"),
                          k: try root.int("k", in: 1...100_000), seed: UInt64(try root.int("seed", in: 0...(1 << 53))),
                          globalStates: try root.int("globalStates", in: 1...65_536),
                          globalActions: try root.int("globalActions", in: 1...65_536),
                          localStates: try root.int("localStates", in: 1...256),
                          localActions: try root.int("localActions", in: 1...65_536),
                          globalTable: [], localTable: [], value: nil, seconds: 0, log: [], samples: nil, curves: [])
    }

    /// `training.curves`, each `{quantity, learner, unit, x, y}` (null y values read as NaN).
    private static func curves(_ training: inout ObjectReader) throws -> [TrainingCurve] {
        guard let value = training.raw("curves") else { return [] }
        guard case .array(let items) = value else { throw training.issue("curves", "expected an array of curves", value: value) }
        return try items.enumerated().map { i, item in
            var curve = try ObjectReader(item, path: training.child("curves") + "[\(i)]", context: training.context)
            let quantity = try curve.string("quantity"), learner = try curve.string("learner"), unit = try curve.string("unit")
            let x = try curve.doubles("x")
            guard case .array(let ys)? = curve.raw("y"), ys.count == x.count else {
                throw curve.issue("y", "expected an array as long as x (\(x.count) values)")
            }
            let y = try ys.enumerated().map { j, v -> Double in
                if case .null = v { return .nan }
                return try ObjectReader.number(v, path: curve.child("y") + "[\(j)]", range: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
                                               context: curve.context)
            }
            try curve.finish()
            return TrainingCurve(quantity: quantity, learner: learner, unit: unit, x: x, y: y)
        }
    }

    private static func readTables(_ root: inout ObjectReader, into file: inout TrainedPolicyFile) throws {
        let count = CountVectorSpace(k: file.k, states: file.localStates).count
        guard let globalValue = root.raw("global"), let localValue = root.raw("local") else {
            throw root.issue("global", "missing the policy tables 'global' and 'local'")
        }
        let global = try NumberTable.read(globalValue, path: "global", depth: 2, context: root.context)
        guard global.shape == [file.globalStates, count] else {
            throw root.issue("global", "expected shape [s_g][count rank] = [\(file.globalStates), \(count)] for k = \(file.k)",
                             value: .string("\(global.shape)"))
        }
        file.globalTable = try global.values.enumerated().map { i, a in
            try ObjectReader.integer(.number(a), path: "global[\(i / count)][\(i % count)]",
                                     range: 0...(file.globalActions - 1), context: root.context)
        }
        let local = try NumberTable.read(localValue, path: "local", depth: 3, context: root.context)
        guard local.shape == [file.globalStates, file.localStates, file.localActions] else {
            throw root.issue("local", "expected shape [s_g][s_l][a_l] = \([file.globalStates, file.localStates, file.localActions])",
                             value: .string("\(local.shape)"))
        }
        try local.checkProbabilityRows(path: "local", context: root.context)
        file.localTable = local.values
    }

    /// Why this file does not fit `game` with `k` sampled agents, nil when it does.
    func mismatch(game: TabularGame, k: Int) -> String? {
        if [globalStates, globalActions, localStates, localActions]
            != [game.globalStates, game.globalActions, game.localStates, game.localActions] {
            return "the policy file has |S_g|, |A_g|, |S_l|, |A_l| = \(globalStates), \(globalActions), \(localStates), \(localActions); "
                + "this world has \(game.globalStates), \(game.globalActions), \(game.localStates), \(game.localActions)"
        }
        if self.k != k { return "the policy file was trained for k = \(self.k), this scenario has observation.k = \(k)" }
        return nil
    }
}
