"""bench_report.py — run Neurath's in-guest benchmarks under QEMU -icount and tabulate them.

With `-icount shift=0,align=off,sleep=off`, guest time advances exactly one
nanosecond per guest instruction executed, so a time difference measured inside
the guest over busy code is an instruction count, identical on every run and
every host. The guest program /bin/bench prints one line per figure:

    bench <name> <value> <unit>

Entry points: collect(qemu_command) -> list[Figure]; render(figures, markdown);
meets_targets(figures).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qemu_session import QemuSession

# name -> (description, target or None); targets come from the project's goals.
KNOWN_FIGURES = {
    "ipc_roundtrip": ("null IPC round trip between two user processes", 1500),
    "null_syscall": ("null kernel call", None),
    "spawn": ("spawn and wait for a trivial program", None),
    "file_read_4k": ("4 KiB file read through vfs", None),
    "boot_to_prompt": ("boot to the shell prompt", 50_000_000),
    "vfs_ping": ("empty request to vfs and its reply", None),
    "calibration": ("check: a 2,000,000-instruction loop", None),
    # bench net (net_bench.py): through inet, over the guest's own address
    "ping_loopback": ("ping round trip (ICMP echo, loopback)", None),
    "tcp_connect_request": ("TCP connect + 64 B request + 256 B response + closes", None),
    "tcp_bulk_loopback": ("bulk TCP per KiB, send and receive together (4 MiB, loopback)", 20 * 1024),
    "tcp_bulk_in_send": ("  of which inside send calls", None),
    "tcp_bulk_in_recv": ("  of which inside recv calls", None),
    # bench net with a peer on the host: through netdrv and the device too (work, not time)
    "tcp_host_recv": ("bulk TCP per KiB received from the host (4 MiB, through netdrv)", 20 * 1024),
    "tcp_host_send": ("bulk TCP per KiB sent to the host (4 MiB, through netdrv)", 20 * 1024),
}
REQUIRED_FIGURES = ("ipc_roundtrip", "null_syscall", "spawn", "file_read_4k", "boot_to_prompt")
HIDDEN_FIGURES = ("total_uptime", "total_tsc")
LINE = re.compile(r"^bench (\w+) (\d+) (\w+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Figure:
    name: str
    value: int
    unit: str

    @property
    def description(self) -> str:
        return KNOWN_FIGURES.get(self.name, (self.name, None))[0]

    @property
    def target(self) -> int | None:
        return KNOWN_FIGURES.get(self.name, ("", None))[1]


def collect(command: list[str], timeout: float = 300.0) -> list[Figure]:
    with QemuSession(command) as session:
        session.wait_prompt(timeout)
        output = session.run_command("bench", timeout)
        session.send_line("poweroff")
        session.wait_exit(timeout)
    figures = [Figure(m[1], int(m[2]), m[3]) for m in LINE.finditer(output)
               if m[1] not in HIDDEN_FIGURES]
    missing = set(REQUIRED_FIGURES) - {f.name for f in figures}
    if missing:
        raise RuntimeError(f"the guest did not report {sorted(missing)}:\n" + output)
    return figures


def render(figures: list[Figure], markdown: bool = False) -> str:
    rows = [(f.description, f"{f.value:,}", f.unit,
             "" if f.target is None else f"< {f.target:,}",
             "" if f.target is None else ("ok" if f.value < f.target else "MISSED"))
            for f in figures]
    header = ("benchmark", "value", "unit", "target", "")
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = lambda row: "  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip()
    return "\n".join([fmt(header)] + [fmt(r) for r in rows])


def meets_targets(figures: list[Figure]) -> bool:
    return all(f.target is None or f.value < f.target for f in figures)
