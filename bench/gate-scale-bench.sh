#!/usr/bin/env bash
# The drift gate's telemetry path at fleet scale, on the embedded store (served by a JVM of its own, so the heap
# measured is the reader's). For each size, one record per device in one window, written with the store in
# parallel; then in the same run:
#   (a) every record read with a plain GET (a page of keys listed, its records read PARALLELISM at once)
#       vs (b) TelemetryCompactor compacting the same records: records/s of each and the ratio (goal >= 0.8);
#   (c) the compacted window read again with nothing new (compactWindow; median and fastest of REPEATS), and the
#       ratio of the largest size to the smallest (goal <= 1.5);
#   (d) the reader's heap in each phase: the largest live set (what the heap held when a full GC, forced every
#       5 s, ended), and the largest use at all;
#   (e) CPU time per record of (a) and (b), reader and server together, and their ratio: what the throughput ratio
#       would be on a machine of their own when other work shares this one (both phases are CPU-bound here).
#
# Usage: bench/gate-scale-bench.sh [SIZES]     SIZES defaults to 10000,100000; add 1000000 for a million devices
#        (about 100 minutes on 2 vCPUs, most of it writing the records; about 8 GB of disk).
#        env: PARALLELISM (8) WRITERS (16) REPEATS (15) WORK JAVA_OPTS (-Xmx512m) SERVER_JAVA_OPTS (-Xmx2g) MVN_FLAGS
#        REUSE=1 keeps WORK and does not write again the records of a size a stopped run wrote in full and left uncompacted.
#        S3_ENDPOINT=http://host:port [S3_BUCKET=edge-mlops] measures another S3 server instead (Ceph RGW, MinIO;
#        credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), under a fresh prefix deleted afterwards.
# MVN_FLAGS=-o builds offline. Prints progress on stderr, a summary and the full JSON on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${1:-10000,100000}
PARALLELISM=${PARALLELISM:-8}
WRITERS=${WRITERS:-16}
REPEATS=${REPEATS:-15}
WORK=${WORK:-/tmp/edge-mlops-gate-scale-bench}
# A bounded reader heap: compaction must not need more as the fleet grows.
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xmx2g}
MVN_FLAGS=${MVN_FLAGS-}
REUSE=${REUSE:-0}
S3_ENDPOINT=${S3_ENDPOINT-}
S3_BUCKET=${S3_BUCKET:-edge-mlops}
EXTERNAL=()
if [ -n "$S3_ENDPOINT" ]; then EXTERNAL=(--s3-endpoint "$S3_ENDPOINT" --bucket "$S3_BUCKET"); fi

. bench/common.sh
if [ "$REUSE" != 1 ]; then rm -rf "$WORK"; fi
mkdir -p "$WORK"

echo "building core and bench ..." >&2
# shellcheck disable=SC2086
mvn -B -q $MVN_FLAGS -pl core,bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt >&2
CP="bench/target/classes:$(cat bench/target/classpath.txt)"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores" >&2
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$CP" io.edgemlops.bench.GateScaleBench run --work "$WORK" --sizes "$SIZES" \
    --parallelism "$PARALLELISM" --write-parallelism "$WRITERS" --repeats "$REPEATS" \
    --server-java-opts "$SERVER_JAVA_OPTS" --reuse "$([ "$REUSE" = 1 ] && echo true || echo false)" \
    ${EXTERNAL[@]+"${EXTERNAL[@]}"} \
    2>"$WORK/bench.log" | tail -n 1 > "$WORK/result.json" \
    || { cat "$WORK/bench.log" >&2; exit 1; }
grep '^\[gate-scale-bench\]' "$WORK/bench.log" >&2 || true

"$PYTHON" - "$WORK/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"server {r.get('server', 'embedded')}; load average before {r['loadAverageBefore']}, after {r['loadAverageAfter']}; {r['cores']} cores; "
      f"reader heap limit {r['maxHeapMiB']} MiB; {r['parallelism']} reads at once")
print(f"{'devices':>9} {'write/s':>8} {'(a) GET/s':>10} {'(b) compact/s':>14} {'b/a':>6} {'CPU us a / b':>13} {'b/a CPU':>7} "
      f"{'(c) ms median/min':>18} {'(d) live MiB a / b':>19} {'used MiB a / b / c':>20}")
for s in r["sizes"]:
    print(f"{s['devices']:>9} {s.get('writeRecordsPerSecond', float('nan')):>8.0f} {s['rawGetRecordsPerSecond']:>10.0f} "
          f"{s['compactionRecordsPerSecond']:>14.0f} {s['ratioCompactionToRawGet']:>6.3f} "
          f"{s['rawGetCpuMicrosPerRecord']:>6.0f} / {s['compactionCpuMicrosPerRecord']:<4.0f} {s['ratioCompactionToRawGetCpu']:>7.3f} "
          f"{s['rereadMillisMedian']:>10.1f} / {s['rereadMillisMin']:<5.1f} {s['rawGetHeapLiveMiB']:>9.1f} / {s['compactionHeapLiveMiB']:<7.1f} "
          f"{s['rawGetHeapUsedMiB']:>6.1f} / {s['compactionHeapUsedMiB']:.1f} / {s['rereadHeapUsedMiB']:.1f}")
if "rereadRatioLargestToSmallest" in r:
    print(f"(c) re-read time, largest size / smallest: median {r['rereadRatioLargestToSmallest']}, "
          f"fastest {r['rereadMinRatioLargestToSmallest']}")
print(json.dumps(r))
PY
