import Agents
import Foundation

/// Reads the `csv` world's keys and its data file:
/// `path` (relative to the scenario file), `dataFile` (its path inside the data folder, ``DataFolder``),
/// `source` (where to download it), `preset` ("ett" | "boc"), `validation` (the preset's
/// validation window), `target`, `inputs` ([{ columns: [..] or column: "..", lags: [..], difference: false }];
/// `difference: true` turns each level v_{t−lag} into v_{t−lag} − v_{t−lag−1}, ``LaggedSeriesSpec/InputBlock``), `start`,
/// `length` (R; the window has R + 1 rows) and `normalization` ("none" | "running" | "windowMax").
/// Explicit keys override the preset's.
enum TimeSeriesCSVReader {
    /// The defaults table of a preset named in `world.preset`.
    static let presetDefaults: @Sendable (ObjectReader) -> TimeSeriesDefaults? = { world in
        guard let value = world.members.first(where: { $0.key == "preset" })?.value, case .string(let name) = value else { return nil }
        switch name {
        case "ett": return .ett
        case "boc": return .boc
        default: return nil
        }
    }

    /// The presets' file inside the data folder and where to download it.
    static let presetFile: [String: (dataFile: String, source: String)] = [
        "ett": ("ett-small/ETTh1.csv", "https://github.com/zhouhaoyi/ETDataset (ETT-small/ETTh1.csv)"),
        "boc": ("boc-fx/bank_of_canada_exchange_rates.csv",
                "https://github.com/fatemetkl/FedMOE (the Bank of Canada exchange-rate file of its data folder)"),
    ]

    static func read(_ world: inout ObjectReader, limits: ResourceLimits = .machine) throws -> TimeSeriesData {
        let preset = try world.string("preset", default: "none", oneOf: ["none", "ett", "boc"])
        let validation = try world.bool("validation", default: false)
        var spec: LaggedSeriesSpec
        switch preset {
        case "ett": spec = .ett(validation: validation)
        case "boc": spec = .boc(validation: validation)
        default:
            if validation { throw world.issue("validation", "only the ett and boc presets have a validation window", value: .bool(true)) }
            spec = LaggedSeriesSpec(target: "", inputs: [], rounds: 0)
        }
        let folder = DataFolder()
        let known = presetFile[preset]
        let pathText = world.has("path") || known == nil ? try world.string("path") : nil
        let dataFile = world.has("dataFile") ? try world.string("dataFile") : known?.dataFile
        let source = world.has("source") ? try world.string("source") : known?.source
        let context = world.context
        let resolve = { (text: String) in context.resolve(text) }
        if preset == "none" || world.has("target") { spec.target = try world.string("target") }
        if preset == "none" || world.has("inputs") { spec.inputs = try inputs(&world) }
        spec.start = try world.int("start", default: spec.start, in: 0...Int.max / 2)
        if preset == "none" || world.has("length") { spec.rounds = try world.int("length", in: 1...100_000_000) }
        if world.has("normalization") {
            let name = try world.string("normalization", oneOf: SeriesNormalization.allCases.map(\.rawValue))
            spec.normalization = SeriesNormalization(rawValue: name)!
        }
        let named = pathText ?? dataFile ?? ""
        let file = folder.locate(dataFile: dataFile, path: pathText, resolve: resolve) ?? resolve(named)
        try checkWindow(spec, path: world.child("length"), limits: limits, context: world.context)
        let table: CSVTable
        do {
            // Only the window's rows are read: the file may be far larger than the window.
            table = try CSVTable.read(file: file, columns: spec.columnsRead, rows: spec.start..<spec.requiredRows)
        } catch let error as CSVError {
            switch error {
            case .unreadable:
                throw world.issue("path", "cannot read the data file", value: .string(named),
                                  hint: folder.missingHint(dataFile: dataFile, path: pathText, source: source, resolve: resolve))
            case .missingColumn(_, let column, let available):
                // Blame the field that names the column: the target, or the input block listing it.
                let block = column == spec.target ? nil : spec.inputs.firstIndex { $0.columns.contains(column) }
                let field = block.map { "inputs[\($0)]" } ?? "target"
                throw world.issue(field, "the data file has no column '\(column)'", value: .string(column),
                                  hint: "columns: " + available.joined(separator: ", "))
            case .malformed(_, let line, let detail):
                throw ScenarioError.invalid(ScenarioIssue(file: file, line: line, path: world.child("path"),
                                                          message: "malformed \(line == 1 ? "header" : "row"): " + detail))
            }
        }
        // The columns hold rows start … start + R: cut the window from them as from row 0 (lags
        // before the window are 0 either way).
        var cut = spec
        cut.start = 0
        guard table.rowCount >= spec.requiredRows, let data = cut.window(columns: table.columns) else {
            throw world.issue("length", "the window needs rows \(spec.start) … \(spec.start + spec.rounds) but the file has \(table.rowCount) data rows",
                              value: .number(Double(spec.rounds)), hint: "lower start or length")
        }
        return data
    }

    /// Refuses a window that would not fit: R + 1 rows of the columns read, of the input matrix and
    /// targets, and of their normalized copy. The file's size does not matter, since it is streamed.
    private static func checkWindow(_ spec: LaggedSeriesSpec, path: String, limits: ResourceLimits, context: ConfigContext) throws {
        var estimate = MemoryEstimate()
        let perRow = Double(spec.columnsRead.count + 2 * (spec.features.count + 1))
        estimate.add(path, count: Double(spec.rounds + 1) * perRow, bytesEach: 8,
                     what: "a window of \(spec.rounds + 1) rows × \(Int(perRow)) numbers", value: .number(Double(spec.rounds)),
                     hint: "lower length")
        try limits.check(estimate, context: context)
    }

    private static func inputs(_ world: inout ObjectReader) throws -> [LaggedSeriesSpec.InputBlock] {
        guard let value = world.raw("inputs") else { throw world.issue("inputs", "missing required field",
                                                                       hint: "add inputs: [{ columns: [\"A\"], lags: [0, 1] }] (difference: true for v_{t-lag} - v_{t-lag-1})") }
        guard case .array(let items) = value, !items.isEmpty else {
            throw world.issue("inputs", "expected a non-empty array of { columns, lags, difference }", value: value)
        }
        return try items.enumerated().map { index, item in
            var block = try ObjectReader(item, path: "\(world.child("inputs"))[\(index)]", context: world.context)
            var columns: [String]
            if block.has("column") {
                columns = [try block.string("column")]
            } else {
                guard let raw = block.raw("columns"), case .array(let names) = raw, !names.isEmpty else {
                    throw block.issue("columns", "expected a non-empty array of column names", hint: "or give column: \"NAME\"")
                }
                columns = try names.map { name in
                    guard case .string(let s) = name else { throw block.issue("columns", "expected column names", value: name) }
                    return s
                }
            }
            let lags = try block.doubles("lags", default: [0], in: 0...1_000_000)
            guard lags.allSatisfy({ $0 == $0.rounded() }), !lags.isEmpty else {
                throw block.issue("lags", "expected a non-empty list of whole numbers >= 0")
            }
            let difference = try block.bool("difference", default: false)
            try block.finish()
            return LaggedSeriesSpec.InputBlock(columns: columns, lags: lags.map { Int($0) }, difference: difference)
        }
    }
}
