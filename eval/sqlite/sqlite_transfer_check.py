#!/usr/bin/env python3
"""sqlite_transfer_check.py — live update of a real database engine: SQLite
from Debian's source package, built with the pass, its live in-memory
database moved between processes.

Uses the SQLite check's download and amalgamation (fetch_source.py,
sqlite_check.py; ctest runs that check first), and builds sqlite_driver.cpp
three times: plain with the amalgamation (the reference), instrumented with
it, and instrumented with an amalgamation made from the tree with one of
Debian's bug fixes applied (DEBIAN_FIX from debian/patches: a wrong-code fix
in the NOT NULL / IS NULL optimisation, expr.c and vdbe.c). Then:
  * native: the plain driver runs state_before.sql, the kept statement's
    first rows, its other rows and state_after.sql in one process;
  * identity update: the instrumented driver runs the first half and writes
    a snapshot; a fresh one transfers the state (round trip on) and runs the
    second half, which must print exactly what the native run printed;
  * real update: the same, with the patched build as the new version;
  * left unhandled: the identity update without the driver's declarative
    rules (stale fields, untyped allocations) must end in a clear refusal
    naming the object and field, never in a crash or wrong output.
SQLite's allocation functions are named as allocator wrappers, so objects
are typed at their callers; the driver's allocator setup is the hook code.

Exits non-zero, with the reason, on any failure.

Usage: sqlite_transfer_check.py --work DIR --plugin PASS.so --runtime LIB.a [--runtime LIB.a ...]
                                --include DIR[;DIR...]
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "common"))
from fetch_source import FetchError, fetch_sqlite_patches, fetch_sqlite_source  # noqa: E402
from live_transfer import (CC, CXX, DRIVER_HEADER, CheckError, compile_object, execute, patched_copy,  # noqa: E402
                           read_limits_report, run, transfer, verdict)
from sqlite_check import amalgamation  # noqa: E402

CFLAGS = ["-O2", "-g", "-DSQLITE_OMIT_LOAD_EXTENSION", "-DSQLITE_DQS=0"]
DEBIAN_FIX = "41-fix_a_bug_in_the_NOT_NULL-IS_NULL_optimization.patch"
# Every SQLite function that returns memory its caller types (the heap
# allocator and the per-connection one, and their raw and zeroing forms).
SQLITE_ALLOCATOR_WRAPPERS = ",".join((
    "sqlite3Malloc", "sqlite3MallocZero", "sqlite3_malloc", "sqlite3_malloc64", "sqlite3Realloc", "sqlite3_realloc",
    "sqlite3_realloc64", "sqlite3DbMallocRaw", "sqlite3DbMallocRawNN", "sqlite3DbMallocZero", "sqlite3DbRealloc",
    "sqlite3DbReallocOrFree", "dbMallocRawFinish", "dbReallocFinish", "sqlite3PageMalloc", "pcache1Alloc"))


def build_driver(name, amalg, work, args, instrumented):
    """sqlite_driver linked with SQLite; with the pass and libupdate when `instrumented`."""
    out = os.path.join(work, name)
    os.makedirs(out, exist_ok=True)
    driver = os.path.join(HERE, "sqlite_driver.cpp")
    flags, driver_flags, dependencies, libraries = [], ["-std=c++20", "-O2", "-g", "-I", amalg], [], []
    if instrumented:
        plugin = ["-fpass-plugin=" + args.plugin]
        flags = plugin + ["-Xclang", "-load", "-Xclang", args.plugin, "-mllvm", "-lu-allocator-wrapper=" + SQLITE_ALLOCATOR_WRAPPERS]
        includes = [flag for directory in args.include.split(";") if directory for flag in ("-I", directory)]
        driver_flags += [*plugin, "-fstandalone-debug", "-DNEURATH_INSTRUMENTED", "-I", os.path.join(HERE, "..", "common"),
                         *includes]
        dependencies, libraries = [args.plugin], list(args.runtime)
    sqlite = compile_object(CC, CFLAGS + flags + ["-I", amalg], os.path.join(amalg, "sqlite3.c"), os.path.join(out, "sqlite3.o"),
                            dependencies)
    main = compile_object(CXX, driver_flags, driver, os.path.join(out, "sqlite_driver.o"),
                          dependencies + libraries + [DRIVER_HEADER])
    binary = os.path.join(out, "sqlite_driver")
    run([CXX, main, sqlite, *libraries, "-lm", "-lpthread", "-o", binary], f"linking {name} sqlite_driver")
    if instrumented and "lu_modules" not in run(["readelf", "-SW", binary], f"readelf {binary}"):
        raise CheckError(f"{binary} carries no Neurath metadata (lu_modules)")
    return binary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--runtime", action="append", required=True)
    parser.add_argument("--include", required=True)
    args = parser.parse_args()
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    before, after = os.path.join(HERE, "state_before.sql"), os.path.join(HERE, "state_after.sql")
    try:
        source = fetch_sqlite_source(args.work)
        amalg = amalgamation(source, args.work)
        patched = patched_copy(source, fetch_sqlite_patches(args.work), [DEBIAN_FIX], os.path.join(args.work, "patched-source"))
        patched_amalg = amalgamation(patched, args.work, "amalgamation-patched")
        plain = build_driver("transfer-plain", amalg, args.work, args, False)
        old = build_driver("transfer-instrumented", amalg, args.work, args, True)
        new = build_driver("transfer-patched", patched_amalg, args.work, args, True)
        native = execute([plain, "whole", before, after])
        if native.returncode != 0 or "\nok\n" not in native.stdout:
            raise CheckError(f"the plain driver failed or printed no integrity_check ok:\n{native.stderr}")
        report = read_limits_report(os.path.dirname(old))  # the old version's: its heap is what is scanned
        old_output, new_run = transfer(old, old, before, after, args.work)
        print("identity update: " + verdict("success", native.stdout, old_output, new_run, report))
        old_output, new_run = transfer(old, new, before, after, args.work)
        print(f"update to Debian's {DEBIAN_FIX}: " + verdict("success", native.stdout, old_output, new_run, report))
        old_output, new_run = transfer(old, old, before, after, args.work, "--without-rules")
        print("without the driver's stale-field and untyped-allocation rules: "
              + verdict("refusal", native.stdout, old_output, new_run, report))
    except (FetchError, CheckError, subprocess.TimeoutExpired) as error:
        print(f"sqlite transfer check FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
