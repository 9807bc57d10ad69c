"""net_bench.py — `./neurath bench net`: the TCP/IP server's costs under QEMU -icount,
where one guest nanosecond is one guest instruction, so every figure repeats to within
a few instructions (the periodic timer's phase follows when the host typed the command).

The machine boots with a NIC on QEMU's user network (restrict=on) and a static
address from a net.conf boot module (no DHCP exchange to wait for), then runs
/bin/netbench, which measures between two of its own sockets over the guest's
address (lwIP loops it back inside inet). Why not a peer on the host: while the
guest waits for a host frame it is idle, and -icount (sleep=off) then jumps guest
time to the next timer by an amount that depends on when the host answered, so
a host peer's figures would be neither instruction counts nor repeatable.
netbench prints `bench <name> <value> <unit>` lines, tabulated by bench_report.

Entry points: command(paths) -> the QEMU command line; collect(command) -> [Figure];
render(figures, markdown); meets_targets(figures).
"""
from __future__ import annotations

from pathlib import Path

import bench_report
from bench_report import LINE, Figure
from qemu_session import BuildPaths, QemuSession, qemu_command

NET_CONF = "# net.conf of ./neurath bench net\nname bench\naddress 10.0.2.15/24\ngateway 10.0.2.2\n"
CONFIGURED = "inet: address 10.0.2.15/24"
REQUIRED = ("ping_loopback", "tcp_connect_request", "tcp_bulk_loopback", "tcp_bulk_in_send", "tcp_bulk_in_recv",
            "tcp_bulk_checked")


def command(paths: BuildPaths) -> list[str]:
    """Boots under -icount with a restricted user-network NIC and the bench's net.conf
    (written beside the boot modules; the module is named after its file)."""
    folder = paths.boot_dir / "bench-net"
    folder.mkdir(parents=True, exist_ok=True)
    config = Path(folder / "net.conf")
    config.write_text(NET_CONF)
    return qemu_command(paths, icount=True, network=[], extra_modules=[config])


def collect(qemu: list[str], timeout: float = 600.0) -> list[Figure]:
    with QemuSession(qemu) as session:
        session.wait_prompt(timeout)
        session.wait_until(lambda output: CONFIGURED in output, CONFIGURED, timeout)
        output = session.run_command("netbench", timeout)
        session.send_line("poweroff")
        session.wait_exit(timeout)
    figures = [Figure(m[1], int(m[2]), m[3]) for m in LINE.finditer(output)]
    missing = set(REQUIRED) - {f.name for f in figures}
    if missing or "failed" in output:
        raise RuntimeError(f"netbench did not report {sorted(missing)}:\n{output}")
    if next(f for f in figures if f.name == "tcp_bulk_checked").value != 1:
        raise RuntimeError(f"netbench: the bulk stream arrived with bytes that differ:\n{output}")
    return [f for f in figures if f.name != "tcp_bulk_checked"]


def render(figures: list[Figure], markdown: bool = False) -> str:
    return bench_report.render(figures, markdown)


def meets_targets(figures: list[Figure]) -> bool:
    return bench_report.meets_targets(figures)
