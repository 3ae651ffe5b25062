/// The options of `sim step`.
struct StepOptions: Equatable {
    var file: String
    var policy: String?
    var seed: UInt64?
    var overrides: [String] = []

    static let valued = ["--policy", "--seed", "--set"]
    static let flags: [String] = []

    init(file: String) { self.file = file }

    init(_ tokens: ArgumentTokens) throws {
        guard let file = tokens.positionals.first else { throw CLIError.missingArgument("a scenario FILE", command: "step") }
        if tokens.positionals.count > 1 { throw CLIError.unexpectedArgument(tokens.positionals[1], command: "step") }
        self.file = file
        policy = tokens.last("--policy")
        if let text = tokens.last("--seed") {
            guard let value = UInt64(text), value <= SeedList.maximum else {
                throw CLIError.badValue(option: "--seed", value: text, expected: "an integer in 0...2^53")
            }
            seed = value
        }
        overrides = tokens.all("--set")
    }
}
