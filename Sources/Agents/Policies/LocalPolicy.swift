import Engine

/// The local role: how the local agents choose their actions, each from its own state and the global
/// state (a_i ~ π_l(· | s_g, s_i), Anand & Karmarkar 2026). Adopted by the tabular worlds' tables
/// (``LocalPolicyTable``), the robots' rules (``RobotsContinuousLocalRule``) and a population whose
/// actions come from another process (`local: { kind: "external" }`).
///
/// A world may step a built-in rule in its own fused loop (one table lookup per agent, no dynamic
/// dispatch); ``actions(states:globalState:step:stream:)`` is the population's decision as one call,
/// and draws exactly what such a loop draws, so the two agree action for action.
public protocol LocalPolicy<AgentState, GlobalState>: PolicyRole {
    /// What an agent observes of itself: a state index (tabular worlds) or a position (robots).
    associatedtype AgentState: Sendable
    /// What the agents observe of the global agent.
    associatedtype GlobalState: Sendable
    /// Every agent's action index for population step `step`, in agent order, from the agents' `states`
    /// before the step. Agent i's randomness is the policy stream's cell (i, step) of `stream`.
    /// - Throws: when the policy cannot answer (an external process failed); the run stops.
    func actions(states: [AgentState], globalState: GlobalState, step: Int, stream: RandomStream) throws -> [UInt8]
}

/// The local rules a scenario names by a word (`local: "follow"`), shared by the tabular and the robots
/// worlds; each world builds its own form (a table, or a rule on positions).
public enum NamedLocalRule: String, CaseIterable, Sendable {
    /// Uniform actions (baseline).
    case random
    /// Step toward the global state, stay once there.
    case follow
    /// Always the first action (stay).
    case stay
}
