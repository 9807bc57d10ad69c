#!/usr/bin/env python3
"""run_benchmarks.py — host benchmarks of the pass and the live-update runtime.

Runs, from a build directory:
  * run-time and peak-memory overhead of instrumentation: alloc_heavy and
    pointer_heavy (libupdate/bench), plain vs instrumented, alternating runs,
    best CPU time of each (user + system, from the kernel);
  * state-transfer throughput: transfer_bench moves a state of N records
    (MiB of state per second, objects per second);
  * SQLite speedtest1 overhead, read from the report the SQLite check wrote
    (tests/unit/sqlite), when present.
Prints a Markdown table and writes bench-report.json in the build directory.

Usage: run_benchmarks.py <build dir> [--repeat N] [--quick]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def measure(command):
    """CPU seconds, wall seconds and peak RSS (KiB) of one run; fails loudly."""
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execv(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    if status != 0:
        sys.exit(f"benchmark failed: {' '.join(command)} (status {status})")
    return usage.ru_utime + usage.ru_stime, time.monotonic() - start, usage.ru_maxrss


def overhead(bench_dir, name, arguments, repeat):
    plain = [os.path.join(bench_dir, f"{name}_plain"), *arguments]
    inst = [os.path.join(bench_dir, f"{name}_instrumented"), *arguments]
    outputs = [subprocess.run(c, capture_output=True, text=True, check=True).stdout for c in (plain, inst)]
    if outputs[0] != outputs[1]:
        sys.exit(f"{name}: plain and instrumented builds disagree: {outputs}")
    runs = {"plain": [], "instrumented": []}
    for _ in range(repeat):
        runs["plain"].append(measure(plain))
        runs["instrumented"].append(measure(inst))
    cpu = {k: min(r[0] for r in v) for k, v in runs.items()}
    rss = {k: max(r[2] for r in v) for k, v in runs.items()}
    return {"cpu_seconds": cpu, "runtime_overhead": cpu["instrumented"] / cpu["plain"],
            "max_rss_kib": rss, "memory_overhead": rss["instrumented"] / rss["plain"]}


def transfer(bench_dir, records):
    binary = os.path.join(bench_dir, "transfer_bench")
    with tempfile.TemporaryDirectory() as scratch:
        snapshot = os.path.join(scratch, "state.snap")
        old = subprocess.run([binary, "old", str(records), snapshot], capture_output=True, text=True, check=True).stdout
        new = subprocess.run([binary, "new", snapshot], capture_output=True, text=True, check=True).stdout
    if old.split()[-1] != new.splitlines()[0].split()[-1]:
        sys.exit(f"transfer_bench: checksum changed across the transfer:\n{old}\n{new}")
    fields = new.splitlines()[1].split()[1:]
    values = dict(zip(fields[0::2], fields[1::2]))
    return {"records": records, **{k: float(v) for k, v in values.items()}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="small sizes, one run: a smoke test")
    args = parser.parse_args()
    bench_dir = os.path.join(args.build, "libupdate", "bench")
    repeat = 1 if args.quick else args.repeat
    report = {
        "alloc_heavy": overhead(bench_dir, "alloc_heavy", ["200000" if args.quick else "4000000"], repeat),
        "pointer_heavy": overhead(bench_dir, "pointer_heavy",
                                  ["20000", "100000"] if args.quick else ["200000", "3000000"], repeat),
        "transfer": transfer(bench_dir, 20000 if args.quick else 400000),
    }
    sqlite = os.path.join(args.build, "sqlite-work", "sqlite-report.json")
    if os.path.exists(sqlite):
        with open(sqlite) as f:
            report["sqlite_speedtest1"] = json.load(f)
    with open(os.path.join(args.build, "bench-report.json"), "w") as f:
        json.dump(report, f, indent=2)

    print("| benchmark | plain CPU s | instrumented CPU s | run-time overhead | memory overhead (peak RSS) |")
    print("|---|---|---|---|---|")
    for name in ("alloc_heavy", "pointer_heavy", "sqlite_speedtest1"):
        if name in report:
            r = report[name]
            print(f"| {name} | {r['cpu_seconds']['plain']:.3f} | {r['cpu_seconds']['instrumented']:.3f} | "
                  f"{(r['runtime_overhead'] - 1) * 100:+.1f}% | {r['memory_overhead']:.2f}x |")
    t = report["transfer"]
    print(f"\nstate transfer: {t['objects']:.0f} objects, {t['bytes'] / 2**20:.1f} MiB in {t['seconds']:.3f} s: "
          f"{t['mib_per_s']:.1f} MiB/s, {t['objects_per_s']:.0f} objects/s (pointer check on); "
          f"metadata {t['metadata_bytes']:.0f} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
