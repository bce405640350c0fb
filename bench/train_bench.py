#!/usr/bin/env python3
"""Trains the same MLP as the DJL harness (TrainBench djl) with PyTorch in Python and prints
one JSON object: rows/s over the training steps of all epochs but the first (warm-up).

Same work as DJL's trainer (EpochRunner): per epoch a seeded shuffle and one shuffled copy of the
training rows; per batch (a view of that copy) forward, softmax cross-entropy, backward, Adam step,
keeping the batch loss and the predicted classes; per epoch one read of the summed loss and the
number of correct predictions. One intra-op thread. As on the DJL side, the epoch's timing starts
after drawing the permutation and includes the shuffled copy.
"""
import argparse
import csv
import json
import math
import random
import sys
import time

import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--label", default="state")
    p.add_argument("--hidden", default="64,32")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--holdout", type=float, default=0.2)
    a = p.parse_args()

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)

    with open(a.data, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    li = header.index(a.label)
    classes = sorted({r[li] for r in rows})
    x = torch.tensor([[float(v) for j, v in enumerate(r) if j != li] for r in rows], dtype=torch.float32)
    y = torch.tensor([classes.index(r[li]) for r in rows], dtype=torch.int64)

    # Stratified holdout of the same size as the Java side, standardisation fitted on training rows.
    train_idx, hold_idx = [], []
    for k in range(len(classes)):
        idx = [i for i in range(len(rows)) if y[i] == k]
        rng.shuffle(idx)
        h = max(1, min(len(idx) - 1, math.floor(len(idx) * a.holdout + 0.5)))  # as Java's Math.round
        hold_idx += idx[:h]
        train_idx += idx[h:]
    xt, yt = x[train_idx], y[train_idx]
    xh, yh = x[hold_idx], y[hold_idx]
    mean, std = xt.mean(0), xt.std(0, unbiased=False).clamp_min(1e-12)
    xt, xh = (xt - mean) / std, (xh - mean) / std

    layers, width = [], xt.shape[1]
    for h in [int(s) for s in a.hidden.split(",")]:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    layers.append(torch.nn.Linear(width, len(classes)))
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = torch.nn.CrossEntropyLoss()

    n = xt.shape[0]
    steady_seconds, steady_rows = 0.0, 0
    for epoch in range(1, a.epochs + 1):
        perm = torch.randperm(n)
        start = time.perf_counter()
        # As the DJL side: one shuffled copy per epoch, batches are views of it, and the batch losses
        # and predicted classes are kept per batch and reduced once per epoch.
        sx, sy = xt[perm], yt[perm]
        losses, predictions = [], []
        for i in range(0, n, a.batch):
            bx, by = sx[i:i + a.batch], sy[i:i + a.batch]
            opt.zero_grad()
            out = model(bx)
            loss = loss_fn(out, by)
            loss.backward()
            opt.step()
            losses.append(loss.detach())
            predictions.append(out.argmax(1))
        batches = len(losses)
        loss_sum = torch.stack(losses).sum().item()
        correct = (torch.cat(predictions) == sy).sum().item()
        seconds = time.perf_counter() - start
        if epoch > 1 or a.epochs == 1:
            steady_seconds += seconds
            steady_rows += n
        print(f"epoch {epoch}/{a.epochs} loss {loss_sum / batches:.4f} train-acc {correct / n:.4f} "
              f"{n / seconds:.0f} rows/s", file=sys.stderr)
    with torch.no_grad():
        accuracy = (model(xh).argmax(1) == yh).float().mean().item()
    print(json.dumps({"framework": "pytorch-" + torch.__version__ + "-python",
                      "rowsPerSecond": steady_rows / steady_seconds, "trainRows": n,
                      "epochs": a.epochs, "accuracy": accuracy}))


if __name__ == "__main__":
    main()
