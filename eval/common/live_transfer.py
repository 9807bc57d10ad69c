"""live_transfer.py — what the evaluation's live-transfer checks share
(lua/lua_transfer_check.py, sqlite/sqlite_transfer_check.py): building
objects, running an old version to a snapshot and a new version from it,
and judging the outcome against a plain run.

A driver (lua_driver, sqlite_driver) understands
    <driver> old <first half> <snapshot>       run the first half, write a snapshot
    <driver> new <snapshot> <second half> --round-trip
                                               transfer the state in, run the second half
and exits 3 when the transfer refused (its error after "transfer refused: ").

Entry points: CheckError, run, compile_object, patched_copy, transfer, verdict.
"""
import os
import re
import shutil
import subprocess

# A refusal names the object (heap object with type and allocation site, or
# variable), where in it (offset or field path) and why.
REFUSAL = re.compile(r"transfer refused: (heap object 0x[0-9a-f]+ \(.*, allocated in \S+\)|variable '[^']+')"
                     r"(: likely pointer at offset \d+ \(.*\), not relocatable \(.*\): 0x[0-9a-f]+ -> \S"
                     r"|, field \S+: \S)")


class CheckError(RuntimeError):
    pass


def run(command, what, cwd=None):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise CheckError(f"{what} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result.stdout


def newer(target, sources):
    return os.path.exists(target) and all(os.path.getmtime(target) >= os.path.getmtime(s) for s in sources)


def compile_object(compiler, flags, source, obj, dependencies):
    """Compile `source` into `obj` unless it is newer than the source and `dependencies`."""
    if not newer(obj, [source] + dependencies):
        run([compiler, *flags, "-c", source, "-o", obj], f"compiling {os.path.basename(source)}")
    return obj


def patched_copy(tree, patches, names, target):
    """A copy of `tree` at `target` with Debian's patches `names` (from the
    debian/patches directory `patches`) applied in order; cached, and made
    again from scratch when it was left half done."""
    done = os.path.join(target, ".patched")
    if os.path.exists(done):
        return target
    if os.path.exists(target):
        shutil.rmtree(target)
    shutil.copytree(tree, target)
    for name in names:
        with open(os.path.join(patches, name)) as patch:
            result = subprocess.run(["patch", "-p1", "--fuzz=0", "--quiet"], cwd=target, stdin=patch,
                                    capture_output=True, text=True)
        if result.returncode != 0:
            raise CheckError(f"Debian's {name} does not apply to {tree}:\n{result.stdout}{result.stderr}")
    with open(done, "w") as mark:
        mark.write("\n".join(names) + "\n")
    return target


def execute(command):
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def describe_exit(status):
    return f"signal {-status}" if status < 0 else f"status {status}"


def transfer(old_driver, new_driver, first_half, second_half, work, new_option="--round-trip"):
    """Run the old version, then the new one from its snapshot (with `new_option`);
    (old stdout, new result)."""
    snapshot = os.path.join(work, "transfer.snap")
    old = execute([old_driver, "old", first_half, snapshot])
    if old.returncode != 0:
        raise CheckError(f"the old version failed ({describe_exit(old.returncode)}):\n{old.stderr}")
    try:
        new = execute([new_driver, "new", snapshot, second_half, new_option])
    finally:
        os.remove(snapshot)
    return old.stdout, new


def verdict(expect, native, old_output, new):
    """Raise CheckError unless the new version did what `expect` says; return a summary."""
    if not native.startswith(old_output):
        raise CheckError(f"the instrumented old version printed something else than the plain run:\n{old_output}")
    transferred = new.stderr.strip()
    if new.returncode == 3:
        if expect == "refusal" and REFUSAL.search(new.stderr):
            return f"refused as expected: {transferred}"
        if expect == "refusal":
            raise CheckError(f"the refusal does not name the object, offset and target:\n{transferred}")
        raise CheckError(f"the transfer refused:\n{transferred}")
    if new.returncode != 0:
        raise CheckError(f"the new version failed ({describe_exit(new.returncode)}) after the transfer said:\n{transferred}")
    if old_output + new.stdout != native:
        raise CheckError(f"the new version printed\n{new.stdout}\ninstead of\n{native[len(old_output):]}"
                         f"\n(transfer said: {transferred})")
    if expect == "refusal":
        raise CheckError(f"expected a refusal, but the transfer worked and the output is right: {transferred}")
    return f"continued correctly: {transferred}"
