#!/usr/bin/env python3
"""PyTorch side of bench/quantize-bench.sh: the same MLP as the engine side (hidden sizes, batch,
epochs, Adam, learning rate; standardisation and softmax inside the model, as in the engine's ONNX
graph), trained on the training split the engine side wrote, then dynamically quantized with
torch.ao.quantization.quantize_dynamic (qint8 weights of every nn.Linear, activations quantized per
call). Prints one JSON object: size (state_dict saved with torch.save), holdout accuracy and agreement
with fp32, and single-row latency, fp32 and int8 measured in interleaved rounds on one thread.
"""
import argparse
import csv
import io
import json
import statistics
import sys
import time

import torch


def load(path, label, classes=None):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    li = header.index(label)
    if classes is None:
        classes = sorted({r[li] for r in rows})
    x = torch.tensor([[float(v) for j, v in enumerate(r) if j != li] for r in rows], dtype=torch.float32)
    y = torch.tensor([classes.index(r[li]) for r in rows], dtype=torch.int64)
    return classes, x, y


class Mlp(torch.nn.Module):
    def __init__(self, mean, std, hidden, classes):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)
        layers, width = [], mean.shape[0]
        for h in hidden:
            layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
            width = h
        layers.append(torch.nn.Linear(width, classes))
        self.net = torch.nn.Sequential(*layers)

    def logits(self, x):
        return self.net((x - self.mean) / self.std)

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


def size_bytes(model):
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes


def latency(model, rows, seconds, warmup=200, minimum=300):
    """Per-call nanoseconds of single-row calls, cycling over up to 64 prepared rows."""
    inputs = [rows[i:i + 1].clone() for i in range(min(64, rows.shape[0]))]
    with torch.inference_mode():
        for i in range(warmup):
            model(inputs[i % len(inputs)])
        samples = []
        start = time.perf_counter_ns()
        limit = int(seconds * 1e9)
        while len(samples) < minimum or time.perf_counter_ns() - start < limit:
            x = inputs[len(samples) % len(inputs)]
            t0 = time.perf_counter_ns()
            model(x)
            samples.append(time.perf_counter_ns() - t0)
    samples.sort()
    return samples


def percentile(sorted_ns, q):
    # Nearest rank, as LatencyStats on the engine side.
    rank = max(1, -(-int(q * 1000) * len(sorted_ns) // 1000))
    return sorted_ns[min(len(sorted_ns), rank) - 1] / 1e6


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--holdout", required=True)
    p.add_argument("--label", default="state")
    p.add_argument("--hidden", default="1024,1024")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--seconds", type=float, default=0.5)
    a = p.parse_args()

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    classes, xt, yt = load(a.train, a.label)
    _, xh, yh = load(a.holdout, a.label, classes)
    hidden = [int(s) for s in a.hidden.split(",")]

    mean, std = xt.mean(0), xt.std(0, unbiased=False).clamp_min(1e-12)
    model = Mlp(mean, std, hidden, len(classes))
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    t0 = time.perf_counter()
    for epoch in range(1, a.epochs + 1):
        perm = torch.randperm(xt.shape[0])
        total = 0.0
        for i in range(0, len(perm), a.batch):
            b = perm[i:i + a.batch]
            opt.zero_grad()
            loss = loss_fn(model.logits(xt[b]), yt[b])
            loss.backward()
            opt.step()
            total += loss.item() * len(b)
        print("epoch %d/%d loss %.4f" % (epoch, a.epochs, total / len(perm)), file=sys.stderr)
    train_seconds = time.perf_counter() - t0
    model.eval()

    int8 = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    variants = [("fp32", model), ("int8-dynamic", int8)]
    with torch.inference_mode():
        predicted = {name: m(xh).argmax(1) for name, m in variants}

    per_round = {name: [] for name, _ in variants}
    for r in range(a.rounds):
        order = variants[r % 2:] + variants[:r % 2]
        for name, m in order:
            per_round[name].append(latency(m, xh, a.seconds))
        with open("/proc/loadavg") as f:
            load_avg = f.read().split()[0]
        print("latency round %d/%d (load average %s): p50 ms %s" % (
            r + 1, a.rounds, load_avg, [round(percentile(per_round[n][-1], 0.5), 4) for n, _ in variants]),
            file=sys.stderr)

    fp32_size = size_bytes(model)
    fp32_acc = (predicted["fp32"] == yh).float().mean().item()
    rows = []
    for name, m in variants:
        acc = (predicted[name] == yh).float().mean().item()
        p50 = [percentile(s, 0.5) for s in per_round[name]]
        ratio = [percentile(s, 0.5) / percentile(f, 0.5) for s, f in zip(per_round[name], per_round["fp32"])]
        rows.append({
            "name": name,
            "sizeBytes": size_bytes(m),
            "sizeVsFp32": size_bytes(m) / fp32_size,
            "accuracy": acc,
            "accuracyDrop": fp32_acc - acc,
            "agreement": (predicted[name] == predicted["fp32"]).float().mean().item(),
            "p50Ms": statistics.median(p50),
            "p95Ms": statistics.median(percentile(s, 0.95) for s in per_round[name]),
            "p50VsFp32": statistics.median(ratio),
            "p50MsPerRound": p50,
        })
    json.dump({"side": "PyTorch %s (Python, quantized engine %s)" % (torch.__version__, torch.backends.quantized.engine),
               "hidden": hidden, "trainRows": xt.shape[0], "holdoutRows": xh.shape[0], "epochs": a.epochs,
               "trainSeconds": train_seconds, "variants": rows}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
