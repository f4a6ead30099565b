"""Scores inferred waiter acceptors against botocore's waiters-2.json (ground truth for the
measurement only; the generator never reads it).

usage: .cache/venv/bin/python xtask/waiters.py EXPORT_DIR [--misses N]
  EXPORT_DIR: `cargo xtask export-model --docs .cache/corpus --out EXPORT_DIR`

A waiter agrees when its acceptor set equals botocore's (order ignored; a botocore acceptor
with a JMESPath outside the runtime's subset still counts as missed). Acceptor precision and
recall compare (matcher, argument, expected, state) tuples, arguments with spaces removed.
"""
import glob
import json
import os
import sys

import botocore

DATA = os.path.join(os.path.dirname(botocore.__file__), "data")


def key(a):
    arg = str(a.get("argument", "")).replace(" ", "")
    return (a["matcher"], arg, json.dumps(a["expected"]), a["state"])


def latest(svc):
    versions = sorted(glob.glob(os.path.join(DATA, svc, "*", "waiters-2.json")))
    return versions[-1] if versions else None


def main():
    out = sys.argv[1]
    misses = int(sys.argv[sys.argv.index("--misses") + 1]) if "--misses" in sys.argv else 0
    waiters = exact = tp = fp = fn = empty = 0
    by_matcher = {}
    shown = 0
    for path in sorted(glob.glob(os.path.join(out, "*", "waiters-2.json"))):
        svc = os.path.basename(os.path.dirname(path))
        truth_file = latest(svc)
        if not truth_file:
            continue
        ours = json.load(open(path))["waiters"]
        truth = json.load(open(truth_file))["waiters"]
        for name, w in sorted(ours.items()):
            if name not in truth:
                continue
            waiters += 1
            got = {key(a) for a in w.get("acceptors", [])}
            want = {key(a) for a in truth[name]["acceptors"]}
            empty += not got
            exact += got == want
            tp += len(got & want)
            fp += len(got - want)
            fn += len(want - got)
            for k in want:
                m = by_matcher.setdefault(k[0] + "/" + k[3], [0, 0])
                m[0] += k in got
                m[1] += 1
            if got != want and shown < misses:
                shown += 1
                print(f"{svc}.{name} ({w['operation']}):\n  extra {sorted(got - want)}\n  missed {sorted(want - got)}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    print(f"waiters={waiters} exact={exact} ({100 * exact / max(waiters, 1):.1f}%) no-acceptors={empty}")
    print(f"acceptors: precision={100 * p:.1f}% recall={100 * r:.1f}% (tp={tp} fp={fp} fn={fn})")
    print("recall by matcher/state: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_matcher.items())))


if __name__ == "__main__":
    main()
