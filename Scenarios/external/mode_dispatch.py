#!/usr/bin/env python3
"""mode-dispatch as an external global policy (standard library only).

The simulator speaks the external-policy protocol (JSON Lines, version 1) on this process's standard
input and output; see the README's "Policies in any language". The global action is the local state
holding the most of the k sampled agents, lowest index on ties: exactly the built-in `mode-dispatch`,
so the runs are byte-identical to it under the same seed.
"""
import json
import sys


def main():
    for line in sys.stdin:
        message = json.loads(line)
        kind = message["type"]
        if kind == "hello":
            if message["version"] != 1:
                sys.exit("this policy speaks protocol version 1, the simulator sent %r" % message["version"])
            reply = {"type": "ready", "version": 1}
        elif kind == "act":
            counts = message["counts"]
            reply = {"action": counts.index(max(counts))}  # first maximum: lowest index on ties
        elif kind == "end":
            return
        else:  # "episode" and "reward" need no answer
            continue
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
