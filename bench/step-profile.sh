#!/usr/bin/env bash
# Per-phase cost of one training step (batch 64, [64, 32], one thread): DJL before/after the
# EpochRunner fast path (StepProfile) and PyTorch from Python (step_profile.py), interleaved.
# Medians are robust to a busy machine; the mean shows how much preemption and pauses add.
#
# Usage: bench/step-profile.sh            (env: REPEAT EPOCHS PYTHON; run bench/train-bench.sh once first
#                                          so that python3-torch is installed)
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-3}
EPOCHS=${EPOCHS:-10}
PYTHON=${PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3 )}
echo "building core and bench ..." >&2
mvn -B -q -pl core,bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt >&2
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
for i in $(seq 1 "$REPEAT"); do
  echo "run $i/$REPEAT, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
      -cp "$CP" io.edgemlops.bench.StepProfile "$EPOCHS" 2>/dev/null
  "$PYTHON" -B bench/step_profile.py "$EPOCHS"
done
