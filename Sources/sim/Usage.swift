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
      bench           run the performance benchmarks (release build)

    Run 'sim <command> --help' for the options of a command.
    Exit status: 0 ok, 1 runtime failure, 2 usage or scenario error.
    """

    static let run = """
    Usage: sim run FILE [--seed S] [--policy NAME] [--set path=value]… [--out results.json]
                        [--trace FILE|-] [--trace-kinds a,b] [--trace-format jsonl|text] [--no-timing]
                        [--threads N]

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
      --threads N          threads for stepping large populations (default: every core); results
                           are bit-identical for any N
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

    static let bench = """
    Usage: sim bench [--workload W1,W2,…] [--repeat 5] [--threads N] [--json]

    Runs performance workloads (build with -c release): each after one untimed warm-up, then --repeat
    timed runs; prints median, min and max wall seconds, throughput at the median, and peak resident
    memory, with the DESIGN.md budget each figure is held to.

      W1  ping: 1,000 processes, exponential(mean 1) delays, to t = 1,000        (events/s)
      W2  bulk events: 10^6 one-shot events at uniform times, insert then drain  (events/s)
      W3  ring robots: n = 10^3, 10^5, 10^6, 10^7; 5 zones; k = 10; H = 100      (agent-steps/s)
      W4  G-LEARN value iteration, k = 10, 20, 30 (skipped until the learners exist)
      W5  ring-zones full step (TabularWorld with its tables), n = 10^6, H = 100 (agent-steps/s)

    Options:
      --workload W1,…      workloads to run (default: all)
      --repeat N           timed runs per workload (default: 5)
      --threads N          threads for population stepping (default: 1); results are identical
                           for any N, only the time changes
      --json               print {"workloads": [{"name", "size", "medianSeconds", "minSeconds",
                           "maxSeconds", "throughput", "unit", "peakRSSBytes", …}], …}
      -h, --help           show this help
    """

    /// The help of `command`, nil if there is no such command.
    static func of(_ command: String) -> String? {
        switch command {
        case "run": return run
        case "validate": return validate
        case "list": return list
        case "bench": return bench
        default: return nil
        }
    }

    /// The first line of a command's help, shown after a usage error.
    static func line(_ command: String) -> String {
        of(command)?.split(separator: "\n").first.map(String.init) ?? "Usage: sim <command> [options]"
    }
}
