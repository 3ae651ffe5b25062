import Foundation
import Scenarios

/// The Slurm submission script of `sim sweep … --sbatch`: a bash script that submits a job array of N
/// tasks, each running one shard (`--shard auto`) into its own file, and a merge job that waits for
/// every task to succeed (`--dependency=afterok`) and writes the merged output.
///
/// Each task `exec`s `sim`, so the SIGTERM Slurm sends at a time limit, on preemption or on
/// `scancel --full --signal=TERM` reaches `sim` itself (plain `scancel --signal` signals job steps
/// only, and the task is the batch step): the task keeps its finished runs and exits 143.
/// Requeued (`scontrol requeue`) or submitted again, a task resumes its shard file. A task that
/// exited 143 has failed, and Slurm keeps an array's worst exit code, so the merge job's `afterok` on
/// the array is then never met: the script's comment gives the `scontrol update` that points the
/// merge job at the requeued task instead (the integration test does exactly this). Paths are made
/// absolute, so the script runs from any folder; every value is single-quoted for the shell.
struct BatchScript {
    /// Tasks when `--array-size` is not given (fewer when the sweep has fewer runs).
    static let defaultTasks = 8

    let executable: String
    let scenario: String
    let options: SweepOptions
    let batch: SweepOptions.BatchOptions
    let identity: SweepIdentity
    let workingDirectory: String
    /// The data folder of `--data` or `SIM_DATA` when the script is written, passed on to every task
    /// (the jobs run in the environment of `bash submit.sh`, which may not have it).
    let dataFolder: String?

    /// The array size: `--array-size`, else min(runs, ``defaultTasks``).
    /// - Throws: ``CLIError/conflict(_:)`` when more tasks than runs are asked for.
    func tasks() throws -> Int {
        let runs = identity.plan.items.count
        guard let size = batch.arraySize else { return min(runs, Self.defaultTasks) }
        guard size <= runs else { throw CLIError.conflict("--array-size \(size) is more tasks than the sweep's \(runs) runs; ask for at most \(runs)") }
        return size
    }

    /// Characters an `--out` path may have with `--sbatch`: it appears in `#SBATCH --output=` lines,
    /// where Slurm reads `%` as a pattern and the shell's quoting does not apply.
    static func isPlainPath(_ path: String) -> Bool {
        !path.isEmpty && path.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/._-+@,=:".unicodeScalars.contains($0)) }
    }

    /// `text` quoted for bash (single quotes; a quote inside becomes `'\''`).
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }

    func text() throws -> String {
        let n = try tasks(), runs = identity.plan.items.count
        let out = absolute(options.out ?? "sweep.jsonl")
        guard Self.isPlainPath(out) else {
            throw CLIError.conflict("--sbatch needs an --out path of letters, digits and / . _ - + @ , = : only (it goes into #SBATCH lines), got '\(out)'")
        }
        let stem = out.hasSuffix(".jsonl") ? String(out.dropLast(6)) : out
        let name = identity.scenario.filter { $0.isLetter || $0.isNumber || "_-.".contains($0) }.prefix(40)
        var sweep = [Self.quoted(executable), "sweep", Self.quoted(scenario)]
        for axis in identity.axes {
            sweep += ["--set", Self.quoted(axis.path + "=" + axis.values.map { $0.rendered(indent: 0) }.joined(separator: ","))]
        }
        sweep += ["--seeds", Self.quoted(SeedList.render(identity.seeds)), "--policies", Self.quoted(identity.policies.joined(separator: ",")),
                  "--metrics", Self.quoted(identity.metrics.joined(separator: ",")), "--shard", "auto",
                  "--out", "\"" + stem + "-shard-${SLURM_ARRAY_TASK_ID}.jsonl\"", "--no-progress"] + options.measurementArguments
        if let dataFolder { sweep += ["--data", Self.quoted(absolute(dataFolder))] }
        var common: [String] = []
        if let partition = batch.partition { common.append("#SBATCH --partition=\(partition)") }
        if let time = batch.time { common.append("#SBATCH --time=\(time)") }
        return """
        #!/usr/bin/env bash
        # Slurm submission of a sweep of \(identity.scenario) (\(runs) runs), written by 'sim sweep … --sbatch'.
        # A job array of \(n) task(s) runs one shard each (sim reads SLURM_ARRAY_TASK_ID through --shard auto)
        # into \(stem)-shard-<task>.jsonl; a merge job starts when every task has succeeded and writes
        # \(out). A task stopped by its time limit, a preemption or 'scancel --full --signal=TERM' keeps
        # its finished runs and exits 143. Its failure breaks the merge job's afterok; to continue it:
        #   scontrol requeue ARRAY_TASK; scontrol update JobId=ARRAY_TASK StartTime=now
        #   scontrol update JobId=MERGE_JOB Dependency=afterok:ARRAY_TASK
        # (ARRAY_TASK as in squeue, e.g. 1234_2), or run this script again: finished runs are skipped.
        # Submit with: bash THIS_FILE
        set -euo pipefail
        cd \(Self.quoted(workingDirectory))
        array_job=$(sbatch --parsable <<'SIM_ARRAY_TASK'
        #!/usr/bin/env bash
        #SBATCH --job-name=sweep-\(name)
        #SBATCH --array=1-\(n)
        #SBATCH --ntasks=1
        #SBATCH --cpus-per-task=\(batch.cpus)
        \(common.map { $0 + "\n" }.joined())#SBATCH --requeue
        #SBATCH --open-mode=append
        #SBATCH --output=\(stem)-shard-%a.log
        exec \(sweep.joined(separator: " "))
        SIM_ARRAY_TASK
        )
        array_job=${array_job%%;*}
        merge_job=$(sbatch --parsable --dependency=afterok:"$array_job" <<'SIM_MERGE'
        #!/usr/bin/env bash
        #SBATCH --job-name=merge-\(name)
        #SBATCH --ntasks=1
        \(common.map { $0 + "\n" }.joined())#SBATCH --output=\(stem)-merge.log
        files=()
        for i in $(seq 1 \(n)); do files+=(\(Self.quoted(stem + "-shard-"))"$i"'.jsonl'); done
        exec \(Self.quoted(executable)) merge "${files[@]}" --out \(Self.quoted(out))
        SIM_MERGE
        )
        echo "submitted job array $array_job (\(n) task(s), \(runs) runs) and merge job ${merge_job%%;*} (runs after every task succeeded)"

        """
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: workingDirectory).appendingPathComponent(path).standardizedFileURL.path
    }
}
