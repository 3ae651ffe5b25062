import Foundation

/// Deterministic command-line mutants of `sim`: random `--set` paths and values over every field of
/// every shipped scenario, odd values for every option, odd paths, unknown and repeated options.
/// Mutant `index` of a seed is a pure function of `(seed, index, scenarios)`, so a report names
/// everything needed to rebuild it.
///
/// Arguments refer to the scenarios by their relative path (`Scenarios/x.json5`) and write outputs
/// under `out/`; ``CLIFuzzWorkspace`` lays out a copy of the repository files in which they run.
public struct CLIMutator: Sendable {
    /// One shipped scenario with the dotted paths of all its object members and their values.
    public struct Target: Sendable {
        public let file: String
        public let fields: [(path: String, value: FuzzTree)]
        public let policies: [String]
        /// Policies that train when run (slow in debug builds; the in-test sample skips them).
        public let trains: Bool
    }

    /// One mutant: the arguments and the standard input (for `sim step`).
    public struct Mutant: Sendable {
        public let index: Int
        public let command: String
        public let arguments: [String]
        public let input: String?
        /// A reproducible description for reports.
        public var label: String { "mutant \(index): sim " + arguments.map(Self.shellQuoted).joined(separator: " ") }

        static func shellQuoted(_ word: String) -> String {
            let plain = word.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./=,:".unicodeScalars.contains($0) }
            if plain && !word.isEmpty { return word }
            return "'" + word.unicodeScalars.map { scalar -> String in
                if scalar == "'" { return "'\\''" }
                if scalar.value < 0x20 || scalar.value == 0x7F { return "\\x" + String(format: "%02x", scalar.value) }
                return String(scalar)
            }.joined() + "'"
        }
    }

    public let seed: UInt64
    public let targets: [Target]
    /// Whether mutants may run training (false for the quick sample in `swift test`).
    public let allowTraining: Bool

    /// - Parameter scenarios: `(relative path, text)` of each shipped scenario.
    public init(seed: UInt64, scenarios: [(file: String, text: String)], allowTraining: Bool = true) {
        self.seed = seed
        self.allowTraining = allowTraining
        targets = scenarios.compactMap { file, text in
            guard let tree = try? FuzzTree.parse(text) else { return nil }
            var fields: [(String, FuzzTree)] = []
            Self.collect(tree, prefix: "", into: &fields)
            var policies: [String] = [], trains = false
            if case .object(let members) = tree, let entry = members.first(where: { $0.key == "policies" }),
               case .object(let named) = entry.value {
                policies = named.map(\.key)
                trains = named.contains { member in
                    guard case .object(let fields) = member.value,
                          case .string(let kind)? = fields.first(where: { $0.key == "kind" })?.value else { return false }
                    return ["g-learn", "alternating-marl", "subsample-mfq"].contains(kind)
                }
            }
            return Target(file: file, fields: fields, policies: policies, trains: trains)
        }
    }

    private static func collect(_ node: FuzzTree, prefix: String, into fields: inout [(String, FuzzTree)]) {
        guard case .object(let members) = node else { return }
        for member in members {
            let path = prefix.isEmpty ? member.key : prefix + "." + member.key
            fields.append((path, member.value))
            collect(member.value, prefix: path, into: &fields)
        }
    }

    /// The commands mutants exercise, with their weights.
    static let commands: [(String, Int)] = [("validate", 30), ("run", 30), ("compare", 8), ("step", 6), ("sweep", 6),
                                           ("train", 5), ("merge", 3), ("plot", 3), ("bench", 3), ("resume", 2),
                                           ("list", 1), ("odd", 3)]

    /// Mutant number `index`.
    public func mutant(_ index: Int) -> Mutant {
        var random = TestRandom(seed: seed &* 0x1_0000_0001 &+ UInt64(index) &+ 0x5EED)
        let total = Self.commands.reduce(0) { $0 + $1.1 }
        var roll = random.int(below: total), command = Self.commands[0].0
        for (name, weight) in Self.commands {
            if roll < weight { command = name; break }
            roll -= weight
        }
        var target = random.pick(targets)
        if !allowTraining && target.trains && ["run", "compare", "step", "sweep", "train"].contains(command) {
            target = targets.first { !$0.trains } ?? target
        }
        var input: String?
        var arguments: [String]
        switch command {
        case "validate": arguments = ["validate", target.file] + sets(target, &random, count: random.int(in: 1...3))
        case "run": arguments = ["run", target.file] + small() + sets(target, &random, count: random.int(in: 1...3)) + runFlags(target, &random)
        case "compare":
            arguments = ["compare", target.file, "--seeds", random.pick(Self.seedLists)] + small() + sets(target, &random, count: random.int(in: 0...2))
                + optional(&random, ["--policies", random.pick(target.policies + ["nosuch", "", ","])],
                           ["--metrics", random.pick(["discountedReturn", "nosuch", "", "discountedReturn,discountedReturn"])],
                           ["--csv", outPath(&random, ".csv")], ["--json", outPath(&random, ".json")], ["--no-progress"])
        case "step":
            arguments = ["step", target.file] + small() + sets(target, &random, count: random.int(in: 0...2))
                + optional(&random, ["--policy", random.pick(target.policies + ["nosuch"])], ["--seed", random.pick(Self.seeds)])
            input = (0..<random.int(in: 1...4)).map { _ in random.pick(Self.stepCommands) }.joined(separator: "\n") + "\n"
        case "sweep":
            let field = random.pick(target.fields).path
            arguments = ["sweep", target.file, "--set", field + "=" + random.pick(["1,2", "1..3", "0,1e308", "a,b", ",", "1,,2", "[1],[2]"]),
                         "--seeds", random.pick(Self.seedLists), "--out", outPath(&random, ".jsonl"), "--no-progress"] + small()
                + optional(&random, ["--shard", random.pick(["1/2", "2/2", "0/2", "3/2", "1/0", "a", "1/1", "-1/2"])],
                           ["--policies", random.pick(target.policies + ["nosuch"])])
        case "train":
            arguments = ["train", target.file, "--policy", random.pick(target.policies + ["nosuch"]), "--out", outPath(&random, ".json")]
                + sets(target, &random, count: random.int(in: 0...2))
        case "merge":
            arguments = ["merge"] + (0..<random.int(in: 0...3)).map { _ in random.pick(Self.oddFiles) }
                + optional(&random, ["--out", outPath(&random, ".jsonl")])
        case "plot":
            arguments = ["plot", random.pick(Self.oddFiles), "--x", random.pick(["observation.k", "", "seed"]),
                         "--y", random.pick(["discountedReturn", "nosuch"]), "--out", outPath(&random, ".svg")]
        case "bench":
            arguments = ["bench", "--workload", random.pick(["W1", "W2", "W3", "W5", "W6", "", "w1,w2", "W1,W1"]),
                         "--size", random.pick(["1", "10", "200", "0", "-5", "1e3", "99999999999", "9223372036854775808", "1,2", "x", ""]),
                         "--repeat", random.pick(["1", "0", "1001", "x"])] + optional(&random, ["--threads", random.pick(["1", "2", "0", "x"])], ["--json"])
        case "resume":
            arguments = ["resume", random.pick(Self.oddFiles)] + optional(&random, ["--no-progress"])
        case "list":
            arguments = ["list", random.pick(["worlds", "policies", "", "nosuch", "worlds worlds"])]
        default:
            arguments = oddCommandLine(target, &random)
        }
        if random.chance(0.05) { arguments += [random.pick(["--help", "-h", "--", "-", "--unknown", "--set", "--seed"])] }
        if random.chance(0.05) { arguments.insert(random.pick(["--seed", "--out", "--policy"]) + "=1", at: min(2, arguments.count)) }
        return Mutant(index: index, command: command, arguments: arguments, input: input)
    }

    /// Keeps runs short unless a mutant overrides it (it then meets the resource limits).
    private func small() -> [String] { ["--set", "episodes=1", "--set", "horizon=4"] }

    private func optional(_ random: inout TestRandom, _ choices: [String]...) -> [String] {
        choices.filter { _ in random.chance(0.4) }.flatMap { $0 }
    }

    private func sets(_ target: Target, _ random: inout TestRandom, count: Int) -> [String] {
        (0..<count).flatMap { _ in ["--set", setArgument(target, &random)] }
    }

    /// `path=value` with a path over the scenario's fields (mostly existing ones) and a value odd for its type.
    func setArgument(_ target: Target, _ random: inout TestRandom) -> String {
        let field = random.pick(target.fields)
        var path = field.path
        switch random.int(below: 10) {
        case 0: path += "." + random.pick(["x", "kind", "every", "custom", "0", "polcyStep", "__proto__"])
        case 1: path = random.pick(Self.oddPaths)
        case 2:
            let parts = path.split(separator: ".").map(String.init)
            path = parts.dropLast().joined(separator: ".") + (parts.count > 1 ? "." : "") + ScenarioMutator.misspell(parts.last ?? "x", &random)
        default: break
        }
        let value: String
        if random.chance(0.35) {
            // A plausible value, so that a fair share of mutants get past validation and run.
            switch field.value {
            case .number(let d):
                value = FuzzTree.literal(random.pick([d, d * 2, d + 1, (d / 2).rounded(), max(1, d - 1)]))
            case .bool(let b): value = b ? "false" : "true"
            default: value = field.value.text.replacingOccurrences(of: "\n", with: " ")
            }
        } else if random.chance(0.1) {
            value = random.pick(Self.anyValues)
        } else {
            switch field.value {
            case .number(let d):
                value = random.pick(Self.numberValues + [FuzzTree.literal(d * 2), FuzzTree.literal(d + 1), FuzzTree.literal(-d),
                                                         FuzzTree.literal(d / 3), FuzzTree.literal(d * 1000)])
            case .string: value = random.pick(Self.stringValues)
            case .bool(let b): value = random.pick([b ? "false" : "true", "1", "\"true\"", "null"])
            case .array(let items):
                let first = items.first.map(\.text) ?? "1"
                value = random.pick(["[]", "[" + first + "]", "[" + Array(repeating: first, count: items.count + 1).joined(separator: ",") + "]",
                                     "[NaN]", "[1e308, -1e308]", "[" + Array(repeating: "1", count: 5000).joined(separator: ",") + "]",
                                     "[[1]]", "[\"x\"]", "[0,0,0,0,0]"])
            case .object: value = random.pick(["{}", "null", "[]", "1", "{x: 1}", "{kind: \"random\"}", "{every: 1e-9}", "{polcyStep: {poisson: 0.5}}"])
            default: value = random.pick(Self.anyValues)
            }
        }
        return path + "=" + value
    }

    private func runFlags(_ target: Target, _ random: inout TestRandom) -> [String] {
        optional(&random, ["--policy", random.pick(target.policies + ["nosuch", ""])],
                 ["--seed", random.pick(Self.seeds)],
                 ["--out", outPath(&random, ".json")],
                 ["--trace", random.pick([outPath(&random, ".jsonl"), "-"])],
                 ["--trace-kinds", random.pick(["worldTick", "policyStep,nosuch", "", ","])],
                 ["--trace-format", random.pick(["jsonl", "text", "xml", ""])],
                 ["--threads", random.pick(["1", "2", "0", "1025", "x", "-1"])],
                 ["--checkpoint", outPath(&random, ".ckpt"), "--checkpoint-every", random.pick(["1", "0.5", "2.5", "0", "-1", "NaN", "inf", "x"])],
                 ["--plot", outPath(&random, ".svg"), "--plot-series", random.pick(["reward", "nosuch", ""])],
                 ["--no-timing"], ["--no-progress"])
    }

    private func oddCommandLine(_ target: Target, _ random: inout TestRandom) -> [String] {
        switch random.int(below: 6) {
        case 0: return [random.pick(["rn", "", "-", "--", "RUN", "help", "--help", "-h", "--version", "\u{1b}[31m"])]
        case 1: return ["run", random.pick(Self.oddFiles)] + small()
        case 2: return ["validate"] + (0..<random.int(in: 0...3)).map { _ in random.pick(Self.oddFiles + [target.file]) }
        case 3: return ["run", target.file, "--seed", "1", "--seed", "2"] + small()
        case 4: return ["run", target.file, "--set", random.pick(["", "=", "=1", "a", "a=", ".=1", "a..b=1"])] + small()
        default: return ["run", target.file, "--out", random.pick(["", "/", ".", "out", "out/", target.file, "nodir/r.json", "/dev/null"])] + small()
        }
    }

    private func outPath(_ random: inout TestRandom, _ ext: String) -> String {
        random.chance(0.85) ? "out/o" + ext : random.pick(["", ".", "out", "nodir/x" + ext, "out/o" + ext + "/", "/dev/null", "-", "Scenarios"])
    }

    static let numberValues = ["0", "-1", "1", "2", "0.5", "-0.5", "1e-9", "1e-300", "5e-324", "1e308", "-1e308", "1e309", "NaN", "Infinity",
                               "-Infinity", "2147483647", "2147483648", "4294967296", "9007199254740993", "1e12", "1e15", "255", "256",
                               "257", "65536", "0x10", "1e999", "0.9999999999", "1.0000000001", "100", "1000000"]
    static let stringValues = ["", "x", "random", "ring-zones", "g-learn", "memoa", "fedavg", "csv", "tabular", "rounding", "exact",
                               "monteCarlo", "../../etc/passwd", "/dev/null", "\"\\ud800\"", "\"\\u0000\"", "\"\\u001b[31mred\\u001b[0m\"",
                               "\"a\\nb\"", String(repeating: "y", count: 5000), "\u{1b}[2J", "é", "😀"]
    static let anyValues = ["null", "true", "[]", "{}", "\"\"", "0", "-1", "1e308", "NaN", "{a:", "[1,", "'x'", "/*", "\\", "\u{0}"]
    static let oddPaths = ["", ".", "a..b", "world.", ".world", "policies", "world", "schedule", "outputs", "observation",
                           "schedule.polcyStep", "schedule.policyStep.every", "schedule.audit.custom", "outputs.trace.kinds",
                           "policies.new.kind", String(repeating: "a.", count: 300) + "b", "gamma", "seed", "horizon", "episodes",
                           "world.kind", "name", "\u{1b}[31m", "world.cost.alpha", "world.mixture.eta"]
    static let seeds = ["1", "0", "-1", "9007199254740992", "9007199254740993", "18446744073709551616", "1e3", "x", ""]
    static let seedLists = ["1..2", "1", "1,2", "0..0", "3..1", "1..1000000000", "a", "", "1..", ",", "1,1"]
    static let stepCommands = ["next", "next 3", "next 0", "next -1", "next 1e9", "show meanfield", "show global", "show agent 0",
                               "show agent -1", "show agent 99999999999", "break policyStep", "break nosuch", "run", "until 3",
                               "until 1e308", "trace on", "trace off", "help", "nosuch", "", "quit"]
    static let oddFiles = ["nosuch.json5", "", "/", ".", "/dev/null", "Scenarios", "Scenarios/data/synthetic-series.csv",
                           "out/o.jsonl", "out/o.json", "out/o.ckpt", "Scenarios/quickstart.json5", "Scenarios/data/README.md"]
}
