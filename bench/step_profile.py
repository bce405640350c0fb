#!/usr/bin/env python3
"""PyTorch side of StepProfile: per-phase cost of one training step of the benchmark MLP (same
sizes, random data, one thread), median, 10th percentile and mean in µs. Bookkeeping as train_bench.py
does it: the batch loss and predictions kept per batch, reduced once per epoch."""
import sys
import time

import torch


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    rows, width, classes, batch = 16000, 16, 3, 64
    x = torch.randn(rows, width)
    y = torch.randint(0, classes, (rows,))
    model = torch.nn.Sequential(torch.nn.Linear(width, 64), torch.nn.ReLU(), torch.nn.Linear(64, 32),
                                torch.nn.ReLU(), torch.nn.Linear(32, classes))
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = torch.nn.CrossEntropyLoss()
    times = []
    clock = time.perf_counter_ns
    for e in range(epochs):
        losses, predictions = [], []
        for i in range(0, rows, batch):
            bx, by = x[i:i + batch], y[i:i + batch]
            t0 = clock()
            out = model(bx)
            t1 = clock()
            loss = loss_fn(out, by)
            t2 = clock()
            loss.backward()
            t3 = clock()
            opt.step()
            opt.zero_grad()
            t4 = clock()
            losses.append(loss.detach())
            predictions.append(out.argmax(1))
            t5 = clock()
            if e >= 2:
                times.append((t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0))
        torch.stack(losses).sum().item()
        (torch.cat(predictions) == y).sum().item()
    line = "python   µs/batch median (p10) [mean]:"
    for p, name in enumerate(("forward", "loss", "backward", "optimizer", "bookkeeping", "total")):
        v = sorted(t[p] for t in times)
        line += f"  {name} {v[len(v) // 2] / 1e3:.1f} ({v[len(v) // 10] / 1e3:.1f}) [{sum(v) / len(v) / 1e3:.1f}]"
    print(line)


if __name__ == "__main__":
    main()
