#!/usr/bin/env python3
"""A small online learner as an external global policy (standard library only).

Tabular Q-learning on the global agent's own observation: the key is (global state, mode of the k
sampled counts, whether that mode holds at least half of them), the action is the global action. It
learns online from the `reward` messages the simulator sends after every step, explores with an
epsilon that decays over the run, and draws its randomness from the seed of the `hello`, so a run is
reproducible. See the README's "Policies in any language".
"""
import json
import random
import sys


def main():
    q = {}
    rng = None
    actions = 0
    gamma = 0.95
    alpha = 0.1
    decisions = 0
    total_decisions = 1
    previous = None  # (key, action) of the last decision, waiting for its reward
    pending_reward = None

    def key_of(message):
        counts = message["counts"]
        mode = counts.index(max(counts))
        return (message["globalState"], mode, 2 * counts[mode] >= sum(counts))

    def values(key):
        return q.setdefault(key, [0.0] * actions)

    for line in sys.stdin:
        message = json.loads(line)
        kind = message["type"]
        if kind == "hello":
            if message["version"] != 1:
                sys.exit("this policy speaks protocol version 1, the simulator sent %r" % message["version"])
            rng = random.Random(message["seed"])
            actions = message["action"]["size"]
            gamma = message["gamma"]
            total_decisions = max(1, message["horizon"] * message["episodes"])
            sys.stdout.write(json.dumps({"type": "ready", "version": 1}) + "\n")
            sys.stdout.flush()
        elif kind == "episode":
            previous = None  # no bootstrapping across episodes
        elif kind == "reward":
            pending_reward = message["reward"]
        elif kind == "act":
            key = key_of(message)
            if previous is not None and pending_reward is not None:
                old_key, old_action = previous
                target = pending_reward + gamma * max(values(key))
                row = values(old_key)
                row[old_action] += alpha * (target - row[old_action])
            epsilon = max(0.02, 1.0 - decisions / (0.5 * total_decisions))
            row = values(key)
            if rng.random() < epsilon:
                action = rng.randrange(actions)
            else:
                best = max(row)
                action = row.index(best)
            decisions += 1
            previous = (key, action)
            pending_reward = None
            sys.stdout.write(json.dumps({"action": action}) + "\n")
            sys.stdout.flush()
        elif kind == "end":
            return


if __name__ == "__main__":
    main()
