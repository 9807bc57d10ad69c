#!/usr/bin/env python3
"""sqlite_check.py — real code no one here wrote: SQLite built with the pass.

Fetches SQLite from Debian's source package (fetch_source.py), generates the
amalgamation, builds the shell and speedtest1 twice — plain, and
instrumented with the Neurath pass and linked with libupdate — and checks:
  * both builds print the same for speedtest1 --verify (its output hash
    guards against miscompilation) and for workload.sql through the shell;
  * the instrumented binaries really carry metadata (an lu_modules section)
    and call the runtime (__lu_alloc).
It also measures the run-time and peak-memory overhead of instrumentation on
speedtest1 and writes them to <work>/sqlite-report.json.

Everything is cached in --work: a second run only re-links and re-runs
(rebuilding objects when the plugin or runtime are newer). Exits non-zero,
with the reason, on any failure — including a failed download.

Usage: sqlite_check.py --work DIR --plugin PASS.so --runtime LIB.a [--runtime LIB.a ...]
                       [--size N] [--repeat N]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fetch_source import FetchError, fetch_sqlite_source  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CC = "clang-16"
CXX = "clang++-16"
CFLAGS = ["-O2", "-g", "-DSQLITE_OMIT_LOAD_EXTENSION", "-DSQLITE_DQS=0"]
TIMING = re.compile(r"\s*[0-9]+\.[0-9]+s\s*$")


class CheckError(RuntimeError):
    pass


def run(command, what, cwd=None, stdin=None):
    result = subprocess.run(command, cwd=cwd, stdin=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise CheckError(f"{what} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result.stdout


def newer(target, sources):
    return os.path.exists(target) and all(os.path.getmtime(target) >= os.path.getmtime(s) for s in sources)


def amalgamation(source, work, name="amalgamation"):
    """sqlite3.c, shell.c and sqlite3.h generated from `source` in <work>/<name> (cached)."""
    out = os.path.join(work, name)
    os.makedirs(out, exist_ok=True)
    if not all(os.path.exists(os.path.join(out, f)) for f in ("sqlite3.c", "shell.c", "sqlite3.h")):
        run([os.path.join(source, "configure"), "--disable-tcl", f"CC={CC}"], "SQLite configure", cwd=out)
        run(["make", "-j2", "sqlite3.c", "shell.c"], "making the SQLite amalgamation", cwd=out)
    return out


def compile_object(source, obj, extra, dependencies, include):
    if newer(obj, [source] + dependencies):
        return obj
    run([CC, *CFLAGS, *extra, "-I", include, "-c", source, "-o", obj], f"compiling {os.path.basename(source)}")
    return obj


def build_flavour(name, amalg, source, work, plugin, runtime):
    """Build sqlite3 (shell) and speedtest1; instrumented when `plugin` is set."""
    out = os.path.join(work, name)
    os.makedirs(out, exist_ok=True)
    extra = ["-fpass-plugin=" + plugin] if plugin else []
    dependencies = [plugin] if plugin else []
    objects = {
        "sqlite3": compile_object(os.path.join(amalg, "sqlite3.c"), os.path.join(out, "sqlite3.o"), extra, dependencies, amalg),
        "shell": compile_object(os.path.join(amalg, "shell.c"), os.path.join(out, "shell.o"), extra, dependencies, amalg),
        "speedtest1": compile_object(os.path.join(source, "test", "speedtest1.c"), os.path.join(out, "speedtest1.o"),
                                     extra, dependencies, amalg),
    }
    linker = CXX if plugin else CC
    libraries = list(runtime) if plugin else []
    programs = {}
    for program, main in (("sqlite3", "shell"), ("speedtest1", "speedtest1")):
        binary = os.path.join(out, program)
        run([linker, objects[main], objects["sqlite3"], *libraries, "-lm", "-lpthread", "-o", binary], f"linking {name} {program}")
        programs[program] = binary
    return programs


def check_instrumented(binary):
    """Number of metadata modules in `binary`; fails when it was not instrumented."""
    symbols = run(["nm", binary], f"nm {binary}")
    sections = run(["readelf", "-SW", binary], f"readelf {binary}")
    match = re.search(r"\]\s+lu_modules\s+\S+\s+\S+\s+\S+\s+([0-9a-f]+)", sections)
    if not match or " T __lu_alloc" not in symbols:
        raise CheckError(f"{binary} carries no Neurath metadata (lu_modules) or does not call __lu_alloc")
    return int(match.group(1), 16) // 8


def output_of(command, stdin_path=None):
    """Run `command` (stdin from `stdin_path`); its standard output."""
    stdin = open(stdin_path) if stdin_path else subprocess.DEVNULL
    try:
        result = subprocess.run(command, stdin=stdin, capture_output=True, text=True)
    finally:
        if stdin_path:
            stdin.close()
    if result.returncode != 0:
        raise CheckError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result.stdout


def measure(command):
    """Run `command` silently; its CPU time, wall time and peak RSS (from the kernel)."""
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execvp(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    if status != 0:
        raise CheckError(f"{' '.join(command)} exited with status {status}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": time.monotonic() - start, "max_rss_kib": usage.ru_maxrss}


def normalised_speedtest(output):
    """speedtest1 output without its timings."""
    return "\n".join(TIMING.sub("", line) for line in output.splitlines())


def compare(what, plain, instrumented):
    if plain != instrumented:
        plain_lines, inst_lines = plain.splitlines(), instrumented.splitlines()
        for i, (a, b) in enumerate(zip(plain_lines, inst_lines)):
            if a != b:
                raise CheckError(f"{what}: outputs differ at line {i + 1}:\n  plain:        {a}\n  instrumented: {b}")
        raise CheckError(f"{what}: outputs differ in length ({len(plain_lines)} vs {len(inst_lines)} lines)")


def speedtest_command(binary, size, work):
    return [binary, "--verify", "--size", str(size), "--memdb", os.path.join(work, "speedtest.db")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--runtime", action="append", required=True)
    parser.add_argument("--size", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    try:
        source = fetch_sqlite_source(args.work)
        amalg = amalgamation(source, args.work)
        plain = build_flavour("plain", amalg, source, args.work, None, [])
        inst = build_flavour("instrumented", amalg, source, args.work, args.plugin, args.runtime)
        modules = check_instrumented(inst["sqlite3"])

        outputs = {}
        for name, programs in (("plain", plain), ("instrumented", inst)):
            speed = output_of(speedtest_command(programs["speedtest1"], args.size, args.work))
            shell = output_of([programs["sqlite3"], ":memory:"], os.path.join(HERE, "workload.sql"))
            outputs[name] = (normalised_speedtest(speed), shell)
        compare("speedtest1 --verify", outputs["plain"][0], outputs["instrumented"][0])
        compare("workload.sql through the shell", outputs["plain"][1], outputs["instrumented"][1])
        if "Verification Hash" not in outputs["plain"][0] or not outputs["plain"][1].endswith("ok\n"):
            raise CheckError("outputs lack the expected verification lines (speedtest1 hash, integrity_check ok)")

        runs = {"plain": [], "instrumented": []}
        for _ in range(args.repeat):  # alternate to spread machine noise evenly
            for name, programs in (("plain", plain), ("instrumented", inst)):
                runs[name].append(measure(speedtest_command(programs["speedtest1"], args.size, args.work)))
        best = {name: min(r["cpu"] for r in rs) for name, rs in runs.items()}
        rss = {name: max(r["max_rss_kib"] for r in rs) for name, rs in runs.items()}
        report = {
            "sqlite_source": os.path.basename(source),
            "speedtest1_size": args.size,
            "repeat": args.repeat,
            "metadata_modules": modules,
            "cpu_seconds": best,
            "runtime_overhead": best["instrumented"] / best["plain"],
            "max_rss_kib": rss,
            "memory_overhead": rss["instrumented"] / rss["plain"],
            "outputs_identical": True,
        }
        with open(os.path.join(args.work, "sqlite-report.json"), "w") as f:
            json.dump(report, f, indent=2)
        print(json.dumps(report, indent=2))
        print("sqlite check: plain and instrumented builds agree")
    except (FetchError, CheckError) as error:
        print(f"sqlite check FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
