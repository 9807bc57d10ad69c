"""live_transfer.py — what the evaluation's live-transfer checks share
(lua/lua_transfer_check.py, sqlite/sqlite_transfer_check.py): building
objects, running an old version to a snapshot and a new version from it,
and judging the outcome against a plain run.

A driver (lua_driver, sqlite_driver) understands
    <driver> old <first half> <snapshot>       run the first half, write a snapshot
    <driver> new <snapshot> <second half> --round-trip
                                               transfer the state in, run the second half
and exits 3 when the transfer refused (its error after "transfer refused: ").
Before that it prints one `imprecise: why | function | allocator | line | type`
line per kind of imprecise old heap state the transfer scanned; verdict holds
them against the pass's limits report (read_limits_report): each must be
listed there, under the kind that says how it is handled.

Entry points: CheckError, run, compile_object, patched_copy, read_limits_report,
transfer, verdict.
"""
import glob
import os
import re
import shutil
import subprocess

# The compilers the checks build with (the pass is built for clang-16).
CC = "clang-16"
CXX = "clang++-16"
# The shared new-version side every driver includes: a change rebuilds the drivers.
DRIVER_HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "driver_transfer.h")
# Asks the new version to list the imprecise state it scans (driver_transfer.h);
# benchmarks leave it out, since listing costs instructions inside the transfer.
LIST_IMPRECISION = dict(os.environ, NEURATH_LIST_IMPRECISION="1")

# A refusal names the object (heap object with type and allocation site, or
# variable), where in it (offset or field path) and why.
REFUSAL = re.compile(r"transfer refused: (heap object 0x[0-9a-f]+ \(.*, allocated in \S+\)|variable '[^']+')"
                     r"(: likely pointer at offset \d+ \(.*\), not relocatable \(.*\): 0x[0-9a-f]+ -> \S"
                     r"|, field \S+: \S)")

# The limits report's kinds that answer for each reason the transfer gives
# for scanning bytes (libupdate/src/imprecise_walk.h). "declared untyped" is
# the program's own rule (TransferHooks::untyped_allocations), not the pass's.
DECLARED_BY_RULES = "declared untyped"
REPORT_KINDS = {
    "untyped object": ("unknown-allocation-type",),
    "past the last element": ("header-allocation",),
    "byte buffer": ("byte-buffer",),
    "union whose active member is unknown": ("union-with-pointer",),
    "unknown type": ("incomplete-type", "opaque-type", "no-debug-info"),
}
REPORT_LINE = re.compile(r"^(?P<kind>[a-z-]+): (?:heap )?(?P<what>.*?)(?: from (?P<allocator>\S+) in (?P<function>.+?))?"
                         r"(?: at \S+:(?P<line>\d+))?: ")
IMPRECISE_LINE = re.compile(r"^imprecise: (.*)$", re.M)


class CheckError(RuntimeError):
    pass


def read_limits_report(directory):
    """The limits report lines the pass wrote for the objects in `directory`."""
    report = []
    for path in sorted(glob.glob(os.path.join(directory, "*.lu-limits.txt"))):
        with open(path) as f:
            report += [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    return report


def names_type(what, subject):
    """True when a report subject such as `Table.u (<anonymous>)` or `sqlite3_value.u (MemValue)`
    is the type the transfer named: by its name, or for a type without one (`Enclosing.field`),
    by the field it fills (the report's path may reach it through other types)."""
    if "." not in subject:
        return what.endswith(f"({subject})")
    return what.endswith(f".{subject.rsplit('.', 1)[1]} (<anonymous>)")


def listed(note, report):
    """True when a limits report line lists this imprecision under the kind that says how it
    travels: a whole object or its tail by its allocation site, a union or value by its type."""
    why, function, allocator, line, subject = (part.strip() for part in note.split("|"))
    for entry in report:
        match = REPORT_LINE.match(entry)
        if not match or match["kind"] not in REPORT_KINDS.get(why, ()):
            continue
        if subject == "" and (match["function"], match["allocator"], match["line"]) == (function, allocator, line):
            return True
        if why == "unknown type" and subject != "" and subject in match["what"]:
            return True  # a value whose type has no layout: the report names the type where it is used
        if subject != "" and names_type(match["what"], subject):
            return True
    return False


def check_agreement(stderr, report):
    """Raise CheckError for imprecise state the transfer scanned that the limits report does not list."""
    notes = IMPRECISE_LINE.findall(stderr)
    scanned = re.search(r"(\d+) imprecise bytes scanned", stderr)
    if scanned and int(scanned[1]) > 0 and not notes:
        raise CheckError(f"the transfer scanned {scanned[1]} imprecise bytes but listed none of them "
                         "(run the new version with NEURATH_LIST_IMPRECISION set)")
    declared = [note for note in notes if note.startswith(DECLARED_BY_RULES + " |")]
    unlisted = [note for note in notes if note not in declared and not listed(note, report)]
    if unlisted:
        raise CheckError("the transfer scanned imprecise state the limits report does not list:\n  "
                         + "\n  ".join(unlisted))
    return (f"{len(notes) - len(declared)} kinds of imprecise heap state scanned, each listed in the limits report"
            + (f", {len(declared)} declared untyped by the program's rules" if declared else ""))


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


def execute(command, environment=None):
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=environment)


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
        new = execute([new_driver, "new", snapshot, second_half, new_option], LIST_IMPRECISION)
    finally:
        os.remove(snapshot)
    return old.stdout, new


def verdict(expect, native, old_output, new, report):
    """Raise CheckError unless the new version did what `expect` says and the
    imprecise state it met is all in `report`; return a summary."""
    if not native.startswith(old_output):
        raise CheckError(f"the instrumented old version printed something else than the plain run:\n{old_output}")
    agreement = check_agreement(new.stderr, report)
    transferred = IMPRECISE_LINE.sub("", new.stderr).strip()
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
    return f"continued correctly: {transferred}; {agreement}"
