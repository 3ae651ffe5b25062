/// Extra fuzz corpus beside `Scenarios/`: scenario texts that reach the loader paths the examples do
/// not (explicit tables, tabular global policies, custom and Poisson schedules, trace windows). They
/// live here rather than in `Scenarios/`, which holds runnable examples with golden outputs.
public enum FuzzSeeds {
    public static let all: [(name: String, text: String)] = [("seed-explicit-tables.json5", explicitTables),
                                                      ("seed-ring-zones-knobs.json5", ringZonesKnobs)]

    public static let explicitTables = """
    // Two global states and actions, two local states and actions, every table inline.
    {
      name: "fuzz-explicit-tables",
      description: 'single-quoted strings, comments, trailing commas',
      seed: 11, horizon: 6, episodes: 2, gamma: 0.9,
      world: {
        kind: "tabular",
        localAgents: 40,
        initialDistribution: [0.25, 0.75],
        localUsesNextGlobal: true,
        tables: {
          description: "P_g [s_g][a_g][s_g'], P_l [s_l][s_g][a_l][s_l']",
          P_g: [[[0.9, 0.1], [0.2, 0.8]], [[0.7, 0.3], [0.1, 0.9]]],
          P_l: [[[[1, 0], [0.5, 0.5]], [[0.6, 0.4], [0.3, 0.7]]],
                [[[0.2, 0.8], [0, 1]], [[0.5, 0.5], [0.25, 0.75]]]],
          R_g: [[1, 0], [0, 1]],
          R_l: [[[1, 0.5], [0, -1]], [[2, 0], [1.5, 0.25]]],
        },
      },
      observation: { k: 2 },
      schedule: {
        globalObserve: { every: 1, offset: 0 },
        globalStep: { every: 1 },
        audit: { poisson: 0.5, priority: 70, custom: true },
        report: { triggeredBy: "globalStep", delay: 0.5, custom: true },
        mixtureUpdate: { never: true },
      },
      policies: {
        table: { kind: "tabular", global: [[0, 1, 1], [1, 0, 0]], local: [[[0.5, 0.5], [1, 0]], [[0, 1], [0.25, 0.75]]] },
        dispatch: { kind: "mode-dispatch", local: "stay" },
        random: { kind: "random", local: "random" },
      },
      outputs: {
        metrics: ["discountedReturn", "modeAccuracy"],
        trace: { kinds: ["globalStep", "audit", "report"], agents: [0, 10], from: 0, to: 20, format: "text" },
      },
    }
    """

    public static let ringZonesKnobs = """
    {
      name: "fuzz-ring-zones-knobs", seed: 3, horizon: 5, episodes: 2, gamma: 0.5,
      world: {
        kind: "ring-zones", localAgents: 60, zones: 4, dirichletAlpha: 0.3,
        globalTargetLogit: 3, globalCurrentLogit: 0.5, globalFloorLogit: 0.1,
        localFloorLogit: 0.1, localCurrentLogit: 3.5, localNeighbourLogit: 1.5, localGlobalLogit: 0.3,
        globalReward: 1, matchReward: 10, nearReward: 2, actionBonus: [0, 0.5, -0.3], localUsesNextGlobal: false,
      },
      observation: { k: 5 },
      schedule: { globalObserve: { every: 1 }, globalStep: { every: 2, offset: 1 }, policyStep: { every: 1 } },
      policies: { follow: { kind: "mode-dispatch", local: "follow" }, random: { kind: "random" } },
      outputs: { metrics: ["modeAccuracy"], trace: { kinds: ["worldTick"] } },
    }
    """
}
