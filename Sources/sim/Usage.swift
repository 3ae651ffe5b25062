/// Help texts (STYLE.md 14: kept as literals, one per subcommand).
enum Usage {
    static let tool = """
    sim — a discrete-event simulator for large populations of learning agents coupled through a mean-field

    Usage: sim <command> [options]

    Commands:
      run FILE        run a scenario and print its metrics (all policies unless --policy)
      validate FILE…  check scenario files; one line per file
      list WHAT       list the world or policy kinds (sim list worlds | sim list policies)
      help [COMMAND]  show help for a command

    Run 'sim <command> --help' for the options of a command.
    Exit status: 0 ok, 1 runtime failure, 2 usage or scenario error.
    Memory: requests that cannot fit are refused before running (exit 2); the budget is 80% of the
    machine's memory, or SIM_MEMORY_LIMIT (e.g. SIM_MEMORY_LIMIT=8G).
    """

    static let run = """
    Usage: sim run FILE [--seed S] [--policy NAME] [--set path=value]… [--out results.json]
                        [--trace FILE|-] [--trace-kinds a,b] [--trace-format jsonl|text] [--no-timing]

    Runs the scenario in FILE: every policy in turn (or only --policy) under the same seed, and prints
    mean, std, min, max and n over episodes for each metric.

    Options:
      --seed S             seed (default: the scenario's 'seed')
      --policy NAME        run only this policy
      --set path=value     override any scenario field before validation (repeatable),
                           e.g. --set world.localAgents=500 --set observation.k=20
      --out FILE           write the results as JSON (atomically); one object per run, an array when
                           several policies ran
      --trace FILE|-       write a trace of the events (JSON Lines; '-' is standard output); needs
                           --policy when the scenario has several policies
      --trace-kinds a,b    trace only these event kinds (default: outputs.trace.kinds, else all)
      --trace-format F     jsonl (default) or text
      --no-timing          write "wallSeconds": null so equal runs give byte-identical files
      -h, --help           show this help
    """

    static let validate = """
    Usage: sim validate FILE…

    Loads and validates each scenario file (JSON5) and prints 'ok FILE' or one error line naming the
    file, line, field path, bad value and a fix. Exit status 2 if any file is invalid.

    Options:
      --set path=value     apply an override before validating (repeatable)
      -h, --help           show this help
    """

    static let list = """
    Usage: sim list worlds|policies

    Lists the world kinds (with the policies each accepts) or the policy kinds (with their worlds).

    Options:
      -h, --help           show this help
    """

    /// The help of `command`, nil if there is no such command.
    static func of(_ command: String) -> String? {
        switch command {
        case "run": return run
        case "validate": return validate
        case "list": return list
        default: return nil
        }
    }

    /// The first line of a command's help, shown after a usage error.
    static func line(_ command: String) -> String {
        of(command)?.split(separator: "\n").first.map(String.init) ?? "Usage: sim <command> [options]"
    }
}
