import Engine
import Scenarios

/// The state of a `sim step` session: the run, its breakpoints and whether trace lines are printed.
/// Every executed event prints its trace line (text form) while tracing is on.
struct Stepper {
    private(set) var session: any RunSession
    /// Receives every event's trace record.
    let buffer: TraceLineBuffer
    /// The event kinds this world dispatches (valid breakpoints).
    let kinds: [String]
    /// Breakpoint kinds, in the order set: a run stops after executing an event of one of them.
    private(set) var breaks: [String] = []
    /// Whether trace lines are printed.
    private(set) var tracing = true
    /// The scenario's policies, and the one being stepped.
    let policies: [String]
    private(set) var policy: String
    /// Starts a run of the named policy at t = 0 under the session's seed.
    let makeSession: (String) throws -> any RunSession

    init(policy: String, policies: [String], kinds: [String], makeSession: @escaping (String) throws -> any RunSession) throws {
        self.policy = policy
        self.policies = policies
        self.kinds = kinds
        self.makeSession = makeSession
        buffer = TraceLineBuffer()
        session = try Self.start(policy, makeSession)
        session.attachTrace(buffer, filter: TraceFilter())
        session.recordLastStep()
    }

    /// A new run of `policy`. Making it may train the policy, which polls Ctrl-C and stops early: a
    /// policy cut short in training is not stepped, the session ends (exit 130).
    private static func start(_ policy: String, _ makeSession: (String) throws -> any RunSession) throws -> any RunSession {
        let session = try makeSession(policy)
        if Interrupt.requested { throw Interrupted(detail: "while training \(policy); the session ended") }
        return session
    }

    /// Executes one instruction (not `quit`).
    /// - Throws: ``StepError`` for a wrong argument, or what the run throws.
    mutating func perform(_ instruction: StepInstruction, console: inout Console) throws {
        switch instruction {
        case .next(let n): try next(n, console: &console)
        case .until(let time): try run(until: time, console: &console)
        case .continue: try run(until: session.endTime, console: &console)
        case .breakOn(let kind): try addBreak(kind, console: &console)
        case .listBreaks: console.out(breaks.isEmpty ? "no breakpoints" : "breakpoints: " + breaks.joined(separator: ", "))
        case .clear(let kind): try clear(kind, console: &console)
        case .show(let query): try show(query, console: &console)
        case .showMetrics: showMetrics(console: &console)
        case .trace(let on): tracing = on; console.out("trace " + (on ? "on" : "off"))
        case .policy(let name): try switchPolicy(name, console: &console)
        case .help: console.out(Self.help)
        case .quit, .nothing: break
        }
    }

    /// Ends the session: closes the trace.
    mutating func finish() throws { _ = try session.detachTrace() }

    private mutating func next(_ count: Int, console: inout Console) throws {
        for _ in 0..<count {
            guard let event = try session.step() else { return reportEnd(console: &console) }
            emit(buffer.drain(), tracing: tracing, console: &console)
            if breaks.contains(event.kind.name) {
                return console.out("breakpoint: \(event.kind.name) at t=\(JSONText.number(event.time))")
            }
        }
    }

    /// Runs events before `time`, stopping after an event of a breakpoint kind or on Ctrl-C.
    private mutating func run(until time: SimTime, console: inout Console) throws {
        guard session.now < session.endTime else { return reportEnd(console: &console) }
        guard time > session.now else {
            throw StepError.invalid("until \(JSONText.number(time)): not after the current time t=\(JSONText.number(session.now))")
        }
        let buffer = self.buffer, breaks = self.breaks, tracing = self.tracing
        var hit: String?
        Interrupt.reset()
        // Called before each event: print what the previous event traced, then stop if it was a breakpoint.
        let stopped = try session.run(until: time) {
            guard let kind = buffer.lastKind else { return Interrupt.requested }
            emit(buffer.drain(), tracing: tracing, console: &console)
            if breaks.contains(kind) { hit = kind }
            return hit != nil || Interrupt.requested
        }
        emit(buffer.drain(), tracing: tracing, console: &console)
        let at = "t=\(JSONText.number(session.now))"
        if let hit {
            console.out("breakpoint: \(hit) at \(at)")
        } else if stopped {
            Interrupt.reset()
            console.out("interrupted at \(at)")
        } else if session.now >= session.endTime {
            reportEnd(console: &console)
        }
    }

    /// Lists the policies, or restarts the run at t = 0 with another one under the same seed (so it
    /// sees the same exogenous randomness); breakpoints and the trace setting are kept.
    private mutating func switchPolicy(_ name: String?, console: inout Console) throws {
        guard let name else {
            return console.out("policy \(policy) (policies: \(policies.joined(separator: ", ")))")
        }
        guard policies.contains(name) else {
            let guess = EditDistance.suggestion(for: name, among: policies).map { "did you mean '\($0)'? " } ?? ""
            throw StepError.invalid("no policy '\(name)' in this scenario (\(guess)policies: \(policies.joined(separator: ", ")))")
        }
        _ = try session.detachTrace()
        _ = buffer.drain()
        session = try Self.start(name, makeSession)
        session.attachTrace(buffer, filter: TraceFilter())
        session.recordLastStep()
        policy = name
        console.out("policy \(name): restarted at t=0")
    }

    private mutating func addBreak(_ kind: String, console: inout Console) throws {
        guard kinds.contains(kind) else {
            let guess = EditDistance.suggestion(for: kind, among: kinds).map { "did you mean '\($0)'? " } ?? ""
            throw StepError.invalid("no event kind '\(kind)' in this world (\(guess)kinds: \(kinds.joined(separator: ", ")))")
        }
        if !breaks.contains(kind) { breaks.append(kind) }
        console.out("breakpoint on \(kind)")
    }

    private mutating func clear(_ kind: String?, console: inout Console) throws {
        guard let kind else { breaks.removeAll(); return console.out("breakpoints cleared") }
        guard let i = breaks.firstIndex(of: kind) else { throw StepError.invalid("no breakpoint on '\(kind)'") }
        breaks.remove(at: i)
        console.out("breakpoint on \(kind) cleared")
    }

    private func show(_ query: Inspection, console: inout Console) throws {
        guard let fields = session.inspect(query) else {
            if case .agent(let i) = query {
                let count = session.agentCount
                throw StepError.invalid(count > 0 ? "no agent \(i): agents are numbered 0…\(count - 1)" : "no agent \(i): this world has no agents to show")
            }
            throw StepError.invalid("nothing to show for \(query)")
        }
        for (key, value) in fields { console.out("\(key): \(value)") }
    }

    private func showMetrics(console: inout Console) {
        console.out("t: \(JSONText.number(session.now))")
        console.out("events: \(session.dispatched)")
        for (name, stats) in session.metricsSoFar {
            let value = stats.count > 0 ? TextTable.format(stats.mean) + " (mean of \(stats.count) completed episode(s))" : "no completed episode yet"
            console.out("\(name): \(value)")
        }
        for series in session.seriesSoFar {
            let last = series.values.last.map { TextTable.format($0) } ?? "none"
            console.out("\(series.name): last \(last) (\(series.values.count) step(s))")
        }
    }

    private func reportEnd(console: inout Console) {
        console.out("end of run at t=\(JSONText.number(session.now)) after \(session.dispatched) events")
    }

    static let help = """
    next [n]         execute the next n events (default 1), printing each event's trace line
    until T          execute the events before simulated time T
    continue         execute events to the end of the run
    break KIND       stop after each event of KIND (break alone lists the breakpoints)
    clear [KIND]     remove one breakpoint, or all
    show agent I     one local agent's state, last action and last local reward (agents 0…n-1)
    show global      the global agent's state
    show meanfield   the population's histogram and mean-field
    show metrics     metrics of the completed episodes and the last per-step values
    trace on|off     print (default) or hide the trace lines of executed events
    policy [NAME]    list the policies, or restart at t=0 with policy NAME (same seed)
    help             this list
    quit             end the session (end of input does too)
    """
}

/// Prints trace records in the compact text form, one line each.
private func emit(_ records: [TraceRecord], tracing: Bool, console: inout Console) {
    guard tracing else { return }
    for record in records { console.out(String(TextLineFormat.line(record).dropLast())) }
}
