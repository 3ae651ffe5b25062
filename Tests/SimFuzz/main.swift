import Foundation
import SimTestSupport

// The command-line fuzz campaign (Tests/fuzz/cli-fuzz.sh runs it on the release build):
//
//   sim-fuzz --sim .build/release/sim [--count 20000] [--seed 1] [--jobs 2] [--timeout 60] [--first 0]
//
// Runs mutants first..<first+count of CLIMutator(seed) through `sim`, each in a scratch copy of the
// scenarios and data, prints the outcome counts per command and every fault (crash, hang, exit outside
// {0, 1, 2, 130}, failure without a message, an input file changed), and exits 1 when there is one.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("sim-fuzz: \(message)\n".utf8))
    exit(2)
}

var options: [String: String] = ["--count": "20000", "--seed": "1", "--jobs": "2", "--timeout": "60", "--first": "0"]
var words = CommandLine.arguments.dropFirst()
while let word = words.popFirst() {
    guard word.hasPrefix("--"), options.keys.contains(word) || word == "--sim", let value = words.popFirst() else {
        fail("usage: sim-fuzz --sim PATH [--count N] [--seed S] [--jobs J] [--timeout SECONDS] [--first I]")
    }
    options[word] = value
}
guard let simPath = options["--sim"] else { fail("--sim PATH is required") }
guard let count = Int(options["--count"]!), count >= 0, let seed = UInt64(options["--seed"]!),
      let jobs = Int(options["--jobs"]!), jobs >= 1, let timeout = Double(options["--timeout"]!), timeout > 0,
      let first = Int(options["--first"]!), first >= 0 else { fail("bad number in \(options)") }
let sim = URL(fileURLWithPath: simPath).standardizedFileURL
guard FileManager.default.isExecutableFile(atPath: sim.path) else { fail("no executable at \(sim.path)") }

let repository = RepositoryFiles.root
let mutator = CLIMutator(seed: seed, scenarios: try CLIFuzzWorkspace.scenarios(repository: repository))
let campaign = CLIFuzzCampaign(mutator: mutator, sim: sim, timeout: timeout)
let started = Date()
print("sim-fuzz: \(count) mutants from \(first), seed \(seed), \(jobs) jobs, timeout \(Int(timeout)) s, \(mutator.targets.count) scenarios")
try campaign.run(first..<(first + count), jobs: jobs, repository: repository) { done in
    if done % 1000 == 0 { print("  \(done) done, \(Int(Date().timeIntervalSince(started))) s") }
}
let seconds = Date().timeIntervalSince(started)
print(campaign.summary())
print(String(format: "wall %.0f s", seconds))
for outcome in campaign.faults.prefix(100) {
    print("FAULT \(outcome.fault!): \(outcome.mutant.label)" + (outcome.mutant.input.map { " <<< \($0.debugDescription)" } ?? ""))
    print("   stderr: \(outcome.stderr.prefix(300).debugDescription)")
}
for change in campaign.changedInputs.prefix(100) { print("INPUT CHANGED \(change)") }
exit(campaign.faults.isEmpty && campaign.changedInputs.isEmpty ? 0 : 1)
