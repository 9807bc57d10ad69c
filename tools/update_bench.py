"""update_bench.py — `./neurath bench update`: live update's phases measured
under QEMU -icount, where one guest nanosecond is one guest instruction, so
the figures repeat (to within a few hundred instructions: the shell idles until
the host types each command, which moves the timer's phase).

For each server (and the updatable program kvd) the guest runs, at the shell:
an update to its next version (commit), `update --undo` (a commit back, the
state transferred the other way), and an update to a variant that fails after
its whole transfer (a rollback, measured at its most expensive: the
bad-invariant variant; for netdrv the one that fails once it took the DMA
memory, for inet the one that crashes after its transfer). The machine has a
NIC on QEMU's restricted user network and a static address (net_bench's
net.conf), so netdrv and inet run; no connection is open. rs logs one line
per transaction with every phase in ns:

    rs: update <id> <name> <committed|rolled-back|prepared> load=.. quiesce=.. transfer=..
        check=.. commit=.. blackout=.. bytes=..

Entry points: command(paths), collect(qemu_command) -> list[UpdateFigures];
render(figures, markdown); meets_targets(figures).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import net_bench
from qemu_session import BuildPaths, QemuSession, qemu_command

BAD_INVARIANT = "/test/updates/{}-bad-invariant"
TARGETS = (  # name, next binary, the variant that rolls back, the shell lines that start it first (a program)
    ("rs", "/sbin/rs.next", BAD_INVARIANT, ()),
    ("ds", "/sbin/ds.next", BAD_INVARIANT, ()),
    ("tty", "/sbin/tty.next", BAD_INVARIANT, ()),
    ("pm", "/sbin/pm.next", BAD_INVARIANT, ()),
    ("vfs", "/sbin/vfs.next", BAD_INVARIANT, ()),
    ("netdrv", "/sbin/netdrv.next", "/test/updates/{}-fail-after-dma", ()),
    ("inet", "/sbin/inet.next", "/test/updates/{}-crash-after-transfer", ()),
    ("kvd", "/bin/kvd.v2", BAD_INVARIANT, ("kvd &",)),
)
BLACKOUT_TARGET = 1_000_000       # instructions, for state under 64 KiB
SMALL_STATE = 64 * 1024
LOG_LINE = re.compile(r"rs: update \d+ (?P<name>\S+) (?P<verdict>committed|rolled-back|prepared) "
                      r"load=(?P<load>\d+) quiesce=(?P<quiesce>\d+) transfer=(?P<transfer>\d+) "
                      r"check=(?P<check>\d+) commit=(?P<commit>\d+) blackout=(?P<blackout>\d+) "
                      r"bytes=(?P<bytes>\d+)")
PHASES = ("load", "quiesce", "transfer", "check", "commit", "blackout", "bytes")


@dataclass(frozen=True)
class Run:
    verdict: str
    load: int
    quiesce: int
    transfer: int
    check: int
    commit: int
    blackout: int
    bytes: int

    @property
    def total(self) -> int:
        return self.load + self.quiesce + self.transfer + self.check + self.commit


@dataclass(frozen=True)
class UpdateFigures:
    name: str
    update: Run      # to the next version
    undo: Run        # back again
    rollback: Run    # the bad-invariant variant, rolled back after its transfer

    @property
    def meets_blackout_target(self) -> bool:
        return self.update.bytes >= SMALL_STATE or self.update.blackout < BLACKOUT_TARGET

    @property
    def rollback_no_slower(self) -> bool:
        return self.rollback.blackout <= self.update.blackout


def _last_run(output: str, name: str) -> Run:
    runs = [m for m in LOG_LINE.finditer(output) if m["name"] == name]
    if not runs:
        raise RuntimeError(f"no update figures for {name}:\n{output[-3000:]}")
    found = runs[-1]
    return Run(found["verdict"], *(int(found[key]) for key in PHASES))


def _measure(session: QemuSession, name: str, binary: str, failing: str, timeout: float) -> UpdateFigures:
    runs = []
    for arguments, verdict in ((f"{name} {binary}", "committed"), (f"--undo {name}", "committed"),
                               (f"{name} {failing.format(name)}", "rolled-back")):
        session.run_command(f"update {arguments}", timeout)
        run = _last_run(session.output, name)
        if run.verdict != verdict:
            raise RuntimeError(f"update {arguments}: {run.verdict}, expected {verdict}:\n{session.output[-3000:]}")
        runs.append(run)
    return UpdateFigures(name, *runs)


def command(paths: BuildPaths) -> list[str]:
    """-icount (idle time skipped), a NIC, bench net's static address."""
    return qemu_command(paths, icount=True, network=[], extra_modules=[net_bench.net_conf_module(paths)])


def collect(command: list[str], timeout: float = 600.0) -> list[UpdateFigures]:
    figures = []
    with QemuSession(command) as session:
        session.wait_prompt(timeout)
        session.wait_until(lambda output: net_bench.CONFIGURED in output, net_bench.CONFIGURED, timeout)
        for name, binary, failing, setup in TARGETS:
            started = "".join(session.run_command(line, timeout) for line in setup)
            if name == "kvd" and "kvd: ready" not in started:
                session.expect("kvd: ready", timeout)
            figures.append(_measure(session, name, binary, failing, timeout))
        session.send_line("poweroff")
        session.wait_exit(timeout)
    return figures


def render(figures: list[UpdateFigures], markdown: bool = False) -> str:
    header = ("server", "state bytes", "load", "quiesce", "transfer", "check", "commit", "total",
              "blackout", "undo blackout", "rollback blackout")
    rows = [(f.name, f"{f.update.bytes:,}", f"{f.update.load:,}", f"{f.update.quiesce:,}",
             f"{f.update.transfer:,}", f"{f.update.check:,}", f"{f.update.commit:,}", f"{f.update.total:,}",
             f"{f.update.blackout:,}" + ("" if f.meets_blackout_target else " (MISSED)"),
             f"{f.undo.blackout:,}", f"{f.rollback.blackout:,}" + ("" if f.rollback_no_slower else " (slower)"))
            for f in figures]
    note = (f"guest instructions under -icount; target: blackout < {BLACKOUT_TARGET:,} for state under "
            f"{SMALL_STATE // 1024} KiB; rollback no slower than commit")
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines + ["", note])
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = lambda row: "  ".join(str(c).rjust(w) for c, w in zip(row, widths))
    return "\n".join([fmt(header)] + [fmt(r) for r in rows] + [note])


def meets_targets(figures: list[UpdateFigures]) -> bool:
    return all(f.meets_blackout_target for f in figures)
