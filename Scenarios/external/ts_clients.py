#!/usr/bin/env python3
"""A time-series client population as an external policy (standard library only).

The simulator speaks the external-policy protocol (JSON Lines, version 1) on this process's standard
input and output; see the README's "Policies in any language". In role "client" it sends one `forecast`
message per round carrying every client's encoder output Z_i,t (a flat list, [client][row][column]),
the last observation y_t and the clients' current predictions; this process answers every client's
prediction of y_t+1 in one list. After each answer an `outcome` message brings the realized y_t+1 and
each client's squared error, so a learner can learn online.

  --rule persistence   every client predicts y_t: exactly the built-in `persistence`, so the runs are
                       byte-identical to it under the same seed (Python's float repr reads back exactly)
  --rule nlms          every client reads its echo-state encoder out linearly, Yhat_i,t+1 = Z_i,t beta_i,
                       and moves beta_i by a normalized least-mean-squares step on what it missed:
                       beta_i += rate * (y_t+1 - Z_i,t beta_i) Z_i,t / (eps + |Z_i,t|^2)
                       (--rate, default 0.1; eps 1e-6). beta_i is a readout, not a correction of an
                       anchor, so it answers no controls: the realized cost's effort term is zero for
                       it, as for persistence
"""
import argparse
import json
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rule", choices=["persistence", "nlms"], default="persistence")
    parser.add_argument("--rate", type=float, default=0.1)
    args = parser.parse_args()
    n = dy = dz = 0
    beta = []        # beta[i][c], one column weight per encoder column, shared by the target rows
    last = None      # Z of the round just answered, for the update its outcome drives
    for line in sys.stdin:
        message = json.loads(line)
        kind = message["type"]
        if kind == "hello":
            if message["version"] != 1 or message["role"] != "client":
                sys.exit("this policy speaks protocol version 1 in role client, got %r" % line)
            n = message["n"]
            dy = message["observation"]["y"]["length"]
            dz = message["observation"]["z"]["shape"][2]
            reply = {"type": "ready", "version": 1}
        elif kind == "episode":
            beta = [[0.0] * dz for _ in range(n)]
            continue
        elif kind == "forecast":
            y, z = message["y"], message["z"]
            if args.rule == "persistence":
                reply = {"predictions": y * n}
            else:
                predictions = []
                for i in range(n):
                    for r in range(dy):
                        row = z[(i * dy + r) * dz:(i * dy + r + 1) * dz]
                        predictions.append(sum(a * b for a, b in zip(row, beta[i])))
                reply = {"predictions": predictions}
                last = z
        elif kind == "outcome":
            if args.rule == "nlms" and last is not None:
                learn(beta, last, message["y"], n, dy, dz, args.rate)
            continue
        elif kind == "end":
            return
        else:
            continue
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


def learn(beta, z, y_next, n, dy, dz, rate, eps=1e-6):
    """One normalized LMS step per client on what its readout missed of y_t+1."""
    for i in range(n):
        gradient = [0.0] * dz
        norm = eps
        for r in range(dy):
            row = z[(i * dy + r) * dz:(i * dy + r + 1) * dz]
            error = y_next[r] - sum(a * b for a, b in zip(row, beta[i]))
            for c in range(dz):
                gradient[c] += error * row[c]
                norm += row[c] * row[c]
        for c in range(dz):
            beta[i][c] += rate * gradient[c] / norm


if __name__ == "__main__":
    main()
