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

# Debian's python3-sklearn lives in the system interpreter: prefer /usr/bin/python3 unless PYTHON says otherwise.
PYTHON=${PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3 )}
if ! "$PYTHON" -c 'import sklearn' 2>/dev/null; then
  echo "installing python3-sklearn (Debian) ..." >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q python3-sklearn >&2
fi

echo "building core and bench ..." >&2
mvn -B -q -pl core,bench package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt >&2
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
JAVA_OPTS=(-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1)

java "${JAVA_OPTS[@]}" -cp "$CP" io.edgemlops.bench.SklearnCompare generate --out "$WORK" \
    --pump examples/data/pump.csv 2>/dev/null
ONLY_ARGS=()
if [ -n "${ONLY:-}" ]; then ONLY_ARGS=(--only "$ONLY"); fi
echo "training with our defaults ($SEEDS seeds per data set) ..." >&2
java "${JAVA_OPTS[@]}" -cp "$CP" io.edgemlops.bench.SklearnCompare train --dir "$WORK" --seeds "$SEEDS" \
    "${ONLY_ARGS[@]}" 2>"$WORK/ours.log" > "$WORK/ours.jsonl"
echo "training scikit-learn on the same splits ..." >&2
"$PYTHON" -B bench/sklearn_compare.py --dir "$WORK" --ours "$WORK/ours.jsonl"
