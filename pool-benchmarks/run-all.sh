#!/usr/bin/env bash
# One command: build once, then run the Python multiprocessing baseline, multiprocessing4j (pipe and
# socket transports) and PP4J interleaved on this machine, and print the ratio table.
#
#   pool-benchmarks/run-all.sh [--rounds N] [--scale F] [--repeats N] [--out DIR]
#                              [--no-pinned] [--no-levers] [--no-jmh] [--no-build]
#
# Each round runs every side once, in an order rotated from round to round, so that noise from
# other work on this shared machine spreads evenly over the sides. Results go to
# pool-benchmarks/target/bench-runs/<timestamp>/ (one JSON per side per round, logs, report.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
baseline=${PYTHON_BASELINE:-$root/../shared/bench/python_baseline.py}
rounds=3
scale=1.0
repeats=5
out=""
pinned=1
levers=1
jmh=1
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --repeats) repeats=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-pinned) pinned=0; shift ;;
    --no-levers) levers=0; shift ;;
    --no-jmh) jmh=0; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$baseline" ] || { echo "python baseline not found at $baseline (set PYTHON_BASELINE)" >&2; exit 2; }
out=${out:-$here/target/bench-runs/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

if [ "$build" = 1 ]; then
  log "building (mvn -Pbench -pl pool-benchmarks -am -DskipTests package) ..."
  (cd "$root" && mvn -B -q -Pbench -pl pool-benchmarks -am -DskipTests package)
fi
# Jars only: a CDS archive (one of the levers) refuses classpaths with non-empty directories.
jar=$(ls "$here"/target/pool-benchmarks-*.jar | grep -v -- '-tests' | head -1)
cp="$jar:$(ls "$here"/target/lib/*.jar | tr '\n' ':')"
cp=${cp%:}
java_cmd=(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp")
harness=org.multiprocessing4j.benchmarks.Harness

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "cpus: $(nproc)"
  echo "kernel: $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "python: $(python3 --version 2>&1)"
  echo "git: $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?') (+ uncommitted changes: $(cd "$root" && git status --porcelain 2>/dev/null | wc -l) files)"
  echo "rounds: $rounds  scale: $scale  repeats: $repeats"
} > "$out/machine.txt"
cat "$out/machine.txt" >&2

cpu_n=$("${java_cmd[@]}" $harness --calibrate-cpu)
log "cpu_work n calibrated to $cpu_n (~7 ms per item in this JVM, as Python's cpu_work(200000))"
echo "cpu_work_n: $cpu_n" >> "$out/machine.txt"

run_side() {
  local side=$1 round=$2
  local file="$out/round$round-$side.json" logf="$out/round$round-$side.log"
  log "round $round: $side ..."
  case "$side" in
    python)
      python3 "$baseline" --scale "$scale" --repeats "$repeats" --out "$file" > /dev/null 2> "$logf" ;;
    pipe|socket|pp4j)
      "${java_cmd[@]}" $harness --impls "$side" --scale "$scale" --repeats "$repeats" \
        --cpu-work-n "$cpu_n" --out "$file" > /dev/null 2> "$logf" ;;
  esac || log "round $round: $side FAILED (see $logf)"
}

sides=(python pipe socket pp4j)
for ((r = 1; r <= rounds; r++)); do
  for ((i = 0; i < ${#sides[@]}; i++)); do
    run_side "${sides[$(((i + r - 1) % ${#sides[@]}))]}" "$r"
  done
done

if [ "$pinned" = 1 ]; then
  log "pinned latency pass: everything on CPU 0 ..."
  python3 "$baseline" --cpus 0 --only apply_rtt_us --out "$out/pinned-python.json" > /dev/null 2> "$out/pinned-python.log" || true
  taskset -c 0 "${java_cmd[@]}" $harness --impls pipe,socket --only apply_rtt_us \
    --out "$out/pinned-ours.json" > /dev/null 2> "$out/pinned-ours.log" || true
fi

if [ "$levers" = 1 ]; then
  log "startup levers (AppCDS, C1, ...) ..."
  "${java_cmd[@]}" $harness --levers --lever-rounds 10 --gate 1 --out "$out/levers.json" \
    > /dev/null 2> "$out/levers.log" || log "levers FAILED (see $out/levers.log)"
fi

if [ "$jmh" = 1 ]; then
  log "JMH microbenchmarks ..."
  java -jar "$here/target/benchmarks.jar" -rf json -rff "$out/jmh.json" > "$out/jmh.txt" 2>&1 \
    || log "JMH FAILED (see $out/jmh.txt)"
fi

log "results in $out"
python3 "$here/report.py" "$out"
