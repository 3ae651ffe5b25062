/// Command-line usage errors (exit 2). The message quotes what the user typed.
enum CLIError: Error, Equatable, CustomStringConvertible {
    case unknownCommand(String, suggestion: String?)
    case unknownOption(String, command: String, suggestion: String?)
    case missingValue(option: String, command: String)
    case repeatedOption(String, command: String)
    case badValue(option: String, value: String, expected: String)
    case missingArgument(String, command: String)
    case unexpectedArgument(String, command: String)
    case conflict(String)

    var description: String {
        switch self {
        case .unknownCommand(let word, let suggestion):
            return "unknown command '\(word)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .unknownOption(let option, let command, let suggestion):
            return "unknown option '\(option)' for 'sim \(command)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .missingValue(let option, let command):
            return "option '\(option)' of 'sim \(command)' needs a value"
        case .repeatedOption(let option, let command):
            return "option '\(option)' of 'sim \(command)' is given more than once; give it once"
        case .badValue(let option, let value, let expected):
            return "option '\(option)': expected \(expected), got '\(value)'"
        case .missingArgument(let what, let command):
            return "'sim \(command)' needs \(what)"
        case .unexpectedArgument(let word, let command):
            return "unexpected argument '\(word)' for 'sim \(command)'"
        case .conflict(let message):
            return message
        }
    }

    /// The subcommand whose usage line should follow the message.
    var command: String? {
        switch self {
        case .unknownCommand: return nil
        case .unknownOption(_, let command, _), .missingValue(_, let command), .repeatedOption(_, let command),
             .missingArgument(_, let command),
             .unexpectedArgument(_, let command): return command
        case .badValue, .conflict: return nil
        }
    }
}
