#!/usr/bin/env bash
# Post-training quantization of a model with large hidden layers (16 -> 1024 -> 1024 -> 3 by default) on
# generated pump data, both sides against their own fp32 in the same run:
# - engine: trains with ModelTrainer (the code trainModel runs), quantizes the fp32 ONNX with ModelQuantizer
#   (int8 static with CALIBRATION training rows and percentile PERCENTILE, int8 weight-only, fp16), and runs
#   every variant in ONNX Runtime (one thread);
# - PyTorch (Python): the same MLP trained on the same training split, then quantize_dynamic (qint8 Linear).
# Prints one table: file size (ONNX file; PyTorch: state_dict saved with torch.save) and its ratio to fp32,
# holdout accuracy and its drop, agreement with fp32, single-row latency p50/p95 and p50 / fp32 p50.
# Latency is measured in ROUNDS interleaved rounds (each round measures every variant once, starting with a
# different one) and reported as medians over rounds, so a busy spell of the machine does not favour one side.
#
# Usage: bench/quantize-bench.sh   (env: ROWS EPOCHS HIDDEN BATCH LR SEED ROUNDS SECONDS CALIBRATION PERCENTILE
#                                        WORK PYTHON FP32=<fp32 ONNX of an earlier run on the same data: no training>)
# Installs Debian's python3-torch with apt-get if "import torch" fails.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-10000}
EPOCHS=${EPOCHS:-3}
HIDDEN=${HIDDEN:-1024,1024}
BATCH=${BATCH:-64}
LR=${LR:-0.001}
SEED=${SEED:-1}
ROUNDS=${ROUNDS:-5}
SECONDS_PER=${SECONDS:-0.5}
CALIBRATION=${CALIBRATION:-500}
PERCENTILE=${PERCENTILE:-99.99}
WORK=${WORK:-/tmp/edge-mlops-quantize-bench}
mkdir -p "$WORK"

. bench/common.sh
bench_python_module torch python3-torch
bench_build
JAVA_OPTS=("${TRAIN_OPTS[@]}")

DATA="$WORK/pump-$ROWS-$SEED.csv"
java "${JAVA_OPTS[@]}" -cp "$CP" io.edgemlops.bench.TrainBench generate --rows "$ROWS" --seed "$SEED" --out "$DATA" 2>/dev/null
COMMON=(--hidden "$HIDDEN" --batch "$BATCH" --epochs "$EPOCHS" --lr "$LR" --seed "$SEED" --rounds "$ROUNDS"
        --seconds "$SECONDS_PER")
FP32_ARGS=()
if [ -n "${FP32:-}" ]; then FP32_ARGS=(--fp32 "$FP32"); fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "engine: training [$HIDDEN], quantizing and measuring (load average $LOAD_BEFORE) ..." >&2
java "${JAVA_OPTS[@]}" -cp "$CP" io.edgemlops.bench.QuantizeBench run --data "$DATA" --out "$WORK" "${COMMON[@]}" \
    --calibration "$CALIBRATION" --percentile "$PERCENTILE" "${FP32_ARGS[@]}" 2>"$WORK/engine.log" \
    | tail -n 1 > "$WORK/engine.json"
echo "PyTorch (Python): training [$HIDDEN] on the same split, quantize_dynamic, measuring ..." >&2
"$PYTHON" -B bench/quantize_bench.py --train "$WORK/train.csv" --holdout "$WORK/holdout.csv" "${COMMON[@]}" \
    2>"$WORK/pytorch.log" > "$WORK/pytorch.json"

echo "load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
"$PYTHON" - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
sides = [json.load(open(f"{work}/{name}.json")) for name in ("engine", "pytorch")]
head = ("variant", "size bytes", "size/fp32", "accuracy", "drop pt", "agree", "p50 us", "p95 us", "p50/fp32")
print("| side | " + " | ".join(head) + " |")
print("|---" * (len(head) + 1) + "|")
notes = []
for s in sides:
    side = "engine" if s["side"].startswith("engine") else "PyTorch"
    for v in s["variants"]:
        if "error" in v:
            print(f"| {side} | {v['name']} | failed: {v['error']} |" + " |" * (len(head) - 2))
            continue
        print(f"| {side} | {v['name']} | {v['sizeBytes']:,} | {v['sizeVsFp32']:.3f} | {v['accuracy']:.4f} "
              f"| {100 * v['accuracyDrop']:+.2f} | {v['agreement']:.4f} | {1000 * v['p50Ms']:.1f} "
              f"| {1000 * v['p95Ms']:.1f} | {v['p50VsFp32']:.2f} |")
        for n in v.get("notes", []):
            notes.append(f"{side} {v['name']}: {n}")
for s in sides:
    t = s.get("trainSeconds")
    print(f"{s['side']}: {s['trainRows']} training rows, {s['holdoutRows']} holdout rows, "
          f"{s.get('epochs', '?')} epochs" + (f" in {t:.0f} s" if t else " (model reused)"))
print(f"engine calibration: {sides[0]['calibrationRows']} rows, {sides[0]['calibration']}")
print("latency: median over rounds of each round's percentile; p50/fp32 = median over rounds of the ratio "
      "to fp32 measured in the same round")
for n in notes:
    print("note: " + n)
PY
