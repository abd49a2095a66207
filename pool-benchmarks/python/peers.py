#!/usr/bin/env python3
"""Python's process pools side by side: python_baseline.py's figures, extended to the peers.

The sides, each measured on the figures it supports (the others are recorded as
``not_supported`` with the reason):

    fork, spawn    multiprocessing.get_context(method) (the baseline's two start methods)
    ppe            concurrent.futures.ProcessPoolExecutor (the default start method)
    loky           joblib.externals.loky.get_reusable_executor
    billiard       billiard.get_context() (Celery's fork of multiprocessing)
    multiprocess   multiprocess.get_context() (multiprocessing with dill)

Figures and keys are python_baseline.py's (``results.<side>.<figure>``,
``summary.<side>``, ``summary_best.<side>``), plus:

    process_start_join_ms   n Processes started at once and joined, each taking a
                            shared Lock to add 1 to a shared counter (n = 1 and 10)
    long_tasks_after_build  Pool(n), n = 2, 3, 4, and at once map(sleep 1 s, n items,
                            chunksize 1), timed from after the constructor returned;
                            the wall time and how many distinct worker pids ran them
    pool_reuse_start_ms     (loky only) get_reusable_executor(2) again while the previous
                            executor is alive, until the first result: a later pool in
                            the same process reusing warm workers

``--cold SIDE`` instead measures one cold sample in this fresh interpreter: the pool is
built with no warm-up pass, timed until its first apply returns (cold_pool_start_ms),
then its first map of 1M ints at the default chunking (cold_map_items_per_s_default_chunksize).

The executors have no ``Pool``; an adapter gives them its calls (``apply`` is
``submit().result()``, ``map`` is ``Executor.map`` with multiprocessing's default chunksize
rule, ``ceil(n / (4 * processes))``, since their own default is one item per task).

Usage:
    python3 peers.py --out peers.json [--sides fork,spawn,ppe,loky,billiard,multiprocess]
    python3 peers.py --sides loky --repeats 3 --scale 0.1 --only pool_start_ms   # a smoke run
    python3 peers.py --cold spawn --out cold.json

Prints exactly one JSON object on stdout (progress goes to stderr) and, with
--out, writes the same object to that file.

All worker functions are top-level so that the 'spawn' start method can
import them from the main module; everything that does work is guarded by
``if __name__ == "__main__"``.
"""

import argparse
import datetime
import concurrent.futures
import gc
import importlib
import json
import math
import multiprocessing as mp
import os
import platform
import signal
import statistics
import sys
import threading
import time
import traceback

MiB = 1 << 20
perf = time.perf_counter
perf_ns = time.perf_counter_ns


# --------------------------------------------------------------------------
# Top-level worker functions (must be importable by 'spawn' children)
# --------------------------------------------------------------------------

def identity(x):
    return x


def square(x):
    return x * x


def cpu_work(n):
    return sum(i * i for i in range(n))


def sleep_pid(seconds):
    time.sleep(seconds)
    return os.getpid()


def locked_increment(lock, counter):
    with lock:
        counter.value += 1


def queue_producer(q, n, ready, go):
    ready.set()
    go.wait()
    put = q.put
    for i in range(n):
        put(i)
    # Queue's feeder thread is flushed/joined at process exit.


def pipe_obj_sender(conn, n):
    conn.send("ready")
    conn.recv()  # "go"
    send = conn.send
    for i in range(n):
        send(i)
    conn.close()


def pipe_bytes_sender(conn, block_size, count):
    block = bytes(block_size)
    conn.send("ready")
    conn.recv()  # "go"
    send_bytes = conn.send_bytes
    for _ in range(count):
        send_bytes(block)
    conn.close()


def manager_dict_setter(d, n, conn):
    len(d)  # warm-up: opens this process's connection to the manager
    conn.send("ready")
    conn.recv()  # "go"
    t0 = perf()
    for i in range(n):
        d[i] = i
    t1 = perf()
    conn.send(t1 - t0)
    conn.close()


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def log(msg):
    print(f"[{datetime.datetime.now().strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")


def pct_nearest_rank(sorted_vals, p):
    if not sorted_vals:
        return None
    k = max(0, math.ceil(p / 100.0 * len(sorted_vals)) - 1)
    return sorted_vals[k]


def rnd(x, nd=3):
    return None if x is None else round(x, nd)


def stats(samples, nd=3):
    s = sorted(samples)
    return {
        "median": rnd(statistics.median(s), nd),
        "min": rnd(s[0], nd),
        "max": rnd(s[-1], nd),
        "n": len(s),
        "samples": [rnd(v, nd) for v in samples],
    }


def rate_stats(items, seconds_list, nd=1):
    """Throughput per run = items / seconds; report median of the per-run rates."""
    rates = [items / t for t in seconds_list]
    out = stats(rates, nd)
    out["seconds"] = [round(t, 4) for t in seconds_list]
    return out


def scaled(n, scale, minimum=1):
    return max(minimum, int(round(n * scale)))


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def host_cpu():
    """(busy_s, steal_s) summed over all CPUs since boot, from /proc/stat; None if unavailable."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal ...
    busy = v[0] + v[1] + v[2] + v[5] + v[6]
    steal = v[7] if len(v) > 7 else 0
    return busy / CLK_TCK, steal / CLK_TCK


def own_cpu():
    """CPU seconds of this process plus its reaped children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class CpuMeter:
    """Rough contention indicator: how much host CPU was used by processes other than ours."""

    def __init__(self):
        self.h0, self.o0, self.w0 = host_cpu(), own_cpu(), perf()

    def read(self):
        h1, o1, w1 = host_cpu(), own_cpu(), perf()
        wall = w1 - self.w0
        own = o1 - self.o0
        out = {"own_cpu_s": round(own, 3)}
        if self.h0 is not None and h1 is not None:
            busy = h1[0] - self.h0[0]
            foreign = max(0.0, busy - own)
            out.update(
                host_busy_cpu_s=round(busy, 3),
                foreign_cpu_s=round(foreign, 3),
                foreign_cpus_avg=round(foreign / wall, 3) if wall > 0 else None,
                steal_s=round(h1[1] - self.h0[1], 3),
            )
        return out


def wait_quiet(max_wait_s, threshold_cpus=0.25, window_s=1.0):
    """Wait (up to max_wait_s) for a window of window_s seconds in which the host is nearly idle."""
    if max_wait_s <= 0 or host_cpu() is None:
        return {"requested_s": max_wait_s, "waited_s": 0.0, "quiet": None}
    t_start = perf()
    while True:
        h0 = host_cpu()[0]
        time.sleep(window_s)
        last = (host_cpu()[0] - h0) / window_s
        if last < threshold_cpus or perf() - t_start >= max_wait_s:
            return {"requested_s": max_wait_s, "waited_s": round(perf() - t_start, 2),
                    "quiet": last < threshold_cpus, "busy_cpus_last_window": round(last, 3)}


def loadavg():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


# --------------------------------------------------------------------------
# The sides
# --------------------------------------------------------------------------

class NotSupported(Exception):
    """A side has no such call; the figure is recorded as not_supported with this reason."""


def mp_default_chunksize(n, procs):
    """What multiprocessing.Pool.map computes when chunksize is None."""
    cs, extra = divmod(n, procs * 4)
    return cs + (1 if extra else 0)


class _FutureResult:
    """AsyncResult.get() over a concurrent.futures.Future."""

    __slots__ = ("future",)

    def __init__(self, future):
        self.future = future

    def get(self, timeout=None):
        return self.future.result(timeout)


class ExecutorPool:
    """The Pool calls the figures use, over a concurrent.futures.Executor."""

    def __init__(self, executor, procs, shutdown):
        self.executor, self.procs, self._shutdown = executor, procs, shutdown

    def apply(self, fn, args=()):
        return self.executor.submit(fn, *args).result()

    def apply_async(self, fn, args=()):
        return _FutureResult(self.executor.submit(fn, *args))

    def map(self, fn, iterable, chunksize=None):
        if chunksize is None:
            chunksize = mp_default_chunksize(len(iterable), self.procs)
        return list(self.executor.map(fn, iterable, chunksize=chunksize))

    def imap_unordered(self, fn, iterable, chunksize=1):
        raise NotSupported("no imap_unordered (Executor.map returns results in order)")

    def terminate(self):
        self._shutdown(self.executor)

    def join(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.terminate()


class ExecutorContext:
    """A context-like object whose Pool(n) is an executor; it has no Process, Queue, Pipe or Manager."""

    def __init__(self, name, make, shutdown, start_method):
        self.name, self._make, self._shutdown, self._start_method = name, make, shutdown, start_method

    def Pool(self, procs):
        return ExecutorPool(self._make(procs), procs, self._shutdown)

    def get_start_method(self):
        return self._start_method


TEARDOWN_GUARD_S = 10.0
teardown_kills = []


class GuardedPool:
    """A billiard Pool whose terminate() cannot hang the run.

    On this machine billiard's terminate() now and then waits forever in join() for a worker
    stuck on a futex (a fork taken while another of the pool's threads held a lock). Teardown is
    never timed; after TEARDOWN_GUARD_S the guard SIGKILLs the pool's workers still alive, so that
    join() returns, and records how often it had to (teardown_hangs_killed in the figure).
    """

    def __init__(self, pool):
        self._pool = pool

    def __getattr__(self, name):
        return getattr(self._pool, name)

    def _kill_stuck(self):
        for worker in list(getattr(self._pool, "_pool", [])):
            if worker.is_alive():
                try:
                    os.kill(worker.pid, signal.SIGKILL)
                    teardown_kills.append(worker.pid)
                except OSError:
                    pass

    def terminate(self):
        timer = threading.Timer(TEARDOWN_GUARD_S, self._kill_stuck)
        timer.daemon = True
        timer.start()
        try:
            self._pool.terminate()
        finally:
            timer.cancel()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.terminate()


class GuardedContext:
    """billiard's context with GuardedPool pools; everything else as billiard's."""

    def __init__(self, ctx):
        self._ctx = ctx

    def __getattr__(self, name):
        return getattr(self._ctx, name)

    def Pool(self, *args, **kwargs):
        return GuardedPool(self._ctx.Pool(*args, **kwargs))


def make_side(side):
    """(context, description) for a side; imports the side's library."""
    if side in ("fork", "spawn"):
        return mp.get_context(side), f"multiprocessing, start method {side}"
    if side == "ppe":
        method = mp.get_start_method()
        return ExecutorContext(
            side, lambda n: concurrent.futures.ProcessPoolExecutor(max_workers=n),
            lambda ex: ex.shutdown(wait=True), method), \
            f"concurrent.futures.ProcessPoolExecutor (default start method: {method})"
    if side == "loky":
        loky = importlib.import_module("joblib.externals.loky")
        joblib = importlib.import_module("joblib")
        return ExecutorContext(
            side, lambda n: loky.get_reusable_executor(max_workers=n),
            lambda ex: ex.shutdown(wait=True, kill_workers=True), "loky"), \
            (f"joblib {joblib.__version__} externals.loky.get_reusable_executor; terminate ="
             " shutdown(kill_workers=True), so every Pool(n) of a figure is a fresh executor"
             " (pool_reuse_start_ms measures reuse)")
    if side in ("billiard", "multiprocess"):
        lib = importlib.import_module(side)
        ctx = lib.get_context()
        description = f"{side} {getattr(lib, '__version__', '?')}, start method {ctx.get_start_method()}"
        if side == "billiard":
            return GuardedContext(ctx), description + f" (teardown guarded: stuck workers killed after {TEARDOWN_GUARD_S:g} s)"
        return ctx, description
    raise SystemExit(f"unknown side {side!r}: choose from {', '.join(ALL_SIDES)}")


ALL_SIDES = ["fork", "spawn", "ppe", "loky", "billiard", "multiprocess"]
EXECUTORS = ("ppe", "loky")
EXECUTOR_LACKS = "has no imap_unordered, Process, Queue, Pipe or Manager (an Executor)"


def unsupported(side, figure):
    """Why a side cannot do a figure, or None."""
    if figure == "pool_reuse_start_ms" and side != "loky":
        return "no reusable executor (loky's get_reusable_executor only)"
    if side in EXECUTORS and figure in (
            "imap_unordered_items_per_s", "queue_msgs_per_s", "pipe_msgs_per_s", "pipe_bytes_MBps",
            "manager_dict_ops_per_s", "process_start_join_ms"):
        return f"{side} {EXECUTOR_LACKS}"
    return None


# --------------------------------------------------------------------------
# Measurements. Each returns a dict; pools are created outside the timed
# region (except for pool_start) and warmed up first.
# --------------------------------------------------------------------------

def m_pool_start(ctx, cfg):
    reps = cfg["pool_start_reps"]
    times = []
    for _ in range(reps):
        gc.collect()
        t0 = perf()
        pool = ctx.Pool(cfg["procs"])
        r = pool.apply(identity, (1,))
        t1 = perf()
        assert r == 1
        pool.terminate()
        pool.join()
        times.append((t1 - t0) * 1e3)
    out = stats(times, 2)
    out["unit"] = "ms"
    out["what"] = "Pool(2) construction until first apply(identity, (1,)) returns; terminate not timed"
    return out


def m_apply_rtt(ctx, cfg):
    n, warm = cfg["rtt_calls"], cfg["rtt_warmup"]
    with ctx.Pool(cfg["procs"]) as pool:
        for i in range(warm):
            pool.apply(identity, (i,))
        gc.collect()
        lat = []
        apply = pool.apply
        for i in range(n):
            t0 = perf_ns()
            r = apply(identity, (i,))
            lat.append((perf_ns() - t0) / 1e3)
            assert r == i
    s = sorted(lat)
    return {
        "unit": "us",
        "median": rnd(statistics.median(s), 1),
        "p99": rnd(pct_nearest_rank(s, 99), 1),
        "p90": rnd(pct_nearest_rank(s, 90), 1),
        "mean": rnd(statistics.fmean(s), 1),
        "min": rnd(s[0], 1),
        "max": rnd(s[-1], 1),
        "n": n,
        "warmup": warm,
    }


def m_apply_async(ctx, cfg):
    n, reps = cfg["async_tasks"], cfg["repeats"]
    times = []
    with ctx.Pool(cfg["procs"]) as pool:
        # warm-up
        for r in [pool.apply_async(identity, (i,)) for i in range(1000)]:
            r.get()
        for _ in range(reps):
            gc.collect()
            t0 = perf()
            rs = [pool.apply_async(identity, (i,)) for i in range(n)]
            total = 0
            for r in rs:
                total += r.get()
            times.append(perf() - t0)
            assert total == n * (n - 1) // 2
            del rs
    out = rate_stats(n, times)
    out.update(unit="tasks/s", tasks=n)
    return out


def m_map(ctx, cfg):
    n, reps = cfg["map_items"], cfg["repeats"]
    expected_last = (n - 1) * (n - 1)
    res = {}
    with ctx.Pool(cfg["procs"]) as pool:
        pool.map(square, range(10000))  # warm-up
        for label, chunksize in (("default_chunksize", None), ("chunksize_10000", 10000)):
            times = []
            for _ in range(reps):
                gc.collect()
                t0 = perf()
                out = pool.map(square, range(n), chunksize)
                times.append(perf() - t0)
                assert len(out) == n and out[-1] == expected_last
                del out
            r = rate_stats(n, times)
            if chunksize is None:
                # what Pool.map computes internally
                cs, extra = divmod(n, cfg["procs"] * 4)
                chunksize_used = cs + (1 if extra else 0)
            else:
                chunksize_used = chunksize
            r.update(unit="items/s", items=n, chunksize=chunksize_used)
            res[label] = r
    return res


def m_imap_unordered(ctx, cfg):
    n, reps, cs = cfg["imap_items"], cfg["repeats"], 1000
    times = []
    with ctx.Pool(cfg["procs"]) as pool:
        for _ in pool.imap_unordered(square, range(10000), chunksize=cs):  # warm-up
            pass
        for _ in range(reps):
            gc.collect()
            t0 = perf()
            cnt = 0
            for _ in pool.imap_unordered(square, range(n), chunksize=cs):
                cnt += 1
            times.append(perf() - t0)
            assert cnt == n
    out = rate_stats(n, times)
    out.update(unit="items/s", items=n, chunksize=cs)
    return out


def m_large_payload(ctx, cfg):
    size, reps = cfg["payload_bytes"], cfg["payload_reps"]
    payload = bytes(size)
    times = []
    with ctx.Pool(cfg["procs"]) as pool:
        assert len(pool.apply(identity, (payload,))) == size  # warm-up
        for _ in range(reps):
            gc.collect()
            t0 = perf()
            r = pool.apply(identity, (payload,))
            times.append(perf() - t0)
            assert len(r) == size
            del r
    rates = [size / MiB / t for t in times]
    out = stats(rates, 1)
    out.update(
        unit="MiB/s (payload MiB / round-trip seconds; each direction's payload counted once)",
        payload_bytes=size,
        round_trip_ms=stats([t * 1e3 for t in times], 2),
    )
    return out


def m_queue(ctx, cfg):
    n, reps = cfg["queue_msgs"], cfg["repeats"]
    times, with_start = [], []
    for _ in range(reps):
        q = ctx.Queue()
        ready, go = ctx.Event(), ctx.Event()
        gc.collect()
        ts = perf()
        p = ctx.Process(target=queue_producer, args=(q, n, ready, go))
        p.start()
        ready.wait()
        t0 = perf()
        go.set()
        get = q.get
        total = 0
        for _ in range(n):
            total += get()
        t1 = perf()
        p.join()
        assert total == n * (n - 1) // 2 and p.exitcode == 0
        q.close()
        q.join_thread()
        times.append(t1 - t0)
        with_start.append(t1 - ts)
    out = rate_stats(n, times)
    out.update(
        unit="msgs/s", msgs=n, payload="small int",
        incl_process_start_per_s=stats([n / t for t in with_start], 1)["median"],
    )
    return out


def m_pipe(ctx, cfg):
    n, reps = cfg["pipe_msgs"], cfg["repeats"]
    times = []
    for _ in range(reps):
        parent, child = ctx.Pipe()  # default duplex=True (socketpair on Unix)
        p = ctx.Process(target=pipe_obj_sender, args=(child, n))
        p.start()
        child.close()
        assert parent.recv() == "ready"
        gc.collect()
        t0 = perf()
        parent.send("go")
        recv = parent.recv
        total = 0
        for _ in range(n):
            total += recv()
        t1 = perf()
        p.join()
        parent.close()
        assert total == n * (n - 1) // 2 and p.exitcode == 0
        times.append(t1 - t0)
    out = rate_stats(n, times)
    out.update(unit="msgs/s", msgs=n, payload="small int via Connection.send", pipe="Pipe() duplex=True")
    return out


def m_pipe_bytes(ctx, cfg):
    block, count, reps = cfg["pipe_block_bytes"], cfg["pipe_blocks"], cfg["repeats"]
    total_bytes = block * count
    times = []
    for _ in range(reps):
        parent, child = ctx.Pipe()
        p = ctx.Process(target=pipe_bytes_sender, args=(child, block, count))
        p.start()
        child.close()
        assert parent.recv() == "ready"
        gc.collect()
        t0 = perf()
        parent.send("go")
        recv_bytes = parent.recv_bytes
        got = 0
        for _ in range(count):
            got += len(recv_bytes())
        t1 = perf()
        p.join()
        parent.close()
        assert got == total_bytes and p.exitcode == 0
        times.append(t1 - t0)
    rates = [total_bytes / MiB / t for t in times]
    out = stats(rates, 1)
    out.update(unit="MiB/s", block_bytes=block, blocks=count, total_bytes=total_bytes,
               seconds=[round(t, 4) for t in times], pipe="Pipe() duplex=True, send_bytes/recv_bytes")
    return out


def m_manager_dict(ctx, cfg):
    n, reps = cfg["manager_sets"], cfg["manager_reps"]
    t0 = perf()
    manager = ctx.Manager()
    manager_start_ms = (perf() - t0) * 1e3
    child_times, parent_times = [], []
    try:
        for _ in range(reps):
            d = manager.dict()
            parent, child = ctx.Pipe()
            p = ctx.Process(target=manager_dict_setter, args=(d, n, child))
            p.start()
            child.close()
            assert parent.recv() == "ready"
            gc.collect()
            t0 = perf()
            parent.send("go")
            child_elapsed = parent.recv()
            t1 = perf()
            p.join()
            parent.close()
            assert p.exitcode == 0 and len(d) == n
            child_times.append(child_elapsed)
            parent_times.append(t1 - t0)
            del d
    finally:
        manager.shutdown()
    out = rate_stats(n, child_times)
    out.update(
        unit="ops/s (d[i]=i via DictProxy from a child process, timed in the child)",
        sets=n,
        parent_timed_per_s=stats([n / t for t in parent_times], 1)["median"],
        manager_start_ms=round(manager_start_ms, 2),
    )
    return out


def m_cpu_bound(ctx, cfg):
    n_items, work, reps = cfg["cpu_items"], cfg["cpu_work_n"], cfg["cpu_reps"]
    args = [work] * n_items
    expected = cpu_work(work)
    serial, parallel = [], []
    with ctx.Pool(cfg["procs"]) as pool:
        pool.map(cpu_work, [work] * 4)  # warm-up
        for _ in range(reps):
            gc.collect()
            t0 = perf()
            out = [cpu_work(a) for a in args]
            serial.append(perf() - t0)
            assert out[0] == expected
            gc.collect()
            t0 = perf()
            out = pool.map(cpu_work, args)
            parallel.append(perf() - t0)
            assert len(out) == n_items and out[-1] == expected
    s_med, p_med = statistics.median(serial), statistics.median(parallel)
    return {
        "speedup": round(s_med / p_med, 3),
        "serial_s": stats(serial, 4),
        "pool_map_s": stats(parallel, 4),
        "items": n_items,
        "work": f"sum(i*i for i in range({work}))",
        "procs": cfg["procs"],
        "note": "speedup = median serial time / median Pool(2).map time (pool pre-started, default chunksize)",
    }


def m_process_start_join(ctx, cfg):
    """n Processes started at once, then joined; each takes the shared Lock and adds 1 to a shared counter."""
    reps = cfg["process_reps"]
    res = {}
    for n in cfg["process_counts"]:
        times = []
        for _ in range(reps):
            lock = ctx.Lock()
            counter = ctx.Value("i", 0, lock=False)
            gc.collect()
            t0 = perf()
            processes = [ctx.Process(target=locked_increment, args=(lock, counter)) for _ in range(n)]
            for p in processes:
                p.start()
            for p in processes:
                p.join()
            t1 = perf()
            assert counter.value == n and all(p.exitcode == 0 for p in processes)
            times.append((t1 - t0) * 1e3)
        r = stats(times, 2)
        r.update(unit="ms", processes=n)
        res[f"n{n}"] = r
    res["what"] = ("n Process objects created and started one after the other, then joined; each child takes"
                   " one shared ctx.Lock() and adds 1 to a shared ctx.Value('i', lock=False); lock and"
                   " counter created before the timed part")
    return res


def m_long_tasks(ctx, cfg):
    """Issue 10: Pool(n), and at once map(sleep_pid, n items, chunksize 1), timed from after Pool(n) returned."""
    reps, seconds = cfg["long_task_reps"], cfg["long_task_s"]
    res = {}
    for n in cfg["long_task_counts"]:
        walls, pids = [], []
        for _ in range(reps):
            gc.collect()
            pool = ctx.Pool(n)
            try:
                t0 = perf()
                out = pool.map(sleep_pid, [seconds] * n, 1)
                t1 = perf()
            finally:
                pool.terminate()
                pool.join()
            assert len(out) == n
            walls.append(t1 - t0)
            pids.append(len(set(out)))
        res[f"n{n}"] = {
            "wall_s": stats(walls, 3),
            "distinct_pids": stats(pids, 1),
            "tasks": n,
        }
    res["what"] = (f"Pool(n) built, then at once map(sleep {seconds} s and return the pid, n items, chunksize 1),"
                   " timed from after the constructor returned; distinct_pids = how many workers ran them")
    res["task_s"] = seconds
    return res


def m_pool_reuse(ctx, cfg):
    """loky: get_reusable_executor(2) while the previous executor is alive, until the first result."""
    reps, procs = cfg["pool_start_reps"], cfg["procs"]
    first = ctx.Pool(procs)
    times, reused = [], 0
    try:
        first.apply(identity, (1,))
        for _ in range(reps):
            gc.collect()
            t0 = perf()
            pool = ctx.Pool(procs)
            r = pool.apply(identity, (1,))
            t1 = perf()
            assert r == 1
            reused += pool.executor is first.executor
            times.append((t1 - t0) * 1e3)
    finally:
        first.terminate()
    out = stats(times, 2)
    out.update(unit="ms", reused_executor=f"{reused} of {reps}",
               what="get_reusable_executor(max_workers=2) again, previous executor alive and warm, until the"
                    " first submit(identity, 1).result(); a later pool in the same process")
    return out


MEASUREMENTS = [
    ("pool_start_ms", m_pool_start),
    ("apply_rtt_us", m_apply_rtt),
    ("apply_async_throughput_per_s", m_apply_async),
    ("map_small_items_per_s", m_map),
    ("imap_unordered_items_per_s", m_imap_unordered),
    ("large_payload_MBps", m_large_payload),
    ("queue_msgs_per_s", m_queue),
    ("pipe_msgs_per_s", m_pipe),
    ("pipe_bytes_MBps", m_pipe_bytes),
    ("manager_dict_ops_per_s", m_manager_dict),
    ("cpu_bound_speedup", m_cpu_bound),
    ("process_start_join_ms", m_process_start_join),
    ("long_tasks_after_build", m_long_tasks),
    ("pool_reuse_start_ms", m_pool_reuse),
]


def failed(r):
    return "error" in r or "not_supported" in r


def headline(name, r):
    """Flat headline figure(s) for the summary block."""
    if name == "process_start_join_ms":
        return {f"{name}_n{n}": None if failed(r) else r[f"n{n}"]["median"] for n in PROCESS_COUNTS}
    if name == "long_tasks_after_build":
        out = {}
        for n in LONG_TASK_COUNTS:
            out[f"long_tasks_wall_s_n{n}"] = None if failed(r) else r[f"n{n}"]["wall_s"]["median"]
            out[f"long_tasks_distinct_pids_n{n}"] = None if failed(r) else r[f"n{n}"]["distinct_pids"]["median"]
        return out
    if failed(r):
        return {name: None}
    if name == "apply_rtt_us":
        return {"apply_rtt_us_median": r["median"], "apply_rtt_us_p99": r["p99"]}
    if name == "map_small_items_per_s":
        return {"map_small_items_per_s_default_chunksize": r["default_chunksize"]["median"],
                "map_small_items_per_s_chunksize_10000": r["chunksize_10000"]["median"]}
    if name == "cpu_bound_speedup":
        return {name: r["speedup"]}
    return {name: r["median"]}


def headline_best(name, r):
    """Best-of-N figure(s) (max rate / min time): less sensitive to intermittent foreign load."""
    if name == "process_start_join_ms":
        return {f"{name}_n{n}": None if failed(r) else r[f"n{n}"]["min"] for n in PROCESS_COUNTS}
    if name == "long_tasks_after_build":
        out = {}
        for n in LONG_TASK_COUNTS:
            out[f"long_tasks_wall_s_n{n}"] = None if failed(r) else r[f"n{n}"]["wall_s"]["min"]
            out[f"long_tasks_distinct_pids_n{n}"] = None if failed(r) else r[f"n{n}"]["distinct_pids"]["max"]
        return out
    if failed(r):
        return {name: None}
    if name == "pool_reuse_start_ms":
        return {name: r["min"]}
    if name == "pool_start_ms":
        return {name: r["min"]}
    if name == "apply_rtt_us":
        return {"apply_rtt_us_min": r["min"]}
    if name == "map_small_items_per_s":
        return {"map_small_items_per_s_default_chunksize": r["default_chunksize"]["max"],
                "map_small_items_per_s_chunksize_10000": r["chunksize_10000"]["max"]}
    if name == "cpu_bound_speedup":
        return {name: round(r["serial_s"]["min"] / r["pool_map_s"]["min"], 3)}
    return {name: r["max"]}


PROCESS_COUNTS = [1, 10]
LONG_TASK_COUNTS = [2, 3, 4]


def build_config(args):
    s = args.scale
    r = args.repeats
    return {
        "procs": 2,
        "scale": s,
        "repeats": r,
        "pool_start_reps": 10,
        "rtt_calls": scaled(2000, s, 10),
        "rtt_warmup": scaled(200, s, 1),
        "async_tasks": scaled(20000, s, 10),
        "map_items": scaled(1_000_000, s, 100),
        "imap_items": scaled(200_000, s, 100),
        "payload_bytes": scaled(64 * MiB, s, 1024),
        "payload_reps": 5,
        "queue_msgs": scaled(100_000, s, 10),
        "pipe_msgs": scaled(100_000, s, 10),
        "pipe_block_bytes": 1 * MiB,
        "pipe_blocks": scaled(256, s, 1),
        "manager_sets": scaled(20000, s, 10),
        "manager_reps": max(3, min(r, 5)),
        "cpu_items": 64,
        "cpu_work_n": scaled(200_000, s, 1000),
        "cpu_reps": max(3, min(r, 5)),
        "process_counts": PROCESS_COUNTS,
        "process_reps": max(1, min(r, 3)),
        "long_task_counts": LONG_TASK_COUNTS,
        "long_task_s": round(max(0.1, 1.0 * s), 3),
        "long_task_reps": max(1, min(r, 3)),
    }


def cold_sample(side, cfg):
    """One cold sample in this fresh interpreter: build, first result, first map; nothing warmed."""
    launched_ns = os.environ.get("BENCH_LAUNCH_NS")
    t_import = perf()
    ctx, description = make_side(side)
    import_ms = (perf() - t_import) * 1e3
    procs, n = cfg["procs"], cfg["map_items"]
    meter = CpuMeter()
    build_epoch_ns = time.time_ns()
    t0 = perf()
    pool = ctx.Pool(procs)
    r = pool.apply(identity, (1,))
    t1 = perf()
    first_result_epoch_ns = time.time_ns()
    assert r == 1
    try:
        t2 = perf()
        out = pool.map(square, range(n))
        t3 = perf()
        assert len(out) == n and out[-1] == (n - 1) * (n - 1)
        del out
    finally:
        pool.terminate()
        pool.join()
    res = {
        "library": description,
        "cold_pool_start_ms": {
            "value": round((t1 - t0) * 1e3, 2), "unit": "ms",
            "what": f"Pool({procs}) construction until the first apply(identity, (1,)) returns, in a fresh"
                    " interpreter, the library imported just before (import_ms)"},
        "cold_map_items_per_s": {
            "value": round(n / (t3 - t2), 1), "unit": "items/s", "items": n,
            "chunksize": mp_default_chunksize(n, procs), "seconds": round(t3 - t2, 4),
            "what": "the pool's first map(square, range(n)) at the default chunking, right after its first result"},
        "import_ms": round(import_ms, 2),
        "launch_to_build_ms": round((build_epoch_ns - int(launched_ns)) / 1e6, 2) if launched_ns else None,
        "launch_to_first_result_ms": (round((first_result_epoch_ns - int(launched_ns)) / 1e6, 2)
                                      if launched_ns else None),
        "host": meter.read(),
    }
    summary = {
        "cold_pool_start_ms": res["cold_pool_start_ms"]["value"],
        "cold_map_items_per_s_default_chunksize": res["cold_map_items_per_s"]["value"],
        "cold_launch_to_first_result_ms": res["launch_to_first_result_ms"],
        "host_foreign_cpus_avg": res["host"].get("foreign_cpus_avg"),
    }
    return res, summary


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", help="write the JSON result to this file as well")
    ap.add_argument("--sides", "--methods", dest="sides", default=",".join(ALL_SIDES),
                    help=f"comma-separated sides (default: {','.join(ALL_SIDES)})")
    ap.add_argument("--cold", metavar="SIDE", default=None,
                    help="measure one cold sample of SIDE in this fresh interpreter instead of the figures")
    ap.add_argument("--repeats", type=int, default=5, help="repeats for throughput figures (default 5)")
    ap.add_argument("--scale", type=float, default=1.0, help="scale all problem sizes (default 1.0)")
    ap.add_argument("--only", default=None, help="comma-separated subset of figure names to run")
    ap.add_argument("--wait-quiet", type=float, default=15.0, metavar="SECS",
                    help="before starting, wait up to SECS (default 15; 0 = don't) for a 1 s window "
                         "with < 0.25 CPU busy on the host; the outcome is recorded in meta.wait_quiet")
    ap.add_argument("--cpus", default=None, metavar="LIST",
                    help="restrict this process and all its children to these CPUs, e.g. '0' "
                         "(same effect as running under `taskset -c 0`); recorded in meta.cpu_affinity")
    ap.add_argument("--gate", type=float, default=4.0, metavar="SECS",
                    help="before each figure, wait up to SECS (default 4; 0 = don't) for a 0.5 s window "
                         "with < 0.25 CPU busy on the host; recorded per figure in host.gate")
    args = ap.parse_args()

    if args.cpus:
        os.sched_setaffinity(0, {int(c) for c in args.cpus.split(",") if c.strip()})
    sides = [m.strip() for m in args.sides.split(",") if m.strip()]
    for side in sides + ([args.cold] if args.cold else []):
        if side not in ALL_SIDES:
            ap.error(f"unknown side {side!r}: choose from {', '.join(ALL_SIDES)}")
    only = set(x.strip() for x in args.only.split(",")) if args.only else None
    known = {name for name, _ in MEASUREMENTS}
    if only and only - known:
        ap.error(f"unknown figure(s) {', '.join(sorted(only - known))}: choose from {', '.join(sorted(known))}")
    cfg = build_config(args)

    result = {
        "benchmark": "python-process-pools-cold" if args.cold else "python-process-pools",
        "schema_version": 1,
        "meta": {
            "python_version": platform.python_version(),
            "python_implementation": platform.python_implementation(),
            "python_build": " ".join(platform.python_build()),
            "python_executable": sys.executable,
            "platform": platform.platform(),
            "machine": platform.machine(),
            "cpu_model": cpu_model(),
            "cpu_count": os.cpu_count(),
            "cpu_affinity": sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "mp_cpu_count": mp.cpu_count(),
            "default_start_method": mp.get_start_method(allow_none=True) or mp.get_context().get_start_method(),
            "hostname": platform.node(),
            "pid": os.getpid(),
            "started_at": now_iso(),
            "loadavg_start": loadavg(),
        },
        "config": cfg,
        "results": {},
        "summary": {},
        "summary_best": {},
    }

    if args.cold:
        # Nothing before the pool: no quiet wait, no gate, no warm-up.
        res, summ = cold_sample(args.cold, cfg)
        result["results"][args.cold] = res
        result["summary"][args.cold] = summ
        result["summary_best"][args.cold] = summ
        log(f"{args.cold}: cold -> {summ}")
    else:
        if args.wait_quiet > 0:
            log(f"waiting up to {args.wait_quiet:.0f}s for a quiet host ...")
        result["meta"]["wait_quiet"] = wait_quiet(args.wait_quiet)
        run_sides(sides, only, cfg, args, result)

    result["meta"]["finished_at"] = now_iso()
    result["meta"]["loadavg_end"] = loadavg()
    result["meta"]["summary_note"] = (
        "summary = medians (apply_rtt: median and p99); summary_best = best of N "
        "(max rate, min time; cpu_bound_speedup = min serial / min pool time)")
    result["meta"]["contention_note"] = (
        "host.foreign_cpus_avg = average number of CPUs busy with processes other than this benchmark "
        "(from /proc/stat minus own+reaped-children CPU time); values well above ~0.1 mean the figure "
        "was measured on a shared/busy host and is less trustworthy")

    text = json.dumps(result, indent=2)
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            f.write(text + "\n")
    print(text)


def run_sides(sides, only, cfg, args, result):
    t_all = perf()
    meter_all = CpuMeter()
    for side in sides:
        try:
            ctx, description = make_side(side)
        except ImportError as e:
            ctx, description = None, f"not installed: {e} (run-all.sh installs it into target/venv)"
        res = {"started_at": now_iso(), "library": description}
        summ, best = {}, {}
        t_m = perf()
        meter_m = CpuMeter()
        for name, fn in MEASUREMENTS:
            if only and name not in only:
                continue
            reason = description if ctx is None else unsupported(side, name)
            if reason is None:
                log(f"{side}: {name} ...")
                gate = wait_quiet(args.gate, window_s=0.5) if args.gate > 0 else None
                t0 = perf()
                meter = CpuMeter()
                la = loadavg()
                try:
                    r = fn(ctx, cfg)
                except NotSupported as e:
                    reason = f"{side}: {e}"
                except Exception as e:  # keep going; record the failure
                    r = {"error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc()}
                    log(f"{side}: {name} FAILED: {e}")
            if reason is not None:
                r = {"not_supported": True, "note": reason}
                res[name] = r
                summ.update(headline(name, r))
                best.update(headline_best(name, r))
                continue
            r["wall_s"] = round(perf() - t0, 3)
            r["host"] = dict(meter.read(), loadavg1_start=la[0] if la else None, gate=gate)
            if teardown_kills:
                r["teardown_hangs_killed"] = len(teardown_kills)
                log(f"{side}: {name}: {len(teardown_kills)} worker(s) hung in terminate() and were killed")
                teardown_kills.clear()
            res[name] = r
            summ.update(headline(name, r))
            best.update(headline_best(name, r))
            log(f"{side}: {name} done in {r['wall_s']:.2f}s -> {headline(name, r)}")
        res["finished_at"] = now_iso()
        res["wall_s"] = round(perf() - t_m, 3)
        res["host"] = meter_m.read()
        summ["host_foreign_cpus_avg"] = res["host"].get("foreign_cpus_avg")
        result["results"][side] = res
        result["summary"][side] = summ
        result["summary_best"][side] = best
    result["meta"]["total_wall_s"] = round(perf() - t_all, 3)
    result["meta"]["host_cpu_during_run"] = meter_all.read()


if __name__ == "__main__":
    main()
