#!/usr/bin/env bash
# Accuracy with our training defaults vs scikit-learn's MLPClassifier((64, 32)) + StandardScaler on the
# same 80/20 splits: three generated small data sets and examples/data/pump.csv, SEEDS seeds each.
# Our side runs the engine's real training code (ModelTrainer, default options) and writes each
# split's holdout row ids; the Python side trains scikit-learn on the complement of those ids.
# Prints the mean holdout accuracy of both per data set and the difference in points.
#
# Usage: bench/sklearn-compare.sh            (env: SEEDS WORK PYTHON ONLY=<data set>)
# Installs Debian's python3-sklearn with apt-get if "import sklearn" fails.
set -euo pipefail
cd "$(dirname "$0")/.."

SEEDS=${SEEDS:-5}
WORK=${WORK:-/tmp/edge-mlops-sklearn-compare}
mkdir -p "$WORK"

. bench/common.sh
bench_python_module sklearn python3-sklearn
bench_build
JAVA_OPTS=("${TRAIN_OPTS[@]}")

java "${JAVA_OPTS[@]}" -cp "$CP" io.edgemlops.bench.SklearnCompare generate --out "$WORK" \
    --pump examples/data/pump.csv 2>/dev/null
ONLY_ARGS=()
if [ -n "${ONLY:-}" ]; then ONLY_ARGS=(--only "$ONLY"); fi
echo "training with our defaults ($SEEDS seeds per data set) ..." >&2
java "${JAVA_OPTS[@]}" -cp "$CP" io.edgemlops.bench.SklearnCompare train --dir "$WORK" --seeds "$SEEDS" \
    "${ONLY_ARGS[@]}" 2>"$WORK/ours.log" > "$WORK/ours.jsonl"
echo "training scikit-learn on the same splits ..." >&2
"$PYTHON" -B bench/sklearn_compare.py --dir "$WORK" --ours "$WORK/ours.jsonl"
