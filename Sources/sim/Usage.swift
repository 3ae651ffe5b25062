/// Help texts.
enum Usage {
    static let tool = """
    sim — a discrete-event simulator for large populations of learning agents coupled through a mean-field

    Usage: sim <command> [options]

    Commands:
      run FILE        run a scenario and print its metrics (all policies unless --policy)
      train FILE      train a learned policy and write it as a policy file (--policy, --out)
      validate FILE…  check scenario files; one line per file
      list WHAT       list the world or policy kinds (sim list worlds | sim list policies)
      compare FILE    run every policy on the same seeds; mean ± 95% CI and paired differences
      exploitability FILE  the Nash gap of a policy pair: best-response gains and nashConv over seeds
      step FILE       step through one run interactively (commands on standard input)
      sweep FILE      run a grid of --set values × seeds as JSON Lines; --shard, --sbatch for clusters
      merge F…        check and combine sweep shard outputs; print mean ± 95% CI per point
      plot F…         draw a metric of sweep output against a swept field as SVG
      bench           run the performance benchmarks (release build)
      resume F        continue a run from the checkpoint F that 'sim run --checkpoint F' wrote
      tables          the order of count vectors in tabular policy tables (--k K --states L)
      tune FILE       choose a policy's hyper-parameters on other data (--grid, --on); print --set lines
      help [COMMAND]  show help for a command

    Run 'sim <command> --help' for the options of a command.
    Exit status: 0 ok, 1 runtime failure, 2 usage or scenario error.
    Memory: requests that cannot fit are refused before running (exit 2); the budget is 80% of the
    machine's memory, or SIM_MEMORY_LIMIT (e.g. SIM_MEMORY_LIMIT=8G). Runs over 10^13 events or with
    one event over 5e9 operations (it could not be interrupted) are refused too: SIM_EVENT_LIMIT and
    SIM_WORK_LIMIT set those budgets.
    Data: every command takes --data DIR, the folder where csv worlds find their data files
    (e.g. DIR/ett-small/ETTh1.csv); SIM_DATA=DIR does the same; otherwise a scenario's relative path.
    """

    static let run = """
    Usage: sim run FILE [--seed S] [--policy NAME] [--set path=value]… [--out results.json]
                        [--trace FILE|-] [--trace-kinds a,b] [--trace-format jsonl|text] [--no-timing]
                        [--plot F.svg] [--plot-series NAME] [--no-progress] [--threads N]
                        [--checkpoint F [--checkpoint-every T]]

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
      --plot F.svg         draw a per-step series against the step within the episode, one line per policy (SVG)
      --csv F              every metric's value in every episode, one row each (long format for pandas / R)
      --plot-series NAME   the series to draw (default: the world's first, e.g. reward)
      --no-progress        no progress line on standard error (shown only when it is a terminal)
      --threads N          threads for stepping large populations (default: every core); results
                           are bit-identical for any N
      -h, --help           show this help

    Ctrl-C stops after the current event, closes the trace, writes the partial results and exits 130
    (143 on SIGTERM).

    Checkpoints:
      --checkpoint F       write the complete run state to F (atomically) every T of simulated time;
                           'sim resume F' continues and gives byte-identical results and trace (use
                           --no-timing for byte-identical results). With --checkpoint, Ctrl-C writes a
                           checkpoint and exits 130 without results; F is removed when the run ends.
                           The trace is kept in a temporary file beside it until then.
      --checkpoint-every T simulated time between checkpoints (default: one episode)
    """

    static let resume = """
    Usage: sim resume F [FILE] [--no-progress]

    Continues the run whose checkpoint is F, with the options it was started with, and writes the same
    results and trace an uninterrupted run would have written. The scenario file is read again from
    where it was (or from FILE, if it moved) and must be unchanged. A checkpoint from another scenario,
    another sim format version, a damaged file, or a world that cannot be checkpointed is refused with
    exit status 2.

    Options:
      --no-progress        no progress line on standard error
      -h, --help           show this help
    """

    static let train = """
    Usage: sim train FILE --policy NAME --out policy.json [--set path=value]… [--plot F.svg]

    Trains the learned policy NAME of the scenario in FILE (kind g-learn, alternating-marl or
    subsample-mfq) and writes its tables, with the scenario name, k, seed and format version, to the
    --out file (atomically). A policy { kind: "tabular", file: "policy.json" } then runs exactly what
    was trained. Progress (one line per alternating-marl iteration: value and seconds) goes to stderr.

    Options:
      --policy NAME        the policy to train (required)
      --out FILE           where to write the policy file (required)
      --set path=value     override any scenario field before validation (repeatable),
                           e.g. --set observation.k=20
      --plot F.svg         draw the learning curves (also kept in the policy file): one chart per
                           quantity (team return, Bellman residual, states visited, mean TD error),
                           one line per learner
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

    static let exploitability = """
    Usage: sim exploitability FILE --policy NAME [--seeds 1..10] [--set path=value]… [--json F]
                              [--threads N] [--no-timing] [--ghost-pairs N] [--estimation-episodes N]
                              [--resolution M]

    Measures how far the policy pair NAME (global policy, local policy) of a tabular world (ring-zones,
    tabular) is from a Nash equilibrium, in the n-agent simulation under common random numbers:
      globalGain.sameInformation  J(BR_g, pi_l) - J(pi_g, pi_l), BR_g seeing s_g and its k-sample's counts
      globalGain.fullInformation  the same with BR_g seeing s_g and the exact population distribution
      localGain                   one agent's gain in its own discounted reward from deviating alone to
                                  its best response (ghost pairs riding the real global path)
      nashConv                    globalGain.fullInformation + localGain, also relative to the team return
    Each is a per-seed value (mean over the scenario's episodes); the table shows its mean and 95% CI over
    seeds. Approximate best responses bound exploitability only from below.

    In a time-series world (memoa, greedy, replay-only, nash-n; not mcSamples > 0 or persistence) it
    measures each client's exact gain in the window game of every measured round,
      epsilon_i = J_i(policy) - min over beta_i of J_i(beta_i, others unchanged),
    with the client's own influence on the mean-field and the mixture kept (a linear solve; for nash-n
    a Riccati recursion against the others' feedback laws), averaged over the rounds of each seed:
      meanEpsilon, maxEpsilon (the round mean of max_i epsilon_i), meanCost, relativeMeanEpsilon and,
      in the table up to 16 clients and in --json always, every client's epsilon_i; and online:
      onlineGain, client 0's realized run cost (onlineCost) minus its realized cost when it alone plays
      its window best response at every measured round, on the same seeds (may be negative).
    --ghost-pairs, --estimation-episodes and --resolution do not apply there.

    Options:
      --policy NAME        the pair to measure (learned kinds are trained first)
      --seeds LIST         evaluation seeds, e.g. 1..30, 7 or 1,4,9 (default 1..10)
      --set path=value     override any scenario field before validation (repeatable)
      --json F             write the measurement as JSON (atomically)
      --threads N          threads for the runs of different seeds (default: every core); results are
                           bit-identical for any N
      --no-timing          write "seconds": null and omit solve times, so equal runs give identical files
      --ghost-pairs N      ghost pairs per episode (default 512)
      --estimation-episodes N  episodes of the run that estimates the law of s_g for the local best
                           response, under a seed disjoint from the evaluation seeds (default 400)
      --resolution M       simplex grid resolution of the fullInformation response (default: the
                           largest with at most 12,000 points per global state)
      -h, --help           show this help
    """

    static let compare = """
    Usage: sim compare FILE [--policies a,b,…] [--seeds 1..30] [--metrics m1,m2] [--set path=value]…
                            [--csv F.csv] [--json F.json] [--plot F.svg] [--no-progress] [--retrain]

    Runs every policy on every seed. Policies run on the same seeds see the same random numbers (common
    random numbers), so their differences are paired. Prints, per metric, each policy's mean over seeds
    with its 95% confidence interval (Student t), and the paired difference policy - first policy with
    its 95% CI and the number of seeds won, lost and tied. Each per-seed value is the metric's mean over
    the scenario's episodes.

    Options:
      --policies a,b,…     policies to compare, baseline first (default: all, in file order)
      --seeds LIST         seeds, e.g. 1..30, 7 or 1,4,9 (default: 1..10)
      --metrics m1,m2      metrics to report (default: the scenario's outputs.metrics, else all)
      --set path=value     override any scenario field (repeatable)
      --csv F              write one row per (metric, policy) as CSV
      --csv-format long    write --csv in long format instead: every seed, policy, episode and metric
      --json F             write the per-seed values, means, CIs and differences as JSON
      --plot F.svg         draw one panel per metric: each policy's per-seed values as a line, with
                           its mean ± 95% CI as a band
      --no-progress        no progress line on standard error
      --retrain            train each learned tabular policy anew for every seed, under a training
                           seed derived from it (recorded in --json as trainingSeeds), so the
                           intervals include training variance; costs one training per seed
      -h, --help           show this help

    Ctrl-C stops after the current event, reports the seeds that finished and exits 130 (143 on SIGTERM).
    """

    static let step = """
    Usage: sim step FILE [--policy NAME] [--seed S] [--set path=value]…

    Steps through one run of the scenario (the first policy unless --policy), reading commands from
    standard input: a prompt is shown only when the input is a terminal, so a script can be piped in
    (printf 'next 3\\nshow meanfield\\nquit\\n' | sim step FILE). Each executed event prints its trace line.
    In a piped script the first bad command ends the session with exit status 2.

    Commands:
    \(Stepper.help.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))

    Options:
      --policy NAME        the policy to run (default: the first in the file)
      --seed S             seed (default: the scenario's 'seed')
      --set path=value     override any scenario field (repeatable)
      -h, --help           show this help
    """

    static let sweep = """
    Usage: sim sweep FILE --set path=v1,v2,… [--set path=…]… [--seeds 1..10] [--policies a,b]
                          [--metrics m1,m2] [--shard i/N|auto] [--out F.jsonl] [--no-progress] [--retrain]
                          [--exploitability [--ghost-pairs N] [--estimation-episodes N] [--resolution M]]
           sim sweep FILE … --out F.jsonl --sbatch [--partition P] [--time T] [--cpus C] [--array-size N]

    Runs every combination of the --set values (the first --set varies slowest) for every policy and
    seed. Writes a header line naming the sweep (scenario digest, axes, policies, seeds, metrics,
    shard), then one JSON line per run:
      {"point": {"<path>": value, …}, "policy": P, "seed": N, "metrics": {"<metric>": x}}
    where x is the metric's mean over the run's episodes. Without --out the lines go to standard
    output; with --out each finished run is appended to the file and forced to disk, and the sweep
    table is printed at the end. An existing --out of the same sweep and shard is resumed: the runs
    it holds are skipped. A file of another sweep or shard is refused (exit 2) and left untouched.

    Options:
      --set path=v1,v2,…   an axis (repeatable); commas inside [..], {..} or quotes do not split
      --seeds LIST         seeds, e.g. 1..10, 7 or 1,4,9 (default: 1..10)
      --policies a,b,…     policies to run (default: all)
      --metrics m1,m2      metrics to record (default: the scenario's outputs.metrics, else all)
      --shard i/N          run only shard i of N; merge the shard files with 'sim merge'. The split is
                           fixed: number the (point, policy) pairs g = 0, 1, … and the seeds s = 0, 1, …
                           in their order; run (g, s) belongs to shard ((g + s) mod N) + 1, so each
                           point's seeds spread over several shards and a lost shard shows up as missing runs
      --shard auto         take the shard from SIM_SHARD=i/N or from a Slurm job array
                           (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1 of SLURM_ARRAY_TASK_COUNT)
      --out F.jsonl        write the lines to F.jsonl (resuming it) and print the sweep table
      --csv F              every run in long format: the swept fields as columns, one row per episode and metric
      --no-progress        no progress line on standard error
      --retrain            train each learned tabular policy anew for every (point, seed), under a
                           training seed derived from the seed as 'sim compare --retrain' does (each
                           line then carries "trainingSeed": T), so a k-sweep measures learners
                           trained at each k with training variance in the intervals; costs one
                           training per (point, learned policy, seed). Without it each point trains
                           its learned policies once, under their own seed
      --exploitability     measure each (point, policy, seed) as 'sim exploitability' does: in tabular
                           worlds the metrics teamReturn, globalGainSameInformation,
                           globalGainFullInformation, localGain, nashConv, relativeNashConv (the best
                           responses computed once per (point, policy); --ghost-pairs,
                           --estimation-episodes and --resolution as in 'sim exploitability'); in
                           time-series worlds meanEpsilon, maxEpsilon, meanCost, relativeMeanEpsilon,
                           onlineGain, onlineCost
      --sbatch             print a Slurm submission script instead of running: a job array of N tasks,
                           each running one shard into F-shard-<i>.jsonl, and a merge job writing F.jsonl
                           once every task succeeded (--dependency=afterok); submit it with bash
      --partition P        the tasks' partition (#SBATCH --partition)
      --time T             the tasks' time limit, e.g. 30, 2:00:00 or 1-12 (#SBATCH --time)
      --cpus C             CPUs per task (default 1)
      --array-size N       tasks in the array (default: min(runs, 8))
      -h, --help           show this help

    Ctrl-C (exit 130) or SIGTERM (exit 143: a scheduler's time limit, preemption or scancel) stops after
    the current event; every finished line is kept, the unfinished run is not written, and running the
    same command again continues the file.
    """

    static let merge = """
    Usage: sim merge F.jsonl… [--out merged.jsonl]

    Reads sweep outputs (e.g. one per shard), checks that they are outputs of one sweep (their header
    lines agree on scenario digest, axes, policies, seeds and metrics) and that every run of that sweep
    appears exactly once, and prints the sweep table: per point and policy, each metric's mean over
    seeds ± its 95% CI half-width (Student t). Exit status 1 when runs are missing or duplicated (the
    missing runs are listed per shard), 2 when a line is malformed or unfinished, a file has no header,
    or the files belong to different sweeps.

    Options:
      --csv F              the merged runs in long format, one row per episode and metric
      --out F.jsonl        also write the merged file: the sweep's header, then the lines verbatim in
                           input order (equal to the unsharded sweep's output up to line order)
      -h, --help           show this help
    """

    static let plot = """
    Usage: sim plot F.jsonl… --x path --y metric [--group path] [--loglog [--fit]] --out F.svg

    Draws --y (a metric) against --x (a swept field) from sweep output as a hand-written SVG chart: one
    line per group (per policy unless --group names another swept field), each point the mean over
    seeds with 95% CI whiskers (Student t). Other fields that vary split the lines further. A numeric
    field gives a numeric axis, anything else a categorical one.

    Options:
      --x path             the swept field on the x axis, e.g. observation.k
      --y metric           the metric on the y axis, e.g. discountedReturn
      --group path         what makes one line: policy (default) or another swept field
      --loglog             log10 axes; points with x or y <= 0 are left out (the title counts them)
      --fit                with --loglog: each line's least-squares slope and its 95% CI in the
                           legend (over the per-x means; t with m - 2 degrees of freedom), drawn dashed
      --out F.svg          the SVG file to write (atomically)
      -h, --help           show this help
    """

    static let bench = """
    Usage: sim bench [--workload W1,W2,…] [--repeat 5] [--threads N] [--size N,…] [--json]

    Runs performance workloads (build with -c release): each after one untimed warm-up, then --repeat
    timed runs; prints median, min and max wall seconds, throughput at the median, and peak resident
    memory, with the budget each figure is held to.

      W1  ping: 1,000 processes, exponential(mean 1) delays, to t = 1,000        (events/s)
      W2  bulk events: 10^6 one-shot events at uniform times, insert then drain  (events/s)
      W3  ring robots: n = 10^3, 10^5, 10^6, 10^7; 5 zones; k = 10; H = 100      (agent-steps/s)
      W4  G-LEARN on ring-zones (uniform local policy), k = 10, 20, 30           (s per solve)
      W5  ring-zones full step (TabularWorld with its tables), n = 10^6, H = 100 (agent-steps/s)
      W6  ts-logistic memoa (m from all N), N = 10^5, 10^6, 200 rounds        (client-steps/s)
      W7  ts-logistic greedy, N = 10^5, 10^6, 200 rounds                      (client-steps/s)
    W6 and W7 also print the split of their time (encoders, scoring, policy, mixture) and the
    bytes per client (peak RSS / N).

    Options:
      --workload W1,…      workloads to run (default: all)
      --repeat N           timed runs per workload (default: 5)
      --threads N          threads for population stepping (default: 1); results are identical
                           for any N, only the time changes
      --size N,…           run these sizes instead of the defined ones (processes for W1,
                           events for W2, agents for W3 and W5, k for W4, clients for W6
                           and W7), e.g. to profile
      --json               print {"workloads": [{"name", "size", "medianSeconds", "minSeconds",
                           "maxSeconds", "throughput", "unit", "peakRSSBytes", …}], …}
      -h, --help           show this help
    """

    /// The help of `command`, nil if there is no such command.
    static let tune = """
    Usage: sim tune FILE --policy P --grid path=v1,v2,… [--grid …]… --on path=value [--on …]…
                         [--set path=value]… [--seeds 1..10] [--metric mixtureRMSE] [--out F] [--no-progress]

    Chooses the hyper-parameters of one policy on data other than the reported window: every
    combination of the --grid values runs the policy on every seed with the --on overrides applied
    (the tuning data, e.g. --on world.validation=true or --on world.start=2000), and the combination
    with the best mean metric (lowest for errors and costs) is chosen. Prints one line per
    combination (mean ± 95% half-width; '*' marks the choice) and the choice as --set lines, which
    --out writes (atomically) one per line, ready for 'sim run FILE $(cat F)'.

    Options:
      --policy P           the policy to tune (required)
      --grid path=v1,…     values to try (repeatable); a path without a dot is a key of the
                           policy: --grid gamma=1,10 means policies.P.gamma
      --on path=value      the tuning data (repeatable, required); not used by the chosen --set lines
      --set path=value     overrides applied to every run (repeatable)
      --seeds LIST         seeds, e.g. 1..10 (default), 7, 1,4,9
      --metric NAME        the metric to optimise (default mixtureRMSE)
      --out F              write the chosen --set lines to F
      --no-progress        no progress line on standard error
      -h, --help           show this help
    """

    static let tables = """
    Usage: sim tables --k K --states L [--rank R | --counts c0,c1,…]

    Prints the order of the count vectors of K sampled agents over L local states: the column order of
    a tabular policy's 'global' table (one row per s_g) and of a trained policy file. Ranks follow the
    combinatorial number system; rank 0 is (0, …, 0, K). With --rank, prints that rank's count vector;
    with --counts, the rank of that count vector.

    Options:
      --k K              the sample size (observation.k), 0…1000
      --states L         the number of local states, 1…255
      --rank R           look up one rank
      --counts c0,c1,…   look up one count vector (L entries summing to K)
    """

    static func of(_ command: String) -> String? {
        switch command {
        case "run": return run
        case "train": return train
        case "validate": return validate
        case "list": return list
        case "compare": return compare
        case "exploitability": return exploitability
        case "step": return step
        case "sweep": return sweep
        case "merge": return merge
        case "plot": return plot
        case "bench": return bench
        case "resume": return resume
        case "tables": return tables
        case "tune": return tune
        default: return nil
        }
    }

    /// The first line of a command's help, shown after a usage error.
    static func line(_ command: String) -> String {
        of(command)?.split(separator: "\n").first.map(String.init) ?? "Usage: sim <command> [options]"
    }
}
