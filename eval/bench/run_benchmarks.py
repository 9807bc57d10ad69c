#!/usr/bin/env python3
"""run_benchmarks.py — host benchmarks of the pass and the live-update runtime.

Runs, from a build directory:
  * run-time and peak-memory overhead of instrumentation: alloc_heavy and
    pointer_heavy (libupdate/bench), plain vs instrumented. The run-time
    figure is the number of instructions executed, counted by valgrind's
    callgrind tool: it repeats exactly whatever else the machine does. CPU
    seconds (best of alternating runs) and peak RSS come from ordinary runs;
    CPU seconds are secondary and vary with the machine's load;
  * state-transfer throughput: transfer_bench moves a state of N records
    (MiB of state per second, objects per second);
  * SQLite speedtest1 overhead: CPU seconds and memory from the report the
    SQLite check wrote (tests/unit/sqlite), when present, and instructions
    counted here on the binaries that check built (speedtest1 --size 5);
  * Lua overhead: eval/lua/gc_heavy.lua (allocation-heavy: every Lua object
    is a realloc(NULL, n)) on the plain and instrumented interpreters the Lua
    check built (tests/unit/lua), when present;
  * live transfers of the real programs: Lua's and SQLite's drivers (built by
    their transfer checks) move their state between processes; what moved
    (objects kept at their address vs relocated, bytes, likely pointers) and
    the instructions transfer_state executed (callgrind, check on).
Prints a Markdown table and writes bench-report.json in the build directory.

Usage: run_benchmarks.py <build dir> [--repeat N] [--quick] [--no-callgrind]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# Sizes: a callgrind run of each takes a few seconds (about 50x slower than native).
ALLOC_HEAVY_ROUNDS = {"full": "1000000", "quick": "100000"}
POINTER_HEAVY_ARGS = {"full": ["200000", "1000000"], "quick": ["20000", "100000"]}
SPEEDTEST1_SIZE = {"full": "5", "quick": "1"}
LUA_GC_ROUNDS = {"full": "200000", "quick": "20000"}
GNU_TIME = "/usr/bin/time"
EVAL_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def count_instructions(command, only=None):
    """Instructions executed by one run under callgrind (exact and repeatable);
    with `only` (a function name pattern), just those executed inside it.

    valgrind 3.19 cannot read clang-16's DWARF 5, so the binary is measured
    as a copy without debug sections (the code is byte for byte the same)."""
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed: apt-get install valgrind, or pass --no-callgrind")
    with tempfile.TemporaryDirectory() as scratch:
        binary = os.path.join(scratch, os.path.basename(command[0]))
        subprocess.run(["objcopy", "--strip-debug", command[0], binary], check=True)
        toggle = [f"--toggle-collect={only}"] if only else []
        result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={scratch}/out", *toggle,
                                 binary, *command[1:]], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"callgrind run failed: {' '.join(command)}\n{result.stderr}")
    found = re.search(r"Collected : (\d+)", result.stderr) or re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if not found:
        sys.exit(f"no instruction count in callgrind's output:\n{result.stderr}")
    return int(found.group(1).replace(",", ""))


def measure(command):
    """CPU seconds, wall seconds and peak RSS (KiB) of one run; fails loudly.

    Peak RSS comes from GNU time, not from wait4(): a child forked from this
    Python process carries Python's resident pages (~7 MiB) into its peak,
    which would hide the difference between two small programs."""
    if not os.path.exists(GNU_TIME):
        sys.exit(f"{GNU_TIME} is missing: apt-get install time")
    start = time.monotonic()
    with tempfile.NamedTemporaryFile("r") as peak:
        result = subprocess.run([GNU_TIME, "-f", "%M %U %S", "-o", peak.name, *command],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.monotonic() - start
        if result.returncode != 0:
            sys.exit(f"benchmark failed: {' '.join(command)} (status {result.returncode})\n{result.stderr}")
        rss, user, system = peak.read().split()[-3:]
    return float(user) + float(system), wall, int(rss)


def overhead(bench_dir, name, arguments, repeat, callgrind):
    return compare_builds(os.path.join(bench_dir, f"{name}_plain"), os.path.join(bench_dir, f"{name}_instrumented"),
                          name, arguments, repeat, callgrind)


def compare_builds(plain_binary, instrumented_binary, name, arguments, repeat, callgrind):
    """Instructions, CPU seconds and peak RSS of two builds of one program on the same arguments."""
    plain = [plain_binary, *arguments]
    inst = [instrumented_binary, *arguments]
    outputs = [subprocess.run(c, capture_output=True, text=True, check=True).stdout for c in (plain, inst)]
    if outputs[0] != outputs[1]:
        sys.exit(f"{name}: plain and instrumented builds disagree: {outputs}")
    runs = {"plain": [], "instrumented": []}
    for _ in range(repeat):
        runs["plain"].append(measure(plain))
        runs["instrumented"].append(measure(inst))
    cpu = {k: min(r[0] for r in v) for k, v in runs.items()}
    rss = {k: max(r[2] for r in v) for k, v in runs.items()}
    report = {"arguments": arguments, "cpu_seconds": cpu, "cpu_overhead": cpu["instrumented"] / cpu["plain"],
              "max_rss_kib": rss, "memory_overhead": rss["instrumented"] / rss["plain"]}
    if callgrind:
        instructions = {"plain": count_instructions(plain), "instrumented": count_instructions(inst)}
        report["instructions"] = instructions
        report["instruction_overhead"] = instructions["instrumented"] / instructions["plain"]
    return report


def speedtest1_instructions(work, size):
    """Instruction counts of speedtest1, plain and instrumented, on an in-memory database."""
    counts = {}
    with tempfile.TemporaryDirectory() as scratch:
        for flavour in ("plain", "instrumented"):
            binary = os.path.join(work, flavour, "speedtest1")
            database = os.path.join(scratch, f"{flavour}.db")
            counts[flavour] = count_instructions([binary, "--verify", "--size", size, "--memdb", database])
    return {"speedtest1_size": int(size), "instructions": counts,
            "instruction_overhead": counts["instrumented"] / counts["plain"]}


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


TRANSFERRED = re.compile(r"transferred: (\d+) globals, (\d+) heap objects \((\d+) kept at their address, (\d+) bytes\), "
                         r"(\d+) bytes, (\d+) pointers relocated, (\d+) checked, (\d+) imprecise bytes scanned: "
                         r"(\d+) likely pointers kept, (\d+) remapped, (\d+) into freed memory")


def live_transfer(driver, first_half, second_half):
    """One live transfer of a real program (eval/lua, eval/sqlite drivers): what
    moved, and the instructions transfer_state executed (callgrind, state check
    on, no round trip)."""
    with tempfile.TemporaryDirectory() as scratch:
        snapshot = os.path.join(scratch, "state.snap")
        subprocess.run([driver, "old", first_half, snapshot], capture_output=True, text=True, check=True)
        new = subprocess.run([driver, "new", snapshot, second_half], capture_output=True, text=True)
        found = TRANSFERRED.search(new.stderr)
        if new.returncode != 0 or not found:
            sys.exit(f"live transfer with {driver} failed ({new.returncode}):\n{new.stderr}")
        instructions = count_instructions([driver, "new", snapshot, second_half], only="libupdate::transfer_state*")
    names = ("globals", "heap_objects", "kept_objects", "kept_bytes", "bytes", "pointers", "checked", "scanned_bytes",
             "likely_kept", "likely_remapped", "likely_freed")
    figures = dict(zip(names, (int(v) for v in found.groups())))
    figures["instructions"] = instructions
    figures["instructions_per_byte"] = instructions / figures["bytes"]
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="small sizes, one run: a smoke test")
    parser.add_argument("--no-callgrind", action="store_true", help="CPU seconds only (no instruction counts)")
    args = parser.parse_args()
    bench_dir = os.path.join(args.build, "libupdate", "bench")
    repeat = 1 if args.quick else args.repeat
    size = "quick" if args.quick else "full"
    callgrind = not args.no_callgrind
    report = {
        "alloc_heavy": overhead(bench_dir, "alloc_heavy", [ALLOC_HEAVY_ROUNDS[size]], repeat, callgrind),
        "pointer_heavy": overhead(bench_dir, "pointer_heavy", POINTER_HEAVY_ARGS[size], repeat, callgrind),
        "transfer": transfer(bench_dir, 20000 if args.quick else 400000),
    }
    sqlite_work = os.path.join(args.build, "sqlite-work")
    sqlite = os.path.join(sqlite_work, "sqlite-report.json")
    if os.path.exists(sqlite):
        with open(sqlite) as f:
            report["sqlite_speedtest1"] = json.load(f)
        if callgrind:
            counted = speedtest1_instructions(sqlite_work, SPEEDTEST1_SIZE[size])
            report["sqlite_speedtest1"]["callgrind_speedtest1_size"] = counted.pop("speedtest1_size")
            report["sqlite_speedtest1"].update(counted)
    lua_work = os.path.join(args.build, "lua-work")
    if os.path.exists(os.path.join(lua_work, "instrumented", "lua")):
        script = [os.path.join(EVAL_DIR, "lua", "gc_heavy.lua"), LUA_GC_ROUNDS[size]]
        report["lua_gc_heavy"] = compare_builds(os.path.join(lua_work, "plain", "lua"),
                                                os.path.join(lua_work, "instrumented", "lua"),
                                                "lua_gc_heavy", script, repeat, callgrind)
    drivers = {
        "lua": (os.path.join(lua_work, "instrumented", "lua_driver"), "state_before.lua", "state_after.lua"),
        "sqlite": (os.path.join(sqlite_work, "transfer-instrumented", "sqlite_driver"), "state_before.sql", "state_after.sql"),
    }
    for name, (driver, first, second) in drivers.items():
        if callgrind and os.path.exists(driver):
            report[f"live_transfer_{name}"] = live_transfer(driver, os.path.join(EVAL_DIR, name, first),
                                                            os.path.join(EVAL_DIR, name, second))
    with open(os.path.join(args.build, "bench-report.json"), "w") as f:
        json.dump(report, f, indent=2)

    print("| benchmark | plain instructions | instrumented instructions | instruction overhead | "
          "CPU s plain / instrumented (noisy) | memory overhead (peak RSS) |")
    print("|---|---|---|---|---|---|")
    for name in ("alloc_heavy", "pointer_heavy", "sqlite_speedtest1", "lua_gc_heavy"):
        if name not in report:
            continue
        r = report[name]
        counts = r.get("instructions")
        plain_count = f"{counts['plain']:,}" if counts else "-"
        inst_count = f"{counts['instrumented']:,}" if counts else "-"
        ratio = f"{(r['instruction_overhead'] - 1) * 100:+.2f}%" if counts else "-"
        cpu_ratio = r.get("cpu_overhead", r.get("runtime_overhead"))
        print(f"| {name} | {plain_count} | {inst_count} | {ratio} | {r['cpu_seconds']['plain']:.3f} / "
              f"{r['cpu_seconds']['instrumented']:.3f} ({(cpu_ratio - 1) * 100:+.1f}%) | {r['memory_overhead']:.2f}x |")
    for name in ("lua", "sqlite"):
        t = report.get(f"live_transfer_{name}")
        if t:
            print(f"\nlive transfer of {name}: {t['heap_objects']} heap objects ({t['kept_objects']} kept at their address, "
                  f"{t['heap_objects'] - t['kept_objects']} relocated), {t['bytes']:,} bytes, {t['pointers']} pointers "
                  f"relocated, {t['scanned_bytes']:,} imprecise bytes scanned ({t['likely_kept']} likely pointers kept, "
                  f"{t['likely_remapped']} remapped); transfer_state: {t['instructions']:,} instructions, "
                  f"{t['instructions_per_byte']:.0f} per byte")
    t = report["transfer"]
    print(f"\nstate transfer: {t['objects']:.0f} objects, {t['bytes'] / 2**20:.1f} MiB in {t['seconds']:.3f} s: "
          f"{t['mib_per_s']:.1f} MiB/s, {t['objects_per_s']:.0f} objects/s (pointer check on); "
          f"metadata {t['metadata_bytes']:.0f} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
