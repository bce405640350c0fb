#!/usr/bin/env python3
"""Builds the bring-your-own PyTorch test fixtures: a small MLP trained on examples/data/pump.csv and
exported with torch.onnx.export (no `onnx` package needed) at opset 13 and 17.

Run with Debian's interpreter (python3-torch), from the repository root:

    /usr/bin/python3 core/src/test/python/export_pytorch_mlp.py [--out DIR]

The model is what a user would bring from PyTorch, shaped as the engine expects of an external
model (see io.edgemlops.train.ExternalModelEvaluator):
- one float input `input` [batch, 16]: the CSV's numeric feature columns in file order, raw;
  the model standardises them itself (mean and std of the training rows as constant buffers,
  exported as Sub and Div nodes);
- one output `probabilities` [batch, 3]: softmax scores in the sorted order of the label's values,
  the order the engine gives classes (SchemaInference.classes: sorted);
- the batch axis is dynamic.

The script's 80/20 split is its own, not the engine's seeded stratified split, so part of the
holdout the engine evaluates a registered fixture on was training data here: the accuracy the
engine registers is optimistic. The fixtures are for checking that a PyTorch model loads, registers,
quantizes and validates (input and class order, operators, opsets), not for judging generalisation.

Everything is seeded and runs on one thread, so a re-run gives the same weights; the exported files
are what PyTorch 1.13 writes for them. Prints the class order and the training/holdout accuracy.
"""
import argparse
import csv
import os
import random
import sys

import torch

HIDDEN = (48, 24)
EPOCHS = 40
BATCH = 64
LR = 3e-3
SEED = 7
OPSETS = (13, 17)


class PumpMlp(torch.nn.Module):
    """16 -> 48 -> 24 -> classes with its own input standardisation and a softmax head."""

    def __init__(self, mean, std, classes):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)
        width = mean.shape[0]
        layers = []
        for h in HIDDEN:
            layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
            width = h
        layers.append(torch.nn.Linear(width, classes))
        self.net = torch.nn.Sequential(*layers)

    def logits(self, x):
        return self.net((x - self.mean) / self.std)

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


def load(path, label):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    li = header.index(label)
    classes = sorted({r[li] for r in rows})
    x = torch.tensor([[float(v) for j, v in enumerate(r) if j != li] for r in rows], dtype=torch.float32)
    y = torch.tensor([classes.index(r[li]) for r in rows], dtype=torch.int64)
    return [h for j, h in enumerate(header) if j != li], classes, x, y


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.path.join(root, "examples", "data", "pump.csv"))
    p.add_argument("--label", default="state")
    p.add_argument("--out", default=os.path.join(root, "core", "src", "test", "resources", "onnx"))
    a = p.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = random.Random(SEED)

    features, classes, x, y = load(a.data, a.label)
    # A plain seeded 80/20 split for this script's own progress figure; the engine makes its own
    # split when it evaluates the registered model.
    order = list(range(len(y)))
    rng.shuffle(order)
    cut = len(order) * 4 // 5
    tr, ho = torch.tensor(order[:cut]), torch.tensor(order[cut:])
    xt, yt, xh, yh = x[tr], y[tr], x[ho], y[ho]
    mean = xt.mean(0)
    std = xt.std(0, unbiased=False).clamp_min(1e-6)

    model = PumpMlp(mean, std, len(classes))
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(EPOCHS):
        perm = torch.randperm(len(yt))
        for i in range(0, len(perm), BATCH):
            b = perm[i:i + BATCH]
            opt.zero_grad()
            loss_fn(model.logits(xt[b]), yt[b]).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        train_acc = (model(xt).argmax(1) == yt).float().mean().item()
        hold_acc = (model(xh).argmax(1) == yh).float().mean().item()

    os.makedirs(a.out, exist_ok=True)
    example = x[:2].clone()
    for opset in OPSETS:
        path = os.path.join(a.out, "pytorch-pump-opset%d.onnx" % opset)
        torch.onnx.export(model, example, path, input_names=["input"], output_names=["probabilities"],
                          dynamic_axes={"input": {0: "batch"}, "probabilities": {0: "batch"}},
                          opset_version=opset, do_constant_folding=True)
        print("wrote %s (%d bytes)" % (path, os.path.getsize(path)), file=sys.stderr)
    print("input columns: " + ",".join(features))
    print("class order: " + ",".join(classes))
    print("accuracy: train %.4f, holdout %.4f" % (train_acc, hold_acc))


if __name__ == "__main__":
    main()
