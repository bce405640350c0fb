#!/usr/bin/env bash
# The fleet side on the embedded store, after training a pump model (a few epochs) and publishing it:
#   1. simulated device-rounds per second of wall time (FleetSimulator, accelerated, 5-minute rounds);
#   2. telemetry upload: records/s through TelemetryUploader vs putBytes of the same bytes under other keys,
#      interleaved rounds in one process, and the ratio;
#   3. resident memory (VmRSS) of the slim device agent jar with the model installed and after PREDICTS /predict
#      calls, against an idle JVM started with the same flags.
#
# Usage: bench/fleet-bench.sh     (env: DEVICES HOURS RECORDS ROUNDS PREDICTS EPOCHS WORK DEVICE_JAVA_OPTS MVN_FLAGS)
# MVN_FLAGS=-o builds offline. Prints progress on stderr, a summary and the full JSON on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

DEVICES=${DEVICES:-200}
HOURS=${HOURS:-2}
RECORDS=${RECORDS:-1000}
ROUNDS=${ROUNDS:-5}
PREDICTS=${PREDICTS:-1000}
EPOCHS=${EPOCHS:-3}
WORK=${WORK:-/tmp/edge-mlops-fleet-bench}
# A device-sized heap and the collector a small device's JVM picks anyway; the idle baseline gets the same.
DEVICE_JAVA_OPTS=${DEVICE_JAVA_OPTS:--Xmx128m -XX:+UseSerialGC}
MVN_FLAGS=${MVN_FLAGS-}

. bench/common.sh
rm -rf "$WORK"
mkdir -p "$WORK"

echo "building core, bench and the slim device agent jar ..." >&2
# shellcheck disable=SC2086
mvn -B -q $MVN_FLAGS -pl core,bench,device-agent -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt >&2
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
JAR=$(ls device-agent/target/edge-mlops-device-agent-*-all.jar | head -n 1)

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores" >&2
java "${DJL_OPTS[@]}" -cp "$CP" io.edgemlops.bench.FleetBench run --work "$WORK" --jar "$JAR" \
    --java-opts "$DEVICE_JAVA_OPTS" --devices "$DEVICES" --hours "$HOURS" --records "$RECORDS" --rounds "$ROUNDS" \
    --predicts "$PREDICTS" --epochs "$EPOCHS" 2>"$WORK/bench.log" | tail -n 1 > "$WORK/result.json" \
    || { cat "$WORK/bench.log" >&2; exit 1; }
grep '^\[fleet-bench\]' "$WORK/bench.log" >&2 || true

"$PYTHON" - "$WORK/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s, t, m = r["simulation"], r["telemetry"], r["memory"]
print(f"load average before {r['loadAverageBefore']}, after {r['loadAverageAfter']}")
print(f"fleet simulation: {s['devices']} devices x {s['rounds']} rounds in {s['wallSeconds']} s wall: "
      f"{s['deviceRoundsPerSecond']} device-rounds/s ({s['requests']} requests, {s['errors']} errors)")
print(f"telemetry upload, {t['records']} records of ~{t['meanRecordBytes']} bytes, median of {t['rounds']} rounds: "
      f"uploader {t['uploaderRecordsPerSecondMedian']} records/s, putBytes {t['putBytesRecordsPerSecondMedian']} "
      f"records/s, ratio {t['ratioUploaderToPutBytes']}")
print(f"device agent VmRSS ({m['javaOptions']}): {m['agentInstalledMiB']} MiB installed, "
      f"{m['agentAfterPredictsMiB']} MiB after {m['predicts']} /predict (peak {m['agentPeakMiB']} MiB); "
      f"idle JVM {m['idleJvmMiB']} MiB; agent - idle {m['agentInstalledMinusIdleMiB']} MiB, "
      f"ratio {m['ratioAgentToIdle']}")
print(json.dumps(r))
PY
