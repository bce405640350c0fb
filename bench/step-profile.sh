#!/usr/bin/env bash
# Per-phase cost of one training step (batch 64, [64, 32], one thread): DJL before/after the
# EpochRunner fast path (StepProfile) and PyTorch from Python (step_profile.py), interleaved.
# Medians are robust to a busy machine; the mean shows how much preemption and pauses add.
#
# Usage: bench/step-profile.sh            (env: REPEAT EPOCHS PYTHON; run bench/train-bench.sh once first
#                                          installs python3-torch with apt when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-3}
EPOCHS=${EPOCHS:-10}
. bench/common.sh
bench_python_module torch python3-torch
bench_build
for i in $(seq 1 "$REPEAT"); do
  echo "run $i/$REPEAT, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  java "${TRAIN_OPTS[@]}" -cp "$CP" io.edgemlops.bench.StepProfile "$EPOCHS" 2>/dev/null
  "$PYTHON" -B bench/step_profile.py "$EPOCHS"
done
