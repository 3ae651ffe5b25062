import Agents

/// `{ kind: "external", command: ["python3", "my_policy.py", "--flag"], role: "global", timeout: 5 }`:
/// a policy that runs as its own process and speaks the external-policy protocol (``ExternalProtocol``)
/// on its standard input and output. As a policy entry it is the global agent (`role: "global"`); as the
/// `local` of a tabular policy entry (`local: { kind: "external", command: [...] }`) it chooses every
/// local agent's action, one message per tick (`role: "local"`); in the federated world it is the
/// server (`role: "server"`, the default there) or the clients' step sizes (`role: "client"`).
///
/// The command runs in the scenario file's folder, so relative paths in it are relative to the
/// scenario. Its first word is looked up on `PATH` unless it contains a `/`.
public struct ExternalPolicySpec: Sendable, Equatable {
    /// The policy's name in the scenario (used in messages and as the prefix of its standard error).
    public let name: String
    /// The program and its arguments.
    public let command: [String]
    /// The folder the command runs in: the scenario file's.
    public let directory: String
    /// Which decisions the process makes: `global` (the global agent's) or `local` (every local agent's).
    public let role: String
    /// Seconds to wait for each answer before the run fails.
    public let timeout: Double

    public init(name: String, command: [String], directory: String, role: String, timeout: Double) {
        self.name = name
        self.command = command
        self.directory = directory
        self.role = role
        self.timeout = timeout
    }

    /// The external family: a process of any language, over JSON Lines.
    public static let family = PolicyFamily(
        kind: "external", summary: "a role's decisions (role: global, local, server or client) from a process of any language, over JSON Lines (command: [...])")

    /// The roles a world can hand to an external process.
    public static let roles = ["global", "local", "server", "client"]

    /// Reads `command`, `role` (one of `roles`, default the first) and `timeout`; the caller reads `kind`
    /// and finishes the reader.
    static func read(name: String, _ reader: inout ObjectReader, roles: [String] = ["global"]) throws -> ExternalPolicySpec {
        guard case .array(let words)? = reader.raw("command"), !words.isEmpty else {
            throw reader.issue("command", "expected the program and its arguments as a non-empty list of strings",
                               value: reader.raw("command"), hint: "e.g. command: [\"python3\", \"policies/my_policy.py\"]")
        }
        let command = try words.enumerated().map { i, word -> String in
            guard case .string(let text) = word, !text.isEmpty, !text.contains("\u{0}") else {
                throw reader.issue("command", "entry \(i) must be a non-empty string", value: word)
            }
            return text
        }
        let role = try reader.string("role", default: roles[0], oneOf: roles)
        let timeout = try reader.double("timeout", default: 5, in: 0.001...3_600)
        return ExternalPolicySpec(name: name, command: command, directory: reader.context.directory, role: role, timeout: timeout)
    }
}
