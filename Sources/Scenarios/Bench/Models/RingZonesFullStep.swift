import Agents
import Engine

/// W5 "ring-zones full step": the real ``TabularWorld`` with the ring-zones tables (their
/// defaults), the `mode-dispatch` global policy and uniform local actions, one episode of `horizon`
/// steps through the engine with the tabular worlds' schedule (worldTick per episode, then
/// globalObserve, globalStep and policyStep every tick).
public enum RingZonesFullStep {
    /// The simulation; `run(until: horizon)` performs `n · horizon` agent-steps (plus the episode's
    /// initial draw of every agent).
    public static func simulation(agents n: Int, horizon: Int, seed: UInt64, threads: Int = 1) -> Simulation<TabularWorld> {
        let ring = RingZones()
        let game = ring.game()
        // k = 10, or n when smaller (the subsample is drawn without replacement).
        let config = TabularWorldConfig(agents: n, k: min(10, n), gamma: 0.95, horizon: horizon,
                                        initial: .dirichlet(alpha: ring.dirichletAlpha))
        let local = LocalPolicyTable.uniform(globalStates: game.globalStates, localStates: game.localStates, actions: game.localActions)
        var world = TabularWorld(game: game, config: config, globalPolicy: ModeDispatchPolicy(), localPolicy: local, seed: seed)
        world.threads = threads
        let schedule: [(kind: EventKind, schedule: Schedule)] = [
            (.worldTick, .every(period: Double(horizon), offset: 0)),
            (.globalObserve, .everyTick), (.globalStep, .everyTick), (.policyStep, .everyTick),
        ]
        return Simulation(model: world, schedules: ScheduleTable(schedule, seed: seed, agents: n))
    }
}
