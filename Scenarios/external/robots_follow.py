#!/usr/bin/env python3
"""The continuous robots' `follow` local rule as an external local population (standard library only).

The simulator speaks the external-policy protocol (JSON Lines, version 1) on this process's standard
input and output; see the README's "Policies in any language". In the `local` role of the
`robots-continuous` world it sends, once per tick, the global state s_g and every robot's position (numbers
on the interval the hello gives), and reads back every robot's move: an index into the moves the hello
lists (by default 0 stays, 1 steps up, 2 steps down). Each robot stays within `--tolerance` (default
0.05) of s_g and otherwise steps towards it: exactly the built-in `local: "follow"`, so the runs are
byte-identical to it under the same seed (JSON numbers read back exactly as the simulator wrote them).
"""
import json
import sys


def main():
    tolerance = float(sys.argv[sys.argv.index("--tolerance") + 1]) if "--tolerance" in sys.argv else 0.05
    for line in sys.stdin:
        message = json.loads(line)
        kind = message["type"]
        if kind == "hello":
            if message["version"] != 1 or message["role"] != "local" or message["world"] != "robots-continuous":
                sys.exit("this policy speaks protocol version 1 in the robots' local role, got %r" % message)
            reply = {"type": "ready", "version": 1}
        elif kind == "act":
            target = message["globalState"]
            actions = []
            for position in message["states"]:
                gap = target - position
                actions.append(0 if abs(gap) <= tolerance else (1 if gap > 0 else 2))
            reply = {"actions": actions}
        elif kind == "end":
            return
        else:  # "episode" and "reward" need no answer
            continue
        sys.stdout.write(json.dumps(reply, separators=(",", ":")) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
