#!/usr/bin/env bash
# Training throughput: DJL (PyTorch engine, from Java) vs PyTorch in Python, same generated pump
# CSV, same MLP (hidden sizes, batch size, epochs, Adam, learning rate), one intra-op thread each.
# Prints both rows/s (steady state: all epochs but the first) and the ratio DJL / PyTorch.
#
# Usage: bench/train-bench.sh            (env: ROWS EPOCHS BATCH HIDDEN LR SEED WORK)
# Installs Debian's python3-torch with apt-get if "import torch" fails.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-20000}
EPOCHS=${EPOCHS:-10}
BATCH=${BATCH:-64}
HIDDEN=${HIDDEN:-64,32}
LR=${LR:-0.001}
SEED=${SEED:-1}
WORK=${WORK:-/tmp/edge-mlops-train-bench}
mkdir -p "$WORK"

if ! python3 -c 'import torch' 2>/dev/null; then
  echo "installing python3-torch (Debian) ..." >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q python3-torch >&2
fi

echo "building core and bench ..." >&2
mvn -B -q -pl core,bench package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt >&2
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
JAVA_OPTS=(-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1)

DATA="$WORK/pump-$ROWS-$SEED.csv"
java "${JAVA_OPTS[@]}" -cp "$CP" io.edgemlops.bench.TrainBench generate --rows "$ROWS" --seed "$SEED" --out "$DATA" 2>/dev/null
ARGS=(--data "$DATA" --hidden "$HIDDEN" --batch "$BATCH" --epochs "$EPOCHS" --lr "$LR" --seed "$SEED")

echo "training with DJL ..." >&2
java "${JAVA_OPTS[@]}" -cp "$CP" io.edgemlops.bench.TrainBench djl "${ARGS[@]}" 2>"$WORK/djl.log" > "$WORK/djl.json"
echo "training with PyTorch (Python) ..." >&2
python3 bench/train_bench.py "${ARGS[@]}" 2>"$WORK/pytorch.log" > "$WORK/pytorch.json"

python3 - "$WORK/djl.json" "$WORK/pytorch.json" <<'PY'
import json, sys
djl, pt = (json.load(open(p)) for p in sys.argv[1:3])
for r in (djl, pt):
    print(f"{r['framework']:<28} {r['rowsPerSecond']:>10.0f} rows/s  ({r['trainRows']} rows x {r['epochs']} epochs,"
          f" holdout accuracy {r['accuracy']:.4f})")
print(f"ratio DJL / PyTorch-Python: {djl['rowsPerSecond'] / pt['rowsPerSecond']:.2f}")
PY
