#!/usr/bin/env bash
# Training at IoT data volumes: the real CLI (`./edge-mlops train ... --json`) on generated data of 1, 3 and
# 10 million rows x 16 features (VolumeData; gzip from GZIP_FROM rows on), one size after the other. Per size:
# wall time, rows/s end to end (rows read / wall time), the training rows/s the CLI logs for its last reported
# epoch, and the peak resident memory of the engine's process, next to the bound of the issue: 2x the features'
# float32 size (rows x 16 x 4 bytes), plus a fixed overhead, estimated by the same command on BASE_ROWS rows.
# Ends with rows/s of the largest size against the smallest (goal: within 20 % at 10 M vs 1 M).
#
# Usage: bench/volume-bench.sh     (env: SIZES EPOCHS WORK GZIP_FROM SEED BASE_ROWS EDGE_MLOPS_JAVA_OPTS;
#                                  NO_GNU_TIME=1 samples /proc even where /usr/bin/time exists)
# Installs Debian's `time` with apt-get when /usr/bin/time is missing, else samples /proc (see peak_rss below).
# A size that fails (e.g. out of memory) is printed as FAILED with its exit code and the end of its log.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000000 3000000 10000000"}
EPOCHS=${EPOCHS:-2}
WORK=${WORK:-/tmp/edge-mlops-volume-bench}
GZIP_FROM=${GZIP_FROM:-10000000}
SEED=${SEED:-1}
BASE_ROWS=${BASE_ROWS:-10000}
mkdir -p "$WORK"

. bench/common.sh

if [ ! -x /usr/bin/time ]; then
  echo "installing time (Debian) for the peak resident memory ..." >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  { $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q time; } >&2 \
    || echo "could not install time: sampling VmHWM/VmRSS from /proc instead" >&2
fi

# The CLI jar (what ./edge-mlops runs; built here offline, so that ./edge-mlops finds it fresh and does not build
# inside the timed runs) and the bench classes for the generator.
echo "building the CLI and bench ..." >&2
mvn -o -B -q -Dstyle.color=never -DskipTests -pl cli,bench -am package >&2
CP="bench/target/classes"

# data_file SIZE: the cached data set of that size and seed, generated once (to a temporary name first, so an
# interrupted generation is never reused). The generator's own timing is kept next to it.
data_file() {
  local rows=$1 ext=csv
  if [ "$rows" -ge "$GZIP_FROM" ]; then ext=csv.gz; fi
  local file="$WORK/vol-$rows-$SEED.$ext"
  if [ ! -f "$file" ]; then
    echo "generating $rows rows -> $file ..." >&2
    java -cp "$CP" io.edgemlops.bench.VolumeData generate --rows "$rows" --seed "$SEED" --out "$file.part.$ext" \
        2> "$file.gen.log"
    mv "$file.part.$ext" "$file"
    cat "$file.gen.log" >&2
  fi
  echo "$file"
}

# peak_rss OUT_FILE CMD...: runs CMD, writes wall_s, maxrss_kb, user_s, sys_s and exit to OUT_FILE, returns
# CMD's exit code. With GNU time: its "Maximum resident set size" (%M, the kernel's ru_maxrss of the process it
# waited for: ./edge-mlops execs java, and the engine starts no other process, so this is the JVM with its
# natives). Without: samples every 0.2 s the sum of VmRSS over the process and its descendants and the main
# process's own VmHWM (the kernel's high-water mark, which also catches peaks between samples), keeps the larger.
peak_rss() {
  local out=$1; shift
  local rc=0
  if [ -x /usr/bin/time ] && [ "${NO_GNU_TIME:-0}" != 1 ]; then
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f $'maxrss_kb=%M\nuser_s=%U\nsys_s=%S' -o "$out.time" "$@" || rc=$?
    t1=$(date +%s%N)
    # A child killed by a signal makes time write "Command terminated by signal N" first.
    grep -E '^(maxrss_kb|user_s|sys_s)=' "$out.time" > "$out" || true
  else
    local t0 t1 pid peak=0 hwm=0
    t0=$(date +%s%N)
    "$@" & pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      local tree="$pid" next="$pid" sum=0 kids
      while [ -n "$next" ]; do
        kids=$(for p in $next; do cat "/proc/$p/task/"*/children 2>/dev/null; done | tr '\n' ' ')
        tree="$tree $kids"; next=$(echo $kids)
      done
      for p in $tree; do
        sum=$((sum + $(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)))
      done
      local h
      h=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${h:-0}" -gt "$hwm" ] && hwm=$h
      [ "$sum" -gt "$peak" ] && peak=$sum
      sleep 0.2
    done
    wait "$pid" || rc=$?
    t1=$(date +%s%N)
    [ "$hwm" -gt "$peak" ] && peak=$hwm
    echo "maxrss_kb=$peak" > "$out"
  fi
  echo "wall_s=$(( (t1 - t0) / 1000000 ))e-3" >> "$out"
  echo "exit=$rc" >> "$out"
  return $rc
}

# stamp: prefixes each line of stdin with the seconds since stamp started.
stamp() {
  "$PYTHON" -u -c '
import sys, time
t = time.monotonic()
for line in iter(sys.stdin.readline, ""):
    sys.stdout.write(f"{time.monotonic() - t:7.1f} s  {line}")
'
}

# train NAME DATA: one timed `edge-mlops train` on a fresh store; leaves $WORK/NAME.{json,log,res}.
train() {
  local name=$1 data=$2
  rm -rf "$WORK/store-$name"
  echo "training $name on $data (load average $(cut -d' ' -f1-3 /proc/loadavg)) ..." >&2
  # The CLI's stderr goes to the log with each line's arrival in seconds since the start, which shows where the
  # time goes (reading and parsing end at the "read N rows" line (older engines: the "dataset" line), training at "stopped after", ...).
  peak_rss "$WORK/$name.res" ./edge-mlops train --dataset "$data" --store "local:$WORK/store-$name" \
      --model "vol$name" --label state --epochs "$EPOCHS" --json 2>&1 > "$WORK/$name.json" | stamp > "$WORK/$name.log" \
      || true
  echo "load_after=$(cut -d' ' -f1 /proc/loadavg)" >> "$WORK/$name.res"
  rm -rf "$WORK/store-$name"
  return 0
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); JVM options:" \
     "${EDGE_MLOPS_JAVA_OPTS:-(defaults)}; epochs $EPOCHS; load average $(cut -d' ' -f1-3 /proc/loadavg)" \
     | tee "$WORK/summary.txt"

# The fixed overhead: the same command on a data set too small to weigh (JVM, PyTorch, ONNX Runtime, store).
train base "$(data_file "$BASE_ROWS")"
for rows in $SIZES; do
  train "$rows" "$(data_file "$rows")"
done

"$PYTHON" - "$WORK" "$SEED" "$GZIP_FROM" "$BASE_ROWS" $SIZES <<'PY' | tee -a "$WORK/summary.txt"
import json, os, re, sys
work, seed, gzip_from, base_rows, sizes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
MiB = 1024 * 1024

def data_path(rows):
    return f"{work}/vol-{rows}-{seed}.csv" + (".gz" if rows >= gzip_from else "")

def load(name, rows):
    res = dict(l.strip().split("=", 1) for l in open(f"{work}/{name}.res") if "=" in l)
    r = {"rows": rows, "exit": int(res["exit"]), "wall": float(res["wall_s"]),
         "rss": int(res.get("maxrss_kb", 0)) * 1024, "file": os.path.getsize(data_path(rows)),
         "gz": rows >= gzip_from, "load": res.get("load_after", "?"),
         "cpu": float(res.get("user_s", 0)) + float(res.get("sys_s", 0)) if "user_s" in res else None}
    gen = f"{data_path(rows)}.gen.log"
    m = re.search(r" in ([0-9.]+) s", open(gen).read()) if os.path.exists(gen) else None
    r["gen"] = float(m.group(1)) if m else None
    log = open(f"{work}/{name}.log", errors="replace").read().splitlines()
    r["tail"] = log[-6:]
    epochs = [int(float(m.group(1))) for l in log for m in [re.search(r"\] epoch \d+/\d+ .* ([0-9.]+) rows/s$", l)] if m]
    r["train_rps"] = epochs[-1] if epochs else None
    def at(pattern):
        for l in log:
            m = re.match(r"\s*([0-9.]+) s  \[edge-mlops\] " + pattern, l)
            if m:
                return float(m.group(1))
        return None
    # Start to the "read N rows" line (older engines: "dataset"): JVM start, reading and parsing; "PyTorch ready" to "stopped after": the epochs
    # and the retraining on all training rows.
    r["read_s"] = at("read ") if at("read ") is not None else at("dataset ")
    ready, stopped = at("PyTorch ready"), at("stopped after")
    r["train_s"] = stopped - ready if ready is not None and stopped is not None else None
    if r["exit"] == 0:
        out = json.load(open(f"{work}/{name}.json"))
        r["read"] = out["rows"]
        r["acc"] = out.get("accuracy")
    return r

base = load("base", base_rows)
runs = [load(s, int(s)) for s in sizes]

def fmt(v, spec, width):
    return format("-" if v is None else format(v, spec), f">{width}")

print()
print(f"fixed overhead: the same command on {base_rows:,} rows peaked at {base['rss'] / MiB:,.0f} MiB "
      f"(wall {base['wall']:.1f} s, exit {base['exit']})")
print()
head = ("rows", "file MB", "gen s", "wall s", "read s", "train s", "rows/s", "train rows/s", "CPU s", "peak MiB", "bound MiB",
        "peak/bound", "(peak-base)/bound", "accuracy", "load")
print(" | ".join(head))
print(" | ".join("---" for _ in head))
for r in runs:
    size = f"{r['file'] / 1e6:,.1f}" + (" gz" if r["gz"] else "")
    bound = 2 * r["rows"] * 16 * 4
    if r["exit"] != 0:
        print(f"{r['rows']:,} | {size} | {fmt(r['gen'], '.1f', 1)} | {r['wall']:.1f} | {fmt(r['read_s'], '.1f', 1)} | {fmt(r['train_s'], '.1f', 1)} | FAILED (exit {r['exit']}) | "
              f"{fmt(r['train_rps'], ',', 1)} | {fmt(r['cpu'], '.1f', 1)} | {r['rss'] / MiB:,.0f} | {bound / MiB:,.0f} | "
              f"{r['rss'] / bound:.1f} | - | - | {r['load']}")
        for l in r["tail"]:
            print(f"    {l}")
        continue
    r["rps"] = r["read"] / r["wall"]
    print(f"{r['read']:,} | {size} | {fmt(r['gen'], '.1f', 1)} | {r['wall']:.1f} | {fmt(r['read_s'], '.1f', 1)} | {fmt(r['train_s'], '.1f', 1)} | {r['rps']:,.0f} | "
          f"{fmt(r['train_rps'], ',', 1)} | {fmt(r['cpu'], '.1f', 1)} | {r['rss'] / MiB:,.0f} | {bound / MiB:,.0f} | "
          f"{r['rss'] / bound:.1f} | {(r['rss'] - base['rss']) / bound:.1f} | {fmt(r['acc'], '.4f', 1)} | {r['load']}")

ok = [r for r in runs if r["exit"] == 0]
print()
by_rows = {r["rows"]: r for r in ok}
if 1_000_000 in by_rows and 10_000_000 in by_rows:
    print(f"rows/s 10 M / 1 M: {by_rows[10_000_000]['rps'] / by_rows[1_000_000]['rps']:.2f} (goal >= 0.80)")
if len(ok) >= 2:
    lo, hi = min(ok, key=lambda r: r["rows"]), max(ok, key=lambda r: r["rows"])
    print(f"rows/s {hi['rows']:,} / {lo['rows']:,}: {hi['rps'] / lo['rps']:.2f}")
failed = [r["rows"] for r in runs if r["exit"] != 0]
if failed:
    print(f"FAILED sizes: {', '.join(f'{n:,}' for n in failed)} (logs: {work}/<rows>.log)")
PY
