#!/usr/bin/env bash
# Statistical honesty of the drift gate over whole seeded rollouts (GateHonestyBench): per scenario, SEEDS rollouts
# of a pump model through 5 % / 25 % / 100 % waves of a 400-device fleet, simulated at the level of the gate's evidence
# (baselines made by the engine's split and profiler, device counts from binning generated rows over the baseline's
# bins, latency and error telemetry for the wave and its control, cumulative snapshots by WaveSnapshots, decisions by
# GateEvaluator with GatePolicy.defaults(), one poll every 5 minutes). Prints per scenario how the first wave and the
# whole rollout ended, the windows until PROMOTED without drift, the reasons of every false rollback, the misses of
# every shift scenario, and the goals: false rollbacks without drift <= 1 %, detection of a 0.5 sigma shift >= 95 %.
#
# Usage: bench/gate-honesty-bench.sh     (env: SEEDS FROM ROWS DEVICES WINDOWS THREADS ONLY=a,c-field WORK MVN_FLAGS)
# A longer no-drift run, to bound the false-rollback rate below 1 %: SEEDS=600 ONLY=a,a-crit bench/gate-honesty-bench.sh
# MVN_FLAGS=-o builds offline. No store, no devices, no Python. Progress on stderr; tables, then one line of JSON.
set -euo pipefail
cd "$(dirname "$0")/.."

SEEDS=${SEEDS:-200}
FROM=${FROM:-1}
ROWS=${ROWS:-2500}
DEVICES=${DEVICES:-400}
WINDOWS=${WINDOWS:-24}
THREADS=${THREADS:-$(nproc)}
WORK=${WORK:-/tmp/edge-mlops-gate-honesty}
MVN_FLAGS=${MVN_FLAGS-}
mkdir -p "$WORK"

echo "building core and bench ..." >&2
# shellcheck disable=SC2086
mvn -B -q $MVN_FLAGS -pl core,bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt >&2
CP="bench/target/classes:$(cat bench/target/classpath.txt)"

ONLY_ARGS=()
if [ -n "${ONLY:-}" ]; then ONLY_ARGS=(--only "$ONLY"); fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores" >&2
java -cp "$CP" io.edgemlops.bench.GateHonestyBench run --seeds "$SEEDS" --from "$FROM" --rows "$ROWS" --devices "$DEVICES" \
    --windows "$WINDOWS" --threads "$THREADS" "${ONLY_ARGS[@]}" > "$WORK/result.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cat "$WORK/result.txt"
