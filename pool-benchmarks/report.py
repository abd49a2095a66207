#!/usr/bin/env python3
"""Ratio table for run-all.sh: Python's process pools (multiprocessing fork and spawn,
concurrent.futures.ProcessPoolExecutor, loky, billiard, multiprocess) and PP4J vs multiprocessing4j
(pipe, socket), from the JSON files of one run directory.

Each round's file holds per-figure medians under summary.<side>; the table shows the median over
rounds of those medians, and each side's average foreign CPU load. Cold files (round<N>-cold-<side>
.json) hold one sample each, so their cells are medians over rounds of single samples.

Usage: python3 report.py RUN_DIR   (prints the tables; writes RUN_DIR/report.md and combined.json)
"""
import glob
import json
import os
import re
import statistics
import sys

# key, label, direction (+1 higher is better, -1 lower is better), target
#   target: ("ratio", x, basis) ours/python must be >= x (higher) or <= x (lower) against basis
#           ("abs", x) ours must be >= x (higher) or <= x (lower)
#           ("eq", x) ours must equal x
#           None: no target in the issues
FIGURES = [
    ("cold_pool_start_ms", "cold: build → first result, fresh process (ms)", -1, ("ratio", 1.0, ("spawn",))),
    ("cold_map_items_per_s_default_chunksize", "cold: first map of 1M ints, default chunking (items/s)", +1, ("ratio", 2.0, ("fork", "spawn"))),
    ("cold_launch_to_first_result_ms", "cold: process launch → first result (ms)", -1, None),
    ("pool_start_ms", "pool start to first result, later pools in the process (ms)", -1, ("ratio", 2.0, ("fork",))),
    ("pool_reuse_start_ms", "pool start, workers reused (loky's reusable executor) (ms)", -1, ("ratio", 2.0, ("fork",))),
    ("apply_rtt_us_median", "apply round trip, median (µs)", -1, ("ratio", 0.25, ("fork", "spawn"))),
    ("apply_rtt_us_p99", "apply round trip, p99 (µs)", -1, ("ratio", 0.5, ("fork", "spawn"))),
    ("apply_async_throughput_per_s", "applyAsync throughput (tasks/s)", +1, ("ratio", 10.0, ("fork", "spawn"))),
    ("map_small_items_per_s_default_chunksize", "map 1M ints, default chunksize (items/s)", +1, ("ratio", 2.0, ("fork", "spawn"))),
    ("map_small_items_per_s_chunksize_10000", "map 1M ints, chunksize 10,000 (items/s)", +1, ("ratio", 2.0, ("fork", "spawn"))),
    ("imap_unordered_items_per_s", "imapUnordered 200k ints, chunksize 1,000 (items/s)", +1, None),
    ("large_payload_MBps", "64 MiB payload round trip (MiB/s)", +1, ("abs", 1000.0)),
    ("queue_msgs_per_s", "Queue messages/s", +1, ("ratio", 5.0, ("fork", "spawn"))),
    ("pipe_msgs_per_s", "Pipe messages/s", +1, ("ratio", 3.0, ("fork", "spawn"))),
    ("pipe_bytes_MBps", "Pipe bytes (MiB/s)", +1, ("ratio", 3.0, ("fork", "spawn"))),
    ("manager_dict_ops_per_s", "Manager dict ops/s", +1, ("ratio", 4.0, ("fork", "spawn"))),
    ("cpu_bound_speedup", "CPU-bound speedup, 2 workers", +1, ("abs", 1.9)),
    ("process_start_join_ms_n1", "1 Process started and joined, shared Lock (ms)", -1, ("ratio", 1.0, ("spawn",))),
    ("process_start_join_ms_n10", "10 Processes started at once and joined, shared Lock (ms)", -1, ("ratio", 1.0, ("spawn",))),
    ("long_tasks_wall_s_n2", "2 tasks of 1 s right after Pool(2): wall (s)", -1, None),
    ("long_tasks_distinct_pids_n2", "… distinct worker pids (of 2)", +1, ("eq", 2)),
    ("long_tasks_wall_s_n3", "3 tasks of 1 s right after Pool(3): wall (s)", -1, None),
    ("long_tasks_distinct_pids_n3", "… distinct worker pids (of 3)", +1, ("eq", 3)),
    ("long_tasks_wall_s_n4", "4 tasks of 1 s right after Pool(4): wall (s)", -1, None),
    ("long_tasks_distinct_pids_n4", "… distinct worker pids (of 4)", +1, ("eq", 4)),
]
SIDES = ["fork", "spawn", "ppe", "loky", "billiard", "multiprocess", "pp4j", "pipe", "socket"]
LABELS = {"fork": "Python fork", "spawn": "Python spawn", "ppe": "ProcessPoolExecutor", "loky": "loky",
          "billiard": "billiard", "multiprocess": "multiprocess", "pp4j": "PP4J 2.2",
          "pipe": "ours, pipe", "socket": "ours, socket"}
OURS = ["pipe", "socket"]
PEERS = [s for s in SIDES if s not in OURS]
NOISY = 0.5


def figure_of(summary_key):
    """The results.<side> figure a summary key comes from (None: the side's own host block)."""
    if summary_key.startswith("cold_"):
        return None
    if summary_key.startswith("apply_rtt_us"):
        return "apply_rtt_us"
    if summary_key.startswith("map_small_items_per_s"):
        return "map_small_items_per_s"
    if summary_key.startswith("process_start_join_ms"):
        return "process_start_join_ms"
    if summary_key.startswith("long_tasks_"):
        return "long_tasks_after_build"
    return summary_key


def load(run_dir):
    per_side = {s: {} for s in SIDES}
    foreign = {s: [] for s in SIDES}
    notes = {s: {} for s in SIDES}
    notes["_dropped"] = []
    files = sorted(glob.glob(os.path.join(run_dir, "round*.json")))
    for f in files:
        try:
            d = json.load(open(f))
        except (OSError, ValueError) as e:
            print(f"skipping {f}: {e}", file=sys.stderr)
            continue
        for side, summ in d.get("summary", {}).items():
            if side not in per_side:
                continue
            res = d.get("results", {}).get(side, {})
            for k, v in summ.items():
                if k == "host_foreign_cpus_avg":
                    if v is not None:
                        foreign[side].append(v)
                    continue
                per_side[side].setdefault(k, [])
                if v is not None:
                    fig = figure_of(k)
                    block = res if fig is None else (res.get(fig) or {})
                    load = (block.get("host") or {}).get("foreign_cpus_avg")
                    per_side[side][k].append((v, load))
            for fig, r in res.items():
                if not isinstance(r, dict):
                    continue
                if "not_implemented" in r or "not_supported" in r:
                    notes[side].setdefault(fig, str(r.get("note")))
                if r.get("teardown_hangs_killed"):
                    notes[side].setdefault(fig + " (untimed teardown)",
                                           f"{r['teardown_hangs_killed']} worker(s) hung in Pool.terminate() and were killed by peers.py's guard")
                for tag in ("not_measured", "error"):
                    if tag in r:
                        notes[side].setdefault(fig, tag + ": " + str(r[tag]).split("\n")[0][:200])
    med, rounds, dropped = {}, {}, []
    for s in SIDES:
        med[s], rounds[s] = {}, {}
        for k, vals in per_side[s].items():
            # python_baseline's README: figures measured at foreign_cpus_avg >= ~0.5 are not
            # reliable. Drop them when at least one cleaner round of the same figure exists.
            clean = [v for v, load in vals if load is None or load < NOISY]
            use = clean if clean else [v for v, _ in vals]
            if len(use) < len(vals):
                dropped.append(f"{s} / {k}: {len(vals) - len(use)} of {len(vals)} rounds dropped (foreign load >= {NOISY})")
            med[s][k] = statistics.median(use) if use else None
            rounds[s][k] = len(use)
    notes["_dropped"] = dropped
    return files, med, rounds, foreign, notes


def fmt(v):
    if v is None:
        return "—"
    a = abs(v)
    if a >= 1e6:
        return f"{v / 1e6:.2f} M"
    if a >= 1e4:
        return f"{v / 1e3:.0f} k"
    if a >= 100:
        return f"{v:.0f}"
    if a >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def fr(r):
    return "—" if r is None else (f"{r:.3g}×" if r < 100 else f"{r:.0f}×")


def meets(value, direction, target, py):
    """True/False/None for one of our sides."""
    if target is None or value is None:
        return None
    kind = target[0]
    if kind == "eq":
        return value == target[1]
    if kind == "abs":
        return value >= target[1] if direction > 0 else value <= target[1]
    results = []
    for basis in target[2]:
        r = ratio(value, py.get(basis))
        if r is None:
            return None
        results.append(r >= target[1] if direction > 0 else r <= target[1])
    return all(results)


def target_text(direction, target):
    if target is None:
        return "—"
    if target[0] == "eq":
        return f"= {target[1]}"
    if target[0] == "abs":
        return ("≥ " if direction > 0 else "≤ ") + fmt(target[1])
    basis = " and ".join(target[2])
    return ("≥ " if direction > 0 else "≤ ") + f"{target[1]:g}× Python {basis}"


def yn(x):
    return "n/a" if x is None else ("**yes**" if x else "no")


def cell(key, v):
    if v is not None and "pids" in key:
        return f"{v:g}"
    return fmt(v)


def best_peer(key, direction, med):
    """(side, value) of the peer best on this figure, or (None, None)."""
    vals = [(s, med[s].get(key)) for s in PEERS if med[s].get(key) is not None]
    if not vals:
        return None, None
    return (max if direction > 0 else min)(vals, key=lambda sv: sv[1])


def build(run_dir):
    files, med, rounds, foreign, notes = load(run_dir)
    lines = []
    nrounds = len({m.group(1) for f in files if (m := re.match(r"round(\d+)-", os.path.basename(f)))})
    scale = None
    for f in files:
        try:
            scale = json.load(open(f)).get("config", {}).get("scale")
        except (OSError, ValueError):
            pass
    if scale not in (None, 1, 1.0):
        lines.append(f"**Scaled run (scale {scale})**: sizes differ from the labels below; only scale 1.0 is comparable.")
        lines.append("")
    present = [s for s in SIDES if any(v is not None for v in med[s].values())]
    lines.append(f"Rounds: {nrounds} (files: {len(files)}). Cells are medians over rounds of each round's median"
                 " (cold figures: of one fresh process per round);"
                 f" a round whose figure ran with other work keeping >= {NOISY} CPUs busy is left out"
                 " when a quieter round of that figure exists. — = not supported or not measured (see the notes).")
    lines.append("")
    lines.append("### Absolute figures")
    lines.append("")
    lines.append("| figure | " + " | ".join(LABELS[s] for s in present) + " |")
    lines.append("|---|" + "---:|" * len(present))
    for key, label, direction, target in FIGURES:
        lines.append(f"| {label} | " + " | ".join(cell(key, med[s].get(key)) for s in present) + " |")
    avg = lambda xs: (sum(xs) / len(xs)) if xs else None
    lines.append("| host load: foreign CPUs busy (avg over files) | " + " | ".join(
        fmt(avg(foreign[s])) for s in present) + " |")
    lines.append("")
    lines.append("### Ratios and targets")
    lines.append("")
    lines.append("Ratios are ours ÷ theirs (for times, lower is better; for rates, higher is better)."
                 " Best peer: the best of every other side on that figure.")
    lines.append("")
    lines.append("| figure | target | pipe ÷ fork | pipe ÷ spawn | socket ÷ fork | socket ÷ spawn | met: pipe / socket"
                 " | pipe ÷ PP4J | socket ÷ PP4J | best peer | pipe ÷ best peer | socket ÷ best peer |")
    lines.append("|---|---|---:|---:|---:|---:|:---:|---:|---:|---|---:|---:|")
    summary_rows = []
    for key, label, direction, target in FIGURES:
        pyv = {"fork": med["fork"].get(key), "spawn": med["spawn"].get(key)}
        row = [label, target_text(direction, target)]
        for s in OURS:
            for basis in ("fork", "spawn"):
                row.append(fr(ratio(med[s].get(key), pyv[basis])))
        met = [meets(med[s].get(key), direction, target, pyv) for s in OURS]
        row.append(" / ".join(yn(m) for m in met))
        for s in OURS:
            row.append(fr(ratio(med[s].get(key), med["pp4j"].get(key))))
        peer, peer_v = best_peer(key, direction, med)
        row.append("—" if peer is None else f"{LABELS[peer]} ({cell(key, peer_v)})")
        for s in OURS:
            row.append(fr(ratio(med[s].get(key), peer_v)))
        lines.append("| " + " | ".join(row) + " |")
        summary_rows.append({"figure": key, "target": target_text(direction, target),
                             **{s: med[s].get(key) for s in SIDES},
                             "met_pipe": met[0], "met_socket": met[1],
                             "best_peer": peer, "best_peer_value": peer_v})
    lines.append("")
    note_lines = []
    for s in SIDES:
        if s not in present:
            note_lines.append(f"- {s}: no result in this run (not run, failed or timed out: see its log)")
        grouped = {}
        for fig, n in notes[s].items():
            if fig == "pool_reuse_start_ms":
                continue  # loky's alone: saying so for every other side is noise
            grouped.setdefault(n, []).append(fig)
        for n, figs in grouped.items():
            note_lines.append(f"- {s}: {', '.join(figs)}: {n}")
    by_side = {}
    for line in notes["_dropped"]:
        side, rest = line.split(" / ", 1)
        key, count = rest.split(": ", 1)
        by_side.setdefault(side, []).append(f"{key} ({count.split(' rounds')[0]})")
    for side, items in by_side.items():
        note_lines.append(f"- {side}: rounds left out for foreign load >= {NOISY}: " + ", ".join(items))
    if note_lines:
        lines.append("Notes from the runs:")
        lines.append("")
        lines.extend(sorted(set(note_lines)))
        lines.append("")
    combined = {"files": files, "medians": med, "rounds_with_value": rounds,
                "foreign_cpus_avg": foreign, "rows": summary_rows}
    return "\n".join(lines), combined


def pinned(run_dir):
    """The optional pinned latency pass (taskset -c 0 / --cpus 0)."""
    out = []
    py = os.path.join(run_dir, "pinned-python.json")
    ours = os.path.join(run_dir, "pinned-ours.json")
    if not (os.path.exists(py) and os.path.exists(ours)):
        return ""
    p = json.load(open(py))["summary"]
    o = json.load(open(ours))["summary"]
    out.append("### apply round trip with every process pinned to CPU 0")
    out.append("")
    out.append("| | Python fork | Python spawn | ours, pipe | ours, socket |")
    out.append("|---|---:|---:|---:|---:|")
    for k in ("apply_rtt_us_median", "apply_rtt_us_p99"):
        out.append(f"| {k} | " + " | ".join(fmt(x.get(k)) for x in (
            p.get("fork", {}), p.get("spawn", {}), o.get("pipe", {}), o.get("socket", {}))) + " |")
    out.append("")
    return "\n".join(out)


def levers(run_dir):
    """The startup and transport levers measured by Harness --levers."""
    path = os.path.join(run_dir, "levers.json")
    if not os.path.exists(path):
        return ""
    d = json.load(open(path))
    r = d["results"]
    out = ["### Levers (Harness --levers, pipe transport)", ""]
    s = r.get("start_ms", {})
    host = (s.get("host") or {}).get("foreign_cpus_avg")
    out.append(f"Pool start to first result, ms, median (min) of {s.get('jvm_floor_hello', {}).get('n')} rounds;"
               f" configurations interleaved in random order; foreign CPUs busy during the rounds: {fmt(host)}."
               f" Workers' classpath: {d.get('workers_classpath_entries')} entries, trimmed:"
               f" {d.get('trimmed_classpath_entries')}.")
    out.append("")
    out.append("| workers' configuration | Pool(2) | Pool(1) |")
    out.append("|---|---:|---:|")
    if "jvm_floor_hello" in s:
        h = s["jvm_floor_hello"]
        out.append(f"| JVM floor: `java -cp <workers' classpath> Hello`, start to exit | | {h['median']} ({h['min']}) |")
    for k in s:
        if k.startswith("pool2_"):
            c = k[6:]
            a, b = s[k], s.get("pool1_" + c, {})
            out.append(f"| {c} | {a['median']} ({a['min']}) | {b.get('median')} ({b.get('min')}) |")
    out.append("")
    b = r.get("start_breakdown", {})
    if b:
        out.append("Where a start goes (Pool(1), ms, medians):")
        out.append("")
        cols = [c for c in b if c != "note"]
        out.append("| | " + " | ".join(cols) + " |")
        out.append("|---|" + "---:|" * len(cols))
        for part in b[cols[0]]:
            out.append(f"| {part} | " + " | ".join(str(b[c].get(part)) for c in cols) + " |")
        out.append("")
    cl = r.get("worker_class_loading", {})
    if cl:
        cols = [c for c in cl if c != "note"]
        out.append("Classes a worker loads until its first result:")
        out.append("")
        out.append("| | " + " | ".join(cols) + " |")
        out.append("|---|" + "---:|" * len(cols))
        for part in cl[cols[0]]:
            out.append(f"| {part} | " + " | ".join(str(cl[c].get(part)) for c in cols) + " |")
        out.append("")
    p = r.get("payload_64mib", {})
    if p:
        out.append("64 MiB round trip, ms (median of rounds):")
        out.append("")
        out.append("| what | ms | MiB/s |")
        out.append("|---|---:|---:|")
        for k, v in p.items():
            if isinstance(v, dict) and "median" in v:
                out.append(f"| {k} | {v['median']} | {fmt(64 / (v['median'] / 1e3))} |")
        out.append("")
    f = r.get("rtt_floor", {})
    if f:
        out.append("Round trip of one small message, µs:")
        out.append("")
        out.append("| what | median | p90 | p99 | min |")
        out.append("|---|---:|---:|---:|---:|")
        for k, v in f.items():
            if isinstance(v, dict):
                out.append(f"| {k} | {v['median']} | {v['p90']} | {v['p99']} | {v['min']} |")
        out.append("")
    return "\n".join(out)


def jmh(run_dir):
    path = os.path.join(run_dir, "jmh.json")
    if not os.path.exists(path):
        return ""
    rows = json.load(open(path))
    out = ["### JMH microbenchmarks", "", "| benchmark | params | mode | score | error | unit | p50 / p99 |",
           "|---|---|---|---:|---:|---|---|"]
    for b in rows:
        name = b["benchmark"].split(".")[-2] + "." + b["benchmark"].split(".")[-1]
        params = ", ".join(f"{k}={v}" for k, v in (b.get("params") or {}).items())
        m = b["primaryMetric"]
        pct = m.get("scorePercentiles") or {}
        extra = ""
        if b["mode"] == "sample":
            extra = f"{pct.get('50.0', 0):.1f} / {pct.get('99.0', 0):.1f}"
        out.append(f"| {name} | {params} | {b['mode']} | {m['score']:.1f} | {m['scoreError']:.1f} | {m['scoreUnit']} | {extra} |")
    out.append("")
    return "\n".join(out)


def main():
    run_dir = sys.argv[1] if len(sys.argv) > 1 else "."
    text, combined = build(run_dir)
    for extra in (pinned(run_dir), levers(run_dir), jmh(run_dir)):
        if extra:
            text += "\n" + extra
    with open(os.path.join(run_dir, "report.md"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(run_dir, "combined.json"), "w") as f:
        json.dump(combined, f, indent=2)
    print(text)


if __name__ == "__main__":
    main()
