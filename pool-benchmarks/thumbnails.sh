#!/usr/bin/env bash
# The thumbnail job (seed 001) in Java on multiprocessing4j and in Python + Pillow, on the same
# JPEGs, serially and on a pool of N processes; prints images/s per side and round, and medians.
# Python runs twice: Pillow's default (libjpeg decodes at a fraction of the size) and with every
# pixel decoded, as the JDK's ImageIO does.
#
#   pool-benchmarks/thumbnails.sh [--rounds N] [--processes N] [--count N] [--no-build]
#
# Pillow goes into a venv of its own (pool-benchmarks/target/venv-thumbs), never the system
# Python. The images are generated once by the Java demo into pool-benchmarks/target/thumbnail-images
# and reused. Rounds alternate which side goes first, so that noise on a shared machine spreads
# over both sides. Logs go to pool-benchmarks/target/thumbnail-runs/<timestamp>/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
rounds=3
processes=2
count=300
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --processes) processes=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1; the options are --rounds, --processes, --count, --no-build" >&2; exit 2 ;;
  esac
done
images=$here/target/thumbnail-images
out=$here/target/thumbnail-runs/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

venv=$here/target/venv-thumbs
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import PIL' 2> /dev/null; then
  log "creating $venv with Pillow ..."
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q Pillow
fi

cpfile=$root/pool-examples/target/classpath.txt
if [ "$build" = 1 ] || [ ! -f "$cpfile" ]; then
  log "building pool-examples (mvn -pl pool-examples -am -DskipTests package) ..."
  (cd "$root" && mvn -B -q -pl pool-examples -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime)
fi
jar=$(ls "$root"/pool-examples/target/pool-examples-*.jar | head -1)
java_cmd=(java -cp "$jar:$(cat "$cpfile")" org.multiprocessing4j.examples.Thumbnails
  --images "$images" --count "$count" --processes "$processes")

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "cpus: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "python: $("$venv/bin/python" --version 2>&1), Pillow $("$venv/bin/python" -c 'import PIL; print(PIL.__version__)')"
  echo "images: $count JPEGs of 1024x768, thumbnails fit in 75x75; processes: $processes; rounds: $rounds"
} | tee "$out/machine.txt" >&2

if [ ! -f "$images/.complete" ]; then
  log "generating the images (once) ..."
  "${java_cmd[@]}" --no-serial > "$out/generate-images.log" 2>&1
fi

run_java() {
  log "round $1: java ..."
  "${java_cmd[@]}" > "$out/round$1-java.log" 2> "$out/round$1-java.err"
}
run_python() {
  log "round $1: python ..."
  "$venv/bin/python" "$here/thumbnails.py" --images "$images" --processes "$processes" \
    > "$out/round$1-python.log" 2> "$out/round$1-python.err"
  log "round $1: python, full decode ..."
  "$venv/bin/python" "$here/thumbnails.py" --images "$images" --processes "$processes" \
    --full-decode > "$out/round$1-python-full.log" 2> "$out/round$1-python-full.err"
}
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then run_java "$r"; run_python "$r"; else run_python "$r"; run_java "$r"; fi
  echo "load after round $r: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
done

"$venv/bin/python" - "$out" "$rounds" "$processes" <<'EOF'
import re, statistics, sys
out, rounds, processes = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rate = re.compile(r"^(serial, this JVM|pool of \d+ worker JVMs|serial|pool\(\d+\)):\s+\d+ images in [\d.]+ s = ([\d.]+) images/s")
rows = {}
for r in range(1, rounds + 1):
    for side in ("java", "python", "python-full"):
        for line in open(f"{out}/round{r}-{side}.log"):
            m = rate.match(line)
            if m:
                mode = "serial" if m.group(1).startswith("serial") else f"pool of {processes}"
                rows.setdefault((side, mode), []).append(float(m.group(2)))
print(f"| images/s | serial | pool of {processes} | speedup |")
print("|---|---|---|---|")
sides = (
    ("java", "Java: multiprocessing4j, ImageIO"),
    ("python", "Python: multiprocessing, Pillow (draft decode)"),
    ("python-full", "Python: multiprocessing, Pillow, full decode"),
)
for side, label in sides:
    serial = rows.get((side, "serial"), [])
    pool = rows.get((side, f"pool of {processes}"), [])
    if not serial or not pool:
        print(f"| {label} | missing: see {out} | | |")
        continue
    s, p = statistics.median(serial), statistics.median(pool)
    fmt = lambda xs: ", ".join(f"{x:.1f}" for x in xs)
    print(f"| {label} | **{s:.1f}** ({fmt(serial)}) | **{p:.1f}** ({fmt(pool)}) | {p / s:.2f}x |")
print(f"\nmedians in bold, each round in brackets; logs in {out}")
EOF
