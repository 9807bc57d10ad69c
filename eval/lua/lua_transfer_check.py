#!/usr/bin/env python3
"""lua_transfer_check.py — live update of a real interpreter: Lua 5.4 from
Debian's source package, built with the pass, moved between processes.

Fetches bookworm's lua5.4 (fetch_lua.py), builds it twice — the plain `lua`
interpreter, and an instrumented library linked with lua_driver.cpp and
libupdate (and as an instrumented `lua`, which eval/bench measures) — and then:
  * native: the plain interpreter runs state_before.lua and state_after.lua
    as one script; its output is the reference;
  * old: the instrumented driver runs state_before.lua and writes a snapshot;
  * new: a fresh instrumented driver transfers the old one's state into
    itself (transfer_state, round trip on) and runs state_after.lua there;
  * real update: the same, but the new version is built from the tree with
    Debian's bug-fix patches applied (debian/patches: BUGFIX_PATCHES, the
    package's own fixes of CVE-2022-28805 in the parser and CVE-2022-33099 in
    error handling), so the old and new processes run different code.
The outcome must be the expected one (--expect):
  success  the transfer succeeds and old + new output equals the native run;
  refusal  the transfer refuses with an error naming the object (heap
           object with its type and allocation site, or variable), where in
           it (offset or field path) and why.
Anything else fails the check with the reason — above all a transfer that
reports success and then crashes or prints something else.

Everything is cached in --work (download, objects). Exits non-zero, with the
reason, on any failure, including a failed download.

Usage: lua_transfer_check.py --work DIR --plugin PASS.so --runtime LIB.a [--runtime LIB.a ...]
                             --include DIR[;DIR...] --expect success|refusal
"""
import argparse
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "common"))
from fetch_lua import FetchError, fetch_lua_source  # noqa: E402
from live_transfer import (CC, CXX, DRIVER_HEADER, CheckError, compile_object, execute, patched_copy,  # noqa: E402
                           read_limits_report, run, transfer, verdict)

# A fixed string-hash seed (Lua seeds it from the time and addresses) makes
# both builds hash alike on every run, so instruction counts repeat.
CFLAGS = ["-O2", "-g", "-DLUA_COMPAT_5_3", "-DLUA_USE_POSIX", "-Dluai_makeseed(L)=0u"]
NOT_IN_LIBRARY = ("lua.c", "luac.c")
# Lua's allocation functions: every object comes out of one of these (through
# the lua_Alloc function pointer), and their callers say what it is.
LUA_ALLOCATOR_WRAPPERS = "lua_Alloc,luaM_malloc_,luaM_realloc_,luaM_saferealloc_,luaM_growaux_,luaM_shrinkvector_,luaC_newobj"
# The package's bug fixes that change Lua's code (the others change its build).
BUGFIX_PATCHES = ("0004-cve-2022-28805.patch", "0005-cve-2022-33099.patch")


def lua_sources(tree, with_interpreter):
    sources = sorted(glob.glob(os.path.join(tree, "src", "*.c")))
    skipped = ("luac.c",) if with_interpreter else NOT_IN_LIBRARY
    return [s for s in sources if os.path.basename(s) not in skipped]


def build_plain(tree, work):
    """The plain `lua` interpreter: the reference for every output."""
    out = os.path.join(work, "plain")
    os.makedirs(out, exist_ok=True)
    objects = [compile_object(CC, CFLAGS, s, os.path.join(out, os.path.basename(s) + ".o"), [])
               for s in lua_sources(tree, True)]
    binary = os.path.join(out, "lua")
    run([CC, *objects, "-lm", "-o", binary], "linking the plain lua")
    return binary


def build_instrumented(name, tree, work, args):
    """lua_driver with Lua, both built with the pass; returns (binary, limits report lines)."""
    out = os.path.join(work, name)
    os.makedirs(out, exist_ok=True)
    plugin = ["-fpass-plugin=" + args.plugin]
    wrappers = ["-Xclang", "-load", "-Xclang", args.plugin, "-mllvm", "-lu-allocator-wrapper=" + LUA_ALLOCATOR_WRAPPERS]
    objects = [compile_object(CC, CFLAGS + plugin + wrappers, s, os.path.join(out, os.path.basename(s) + ".o"),
                              [args.plugin, os.path.abspath(__file__)])
               for s in lua_sources(tree, False)]
    includes = [flag for directory in args.include.split(";") if directory for flag in ("-I", directory)]
    driver_flags = ["-std=c++20", "-O2", "-g", "-fstandalone-debug", *plugin, "-I", os.path.join(tree, "src"),
                    "-I", os.path.join(HERE, "..", "common"), *includes]
    driver = os.path.join(HERE, "lua_driver.cpp")
    # The driver also depends on libupdate's headers (TransferStats): rebuilt with the runtime.
    objects.append(compile_object(CXX, driver_flags, driver, os.path.join(out, "lua_driver.o"),
                                  [args.plugin, *args.runtime, DRIVER_HEADER]))
    binary = os.path.join(out, "lua_driver")
    run([CXX, *objects, *args.runtime, "-lm", "-o", binary], f"linking {name} lua_driver")
    # The stand-alone interpreter too, for the overhead benchmark (eval/bench).
    interpreter = compile_object(CC, CFLAGS + plugin, os.path.join(tree, "src", "lua.c"), os.path.join(out, "lua.c.o"),
                                 [args.plugin])
    # A C program: of the C++ library the runtime needs only its exception
    # support, so only that is linked in, not all of libstdc++.so's pages.
    run([CXX, interpreter, *objects[:-1], *args.runtime, "-lm", "-static-libstdc++", "-o", os.path.join(out, "lua")],
        f"linking {name} lua")
    if "lu_modules" not in run(["readelf", "-SW", binary], f"readelf {binary}"):
        raise CheckError(f"{binary} carries no Neurath metadata (lu_modules)")
    return binary, read_limits_report(out)


def native_output(lua, work):
    combined = os.path.join(work, "state_whole.lua")
    with open(combined, "w") as out:
        for part in ("state_before.lua", "state_after.lua"):
            with open(os.path.join(HERE, part)) as f:
                out.write(f.read())
    result = execute([lua, combined])
    if result.returncode != 0:
        raise CheckError(f"the plain interpreter failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--runtime", action="append", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--expect", choices=("success", "refusal"), required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    try:
        tree, patches = fetch_lua_source(args.work)
        lua = build_plain(tree, args.work)
        driver, report = build_instrumented("instrumented", tree, args.work, args)
        native = native_output(lua, args.work)
        before, after = os.path.join(HERE, "state_before.lua"), os.path.join(HERE, "state_after.lua")
        old_output, new = transfer(driver, driver, before, after, args.work)
        print("limits report of the instrumented build:")
        for line in report:
            print("  " + line)
        print("identity update: " + verdict(args.expect, native, old_output, new, report))
        patched_source = patched_copy(tree, patches, BUGFIX_PATCHES, os.path.join(args.work, "patched-source"))
        patched, _ = build_instrumented("patched", patched_source, args.work, args)
        old_output, new = transfer(driver, patched, before, after, args.work)
        print(f"update to Debian's {' and '.join(BUGFIX_PATCHES)}: " + verdict(args.expect, native, old_output, new, report))
    except (FetchError, CheckError, subprocess.TimeoutExpired) as error:
        print(f"lua transfer check FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
