/// The `--shard` of `sim sweep`: a fixed `i/N`, or `auto`, which reads the shard from the environment
/// of a batch job so one job script serves every task of an array.
///
/// `auto` takes, in this order of checks:
/// - `SIM_SHARD=i/N` (any scheduler, GNU parallel, a shell loop);
/// - Slurm's job-array variables: shard `SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1` of
///   `SLURM_ARRAY_TASK_COUNT`. The array must be a contiguous range (`--array=1-8`, `--array=0-7%2`):
///   when `SLURM_ARRAY_TASK_MAX` or `SLURM_ARRAY_TASK_STEP` is set it must agree with that.
/// When both are set they must name the same shard. No shard in the environment, a partial set of
/// Slurm variables, or values that do not fit are usage errors (exit 2) that say what was found.
enum ShardChoice: Equatable {
    case fixed(index: Int, count: Int)
    case auto

    /// Parses the value of `--shard`: `auto` or `i/N` with 1 <= i <= N.
    static func parse(_ text: String) throws -> ShardChoice {
        if text == "auto" { return .auto }
        guard let (i, n) = fraction(text) else {
            throw CLIError.badValue(option: "--shard", value: text, expected: "i/N with 1 <= i <= N (e.g. 2/8), or auto")
        }
        return .fixed(index: i, count: n)
    }

    /// The shard as (i, N), reading `environment` for `auto`.
    /// - Throws: ``CLIError/conflict(_:)`` naming the variables when `auto` finds no usable shard.
    func resolve(environment: [String: String]) throws -> (index: Int, count: Int) {
        switch self {
        case .fixed(let i, let n): return (i, n)
        case .auto:
            let generic = try Self.generic(environment)
            let slurm = try Self.slurm(environment)
            switch (generic, slurm) {
            case (nil, nil):
                throw CLIError.conflict("--shard auto: no shard in the environment; set SIM_SHARD=i/N, or run the sweep as a task of "
                                        + "a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT), "
                                        + "or give --shard i/N")
            case (let g?, let s?) where g != s:
                throw CLIError.conflict("--shard auto: SIM_SHARD=\(g.index)/\(g.count) disagrees with the Slurm array, which makes "
                                        + "this shard \(s.index)/\(s.count); unset SIM_SHARD or make it agree")
            case (let g?, _): return (g.index, g.count)
            case (nil, let s?): return (s.index, s.count)
            }
        }
    }

    private struct Shard: Equatable {
        let index: Int, count: Int
    }

    private static func generic(_ environment: [String: String]) throws -> Shard? {
        guard let text = environment["SIM_SHARD"], !text.isEmpty else { return nil }
        guard let (i, n) = fraction(text) else {
            throw CLIError.conflict("--shard auto: SIM_SHARD='\(text)' is not i/N with 1 <= i <= N (e.g. SIM_SHARD=2/8)")
        }
        return Shard(index: i, count: n)
    }

    private static func slurm(_ environment: [String: String]) throws -> Shard? {
        let names = ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT"]
        let given = names.filter { environment[$0].map { !$0.isEmpty } ?? false }
        if given.isEmpty { return nil }
        if let absent = names.first(where: { !given.contains($0) }) {
            throw CLIError.conflict("--shard auto: \(given.joined(separator: ", ")) set but \(absent) is not; "
                                    + "run inside a Slurm job array (sbatch --array=1-N) or set SIM_SHARD=i/N")
        }
        func number(_ name: String) throws -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text), value >= 0 else {
                throw CLIError.conflict("--shard auto: \(name)='\(text)' is not a whole number >= 0")
            }
            return value
        }
        let id = try number(names[0])!, low = try number(names[1])!, count = try number(names[2])!
        let describe = "SLURM_ARRAY_TASK_ID=\(id), SLURM_ARRAY_TASK_MIN=\(low), SLURM_ARRAY_TASK_COUNT=\(count)"
        guard count >= 1, id >= low, id - low < count else {
            throw CLIError.conflict("--shard auto: \(describe) do not make a shard i/N with 1 <= i <= N")
        }
        if let step = try number("SLURM_ARRAY_TASK_STEP"), step != 1 {
            throw CLIError.conflict("--shard auto: the job array steps by \(step) (SLURM_ARRAY_TASK_STEP); use a contiguous range, e.g. --array=1-\(count)")
        }
        if let high = try number("SLURM_ARRAY_TASK_MAX"), high - low + 1 != count {
            throw CLIError.conflict("--shard auto: the job array \(low)..\(high) has gaps (SLURM_ARRAY_TASK_COUNT=\(count)); "
                                    + "use a contiguous range, e.g. --array=\(low)-\(low + count - 1)")
        }
        return Shard(index: id - low + 1, count: count)
    }

    /// `i/N` with 1 <= i <= N, else nil.
    private static func fraction(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        return (i, n)
    }
}
