import Foundation
import Engine
import Scenarios

/// `sim step`: an interactive stepper over one run. Reads commands from standard input; prompts only
/// when the input is a terminal, so a script can be piped in. In a script the first bad command ends
/// the session with exit status 2; at a terminal the error is shown and the session goes on.
struct StepCommand {
    let options: StepOptions
    /// Reads the next input line; nil at end of input.
    let readLine: () -> String?
    /// Whether the input is a terminal.
    let interactive: Bool

    /// Standard input, prompting when it is a terminal.
    static func live(_ options: StepOptions) -> StepCommand {
        StepCommand(options: options, readLine: { Swift.readLine(strippingNewline: true) }, interactive: isatty(STDIN_FILENO) == 1)
    }

    /// Returns false when a script stopped on a bad command (exit 2).
    func execute(console: inout Console) throws -> Bool {
        let scenario = try Scenario.load(file: options.file, overrides: try options.overrides.map(Override.parse),
                                         selected: options.policy.map { [$0] })
        let policy = options.policy ?? scenario.policyNames[0]
        guard scenario.policyNames.contains(policy) else { throw scenario.unknownPolicy(policy) }
        let seed = options.seed ?? scenario.seed
        Interrupt.install()
        var stepper = try Stepper(policy: policy, policies: scenario.policyNames, kinds: scenario.world.eventKinds.map(\.name)) {
            try scenario.makeSession(policy: $0, seed: seed)
        }
        if interactive {
            console.out("\(scenario.name): policy \(policy), seed \(seed), runs to t=\(stepper.session.endTime); type 'help' for commands")
        }
        defer { try? stepper.finish() }
        var lineNumber = 0
        while true {
            if interactive { console.outPartial("(sim) ") }
            guard let line = readLine() else { return true }
            lineNumber += 1
            do {
                let instruction = try StepInstruction.parse(line)
                if instruction == .quit { return true }
                try stepper.perform(instruction, console: &console)
                // Ctrl-C only stops the current command; SIGTERM (a scheduler's stop) ends the session.
                if Interrupt.terminated { throw Interrupted(detail: "at t=\(JSONText.number(stepper.session.now))") }
            } catch let error as StepError {
                console.err(interactive ? "error: \(error)" : "Error: line \(lineNumber): '\(line)': \(error)")
                if !interactive { return false }
            }
        }
    }
}
