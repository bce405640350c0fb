#!/usr/bin/env python3
"""scikit-learn's side of bench/sklearn-compare.sh.

For every run our harness (SklearnCompare train) made, reads the same CSV and the holdout row ids
it wrote, trains scikit-learn's default MLPClassifier((64, 32)) after a StandardScaler fitted on
the training rows, and prints, per data set, the mean holdout accuracy of both and the difference.
"""
import argparse
import csv
import json
import statistics
import sys
import warnings

from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def load(path, label):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    features = [c for c in rows[0].keys() if c not in ("row_id", label)]
    ids = [r["row_id"] for r in rows]
    x = [[float(r[c]) for c in features] for r in rows]
    y = [r[label] for r in rows]
    return ids, x, y


def sklearn_accuracy(work, run, label):
    ids, x, y = load(f"{work}/{run['dataset']}.csv", label)
    with open(f"{work}/split-{run['dataset']}-{run['seed']}.txt", encoding="utf-8") as f:
        holdout = {line.strip() for line in f if line.strip()}
    train = [i for i, rid in enumerate(ids) if rid not in holdout]
    test = [i for i, rid in enumerate(ids) if rid in holdout]
    assert len(test) == run["holdout"], (run, len(test))
    model = make_pipeline(StandardScaler(),
                          MLPClassifier(hidden_layer_sizes=(64, 32), random_state=run["seed"]))
    with warnings.catch_warnings():
        # Default max_iter=200 often ends "not converged" on small data; that is the default we compare with.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit([x[i] for i in train], [y[i] for i in train])
    predicted = model.predict([x[i] for i in test])
    return sum(p == y[i] for p, i in zip(predicted, test)) / len(test)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--ours", required=True, help="JSON lines written by SklearnCompare train")
    a = p.parse_args()
    labels = {"pump": "state"}
    with open(a.ours, encoding="utf-8") as f:
        runs = [json.loads(line) for line in f if line.strip()]
    table = {}
    for run in runs:
        acc = sklearn_accuracy(a.dir, run, labels.get(run["dataset"], "class"))
        table.setdefault(run["dataset"], []).append((run["accuracy"], acc, run["epochsRun"], run["bestEpoch"]))
        print(f"{run['dataset']:<9} seed {run['seed']}: ours {run['accuracy']:.4f} "
              f"(epochs {run['epochsRun']}, best {run['bestEpoch']}, {run['seconds']:.1f} s)  "
              f"sklearn {acc:.4f}", file=sys.stderr)
    print(f"{'data set':<10} {'rows':>5} {'seeds':>5} {'ours':>7} {'sklearn':>8} {'diff':>7}  epochs run (mean)")
    for name, results in table.items():
        rows = next(r["rows"] for r in runs if r["dataset"] == name)
        ours = statistics.mean(r[0] for r in results)
        theirs = statistics.mean(r[1] for r in results)
        epochs = statistics.mean(r[2] for r in results)
        print(f"{name:<10} {rows:>5} {len(results):>5} {ours:>7.4f} {theirs:>8.4f} {100 * (ours - theirs):>+6.1f}pt"
              f"  {epochs:.0f}")


if __name__ == "__main__":
    main()
