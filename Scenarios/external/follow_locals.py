#!/usr/bin/env python3
"""The `follow` local rule as an external local population (standard library only).

The simulator speaks the external-policy protocol (JSON Lines, version 1) on this process's standard
input and output; see the README's "Policies in any language". In the `local` role it sends, once per
tick, the global agent's zone and every robot's zone, and reads back every robot's action: 0 stays,
1 moves one zone forward, 2 one zone back. Each robot moves the shorter way round the ring towards the
global agent's zone (forward on a tie) and stays once there: exactly the built-in `local: "follow"`,
so the runs are byte-identical to it under the same seed.
"""
import json
import sys


def main():
    zones = 0
    for line in sys.stdin:
        message = json.loads(line)
        kind = message["type"]
        if kind == "hello":
            if message["version"] != 1 or message["role"] != "local":
                sys.exit("this policy speaks protocol version 1 in the local role, got %r" % message)
            zones = message["observation"]["states"]["size"]
            reply = {"type": "ready", "version": 1}
        elif kind == "act":
            target = message["globalState"]
            actions = []
            for zone in message["states"]:
                forward = (target - zone) % zones
                actions.append(0 if forward == 0 else (1 if forward <= zones - forward else 2))
            reply = {"actions": actions}
        elif kind == "end":
            return
        else:  # "episode" and "reward" need no answer
            continue
        sys.stdout.write(json.dumps(reply, separators=(",", ":")) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
