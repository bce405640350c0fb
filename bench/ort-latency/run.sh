#!/bin/sh
# ONNX Runtime single-row latency benchmark. Usage: bench/ort-latency/run.sh [rounds] [seconds]
# Builds the core module, then runs OrtLatencyBench.java as a single-file program on core's class path.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cp_file=$(mktemp "${TMPDIR:-/tmp}/ort-latency-cp.XXXXXX")
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -pl core compile
mvn -B -q -pl core dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "core/target/classes:$(cat "$cp_file")" bench/ort-latency/OrtLatencyBench.java "$@"
