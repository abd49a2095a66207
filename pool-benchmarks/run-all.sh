#!/usr/bin/env bash
# One command: build once, then run Python's process pools (multiprocessing fork and spawn,
# concurrent.futures.ProcessPoolExecutor, loky, billiard, multiprocess), multiprocessing4j (pipe and
# socket transports) and PP4J interleaved on this machine, cold samples beside the warm figures, and
# print the ratio table.
#
#   pool-benchmarks/run-all.sh [--rounds N] [--scale F] [--repeats N] [--out DIR] [--sides a,b]
#                              [--gate S] [--wait-quiet S] [--side-timeout S] [--cold-samples N]
#                              [--no-cold] [--no-pinned] [--no-levers] [--no-jmh] [--no-build]
#
# Each round runs every side once, each as its own process, in an order rotated from round to
# round, so that noise from other work on this shared machine spreads evenly over the sides; then
# --cold-samples cold samples of every side, each in a fresh JVM or interpreter. The Python peers live in a
# virtual environment of the harness's own (pool-benchmarks/target/venv: joblib for loky, billiard,
# multiprocess), made and filled by pip on first use; the system Python is never changed. Results go
# to pool-benchmarks/target/bench-runs/<timestamp>/ (one JSON per side per round, logs, report.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
peers=$here/python/peers.py
venv=${BENCH_VENV:-$here/target/venv}
all_sides=(fork spawn ppe loky billiard multiprocess pipe socket pp4j)
sides_opt=""
gate=4
wait_quiet=15
side_timeout=3600
cold=1
cold_samples=1
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
    --sides) sides_opt=$2; shift 2 ;;
    --gate) gate=$2; shift 2 ;;
    --wait-quiet) wait_quiet=$2; shift 2 ;;
    --side-timeout) side_timeout=$2; shift 2 ;;
    --no-cold) cold=0; shift ;;
    --cold-samples) cold_samples=$2; shift 2 ;;
    --no-pinned) pinned=0; shift ;;
    --no-levers) levers=0; shift ;;
    --no-jmh) jmh=0; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -n "$sides_opt" ]; then
  IFS=, read -r -a sides <<< "$sides_opt"
  for s in "${sides[@]}"; do
    [[ " ${all_sides[*]} " == *" $s "* ]] || { echo "unknown side $s: choose from ${all_sides[*]}" >&2; exit 2; }
  done
else
  sides=("${all_sides[@]}")
fi
out=${out:-$here/target/bench-runs/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
is_python() { case "$1" in fork|spawn|ppe|loky|billiard|multiprocess) return 0 ;; *) return 1 ;; esac; }

# The peers' own interpreter: a venv beside the build output, never the system Python.
if [ ! -x "$venv/bin/python" ]; then
  log "making the Python peers' virtual environment $venv ..."
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import joblib.externals.loky, billiard, multiprocess' 2> /dev/null; then
  log "installing joblib (loky), billiard and multiprocess into $venv ..."
  "$venv/bin/python" -m pip install --quiet joblib billiard multiprocess
fi
py=$venv/bin/python

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
  echo "python: $("$py" --version 2>&1) ($py)"
  echo "peers: $("$py" -c 'import joblib, billiard, multiprocess; print("joblib", joblib.__version__, "(loky inside), billiard", billiard.__version__, ", multiprocess", multiprocess.__version__)' 2>&1)"
  echo "host: load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
  echo "git: $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?') (+ uncommitted changes: $(cd "$root" && git status --porcelain 2>/dev/null | wc -l) files)"
  echo "rounds: $rounds  scale: $scale  repeats: $repeats  gate: $gate s  wait-quiet: $wait_quiet s  sides: ${sides[*]}  cold: $cold ($cold_samples per round)"
} > "$out/machine.txt"
cat "$out/machine.txt" >&2

cpu_n=$("${java_cmd[@]}" $harness --calibrate-cpu)
log "cpu_work n calibrated to $cpu_n (~7 ms per item in this JVM, as Python's cpu_work(200000))"
echo "cpu_work_n: $cpu_n" >> "$out/machine.txt"

run_side() {
  local side=$1 round=$2
  local file="$out/round$round-$side.json" logf="$out/round$round-$side.log"
  log "round $round: $side ..."
  if is_python "$side"; then
    timeout "$side_timeout" "$py" "$peers" --sides "$side" --scale "$scale" --repeats "$repeats" \
      --gate "$gate" --wait-quiet "$wait_quiet" --out "$file" > /dev/null 2> "$logf"
  else
    timeout "$side_timeout" "${java_cmd[@]}" $harness --impls "$side" --scale "$scale" --repeats "$repeats" \
      --gate "$gate" --wait-quiet "$wait_quiet" --cpu-work-n "$cpu_n" --out "$file" > /dev/null 2> "$logf"
  fi || log "round $round: $side FAILED (see $logf)"
}

# A fresh JVM or interpreter per sample, nothing run before the pool; BENCH_LAUNCH_NS lets the
# sample add what its own start cost (launch_to_first_result_ms).
cold_side() {
  local side=$1 round=$2 sample=$3
  local file="$out/round$round-cold$sample-$side.json" logf="$out/round$round-cold$sample-$side.log"
  log "round $round: cold $side (sample $sample) ..."
  if is_python "$side"; then
    BENCH_LAUNCH_NS=$(date +%s%N) timeout 600 "$py" "$peers" --cold "$side" --scale "$scale" \
      --out "$file" > /dev/null 2> "$logf"
  else
    BENCH_LAUNCH_NS=$(date +%s%N) timeout 600 "${java_cmd[@]}" $harness --cold --impls "$side" \
      --scale "$scale" --out "$file" > /dev/null 2> "$logf"
  fi || log "round $round: cold $side FAILED (see $logf)"
}

for ((r = 1; r <= rounds; r++)); do
  for ((i = 0; i < ${#sides[@]}; i++)); do
    run_side "${sides[$(((i + r - 1) % ${#sides[@]}))]}" "$r"
  done
  if [ "$cold" = 1 ]; then
    for ((c = 1; c <= cold_samples; c++)); do
      for ((i = 0; i < ${#sides[@]}; i++)); do
        cold_side "${sides[$(((i + r + c - 2) % ${#sides[@]}))]}" "$r" "$c"
      done
    done
  fi
done

if [ "$pinned" = 1 ]; then
  log "pinned latency pass: everything on CPU 0 ..."
  "$py" "$peers" --sides fork,spawn --cpus 0 --only apply_rtt_us --gate "$gate" --wait-quiet "$wait_quiet" \
    --out "$out/pinned-python.json" > /dev/null 2> "$out/pinned-python.log" || true
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
"$py" "$here/report.py" "$out"
