"""net_bench.py — `./neurath bench net`: the TCP/IP server's costs under QEMU -icount,
where one guest nanosecond is one guest instruction.

The machine boots with a NIC on QEMU's user network (restrict=on), a static address
from a net.conf boot module (no DHCP exchange to wait for) and one forwarded port.
First /bin/netbench measures between two of its own sockets over the guest's address
(lwIP loops it back inside inet): nothing waits for the host, so those figures are
the time the calls took and repeat to within a few instructions (the periodic
timer's phase follows when the host typed the command).

Then `netbench host <port>` measures bulk TCP with this script as the peer, through
netdrv and the virtio device: the host sends 5 MiB of the pattern and reads 5 MiB
from the guest (the pattern, then one chunk of it repeated), checking every byte. While the guest waits for the host it is idle; the
machine runs with sleep=on, so idle guest time follows the host's clock (with
sleep=off it would jump to the next timer at once, and lwIP's retransmission timers
and the guest's timeouts would race ahead of a peer that is still answering). These
figures therefore count work, not time: the TSC less the cycles the CPU spent halted
(Sys::IdleCycles). How the host's segments and ACKs happen to be batched varies from
run to run, so they repeat only to within a few percent.

netbench prints `bench <name> <value> <unit>` lines, tabulated by bench_report.

Entry points: command(paths) -> NetBenchMachine; collect(machine) -> [Figure];
render(figures, markdown); meets_targets(figures); pattern(offset, length).
"""
from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

import bench_report
from bench_report import LINE, Figure
from qemu_network import PortForward, free_port
from qemu_session import BuildPaths, QemuSession, qemu_command

NET_CONF = "# net.conf of ./neurath bench net\nname bench\naddress 10.0.2.15/24\ngateway 10.0.2.2\n"
CONFIGURED = "inet: address 10.0.2.15/24"
GUEST_PORT = 9100
WAITING = f"netbench: waiting for the host on port {GUEST_PORT}"
CHECKED_BYTES = 1 << 20    # programs/netbench/host_peer.h: kHostCheckedBytes
MEASURED_BYTES = 4 << 20   # kHostMeasuredBytes
CHUNK = 11 * 1460          # programs/netbench/bench_output.h: kChunk
IO_TIMEOUT = 120.0
REQUIRED = ("ping_loopback", "tcp_connect_request", "tcp_bulk_loopback", "tcp_bulk_in_send", "tcp_bulk_in_recv",
            "tcp_bulk_checked", "tcp_host_recv", "tcp_host_send", "tcp_host_checked")
CHECKS = ("tcp_bulk_checked", "tcp_host_checked")  # 1: the checked stream arrived intact; not figures


@dataclass(frozen=True)
class NetBenchMachine:
    qemu: list[str]
    host_port: int  # forwarded to GUEST_PORT


def net_conf_module(paths: BuildPaths) -> Path:
    """The bench's net.conf, written beside the boot modules (a module is named after its file)."""
    folder = paths.boot_dir / "bench-net"
    folder.mkdir(parents=True, exist_ok=True)
    config = Path(folder / "net.conf")
    config.write_text(NET_CONF)
    return config


def command(paths: BuildPaths) -> NetBenchMachine:
    """Boots under -icount (idle time following the host's clock) with a restricted
    user-network NIC, the bench's net.conf and a forward from a free host port to
    GUEST_PORT."""
    port = free_port()
    qemu = qemu_command(paths, icount=True, network=[PortForward(port, GUEST_PORT)],
                        extra_modules=[net_conf_module(paths)], idle_in_real_time=True)
    return NetBenchMachine(qemu, port)


def pattern(offset: int, length: int) -> bytes:
    """netbench's stream pattern (programs/netbench/bench_output.h) from `offset`."""
    return bytes(((i * 131 + (i >> 11)) & 0xFF) for i in range(offset, offset + length))


def guest_stream() -> bytes:
    """What `netbench host` sends: the pattern, then the pattern's next chunk over and over."""
    repeats = -(-MEASURED_BYTES // CHUNK)
    return pattern(0, CHECKED_BYTES) + (pattern(CHECKED_BYTES, CHUNK) * repeats)[:MEASURED_BYTES]


def be_the_host_peer(port: int) -> None:
    """The other end of `netbench host`: sends the pattern, then reads the guest's
    stream and checks every byte; raises RuntimeError when a byte differs or the
    stream ends short."""
    total = CHECKED_BYTES + MEASURED_BYTES
    with socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT) as connection:
        connection.sendall(pattern(0, CHECKED_BYTES) + pattern(CHECKED_BYTES, MEASURED_BYTES))
        received = bytearray()
        while len(received) < total:
            chunk = connection.recv(1 << 16)
            if not chunk:
                break
            received.extend(chunk)
    if len(received) != total:
        raise RuntimeError(f"netbench host sent {len(received)} bytes, not {total}")
    if received != guest_stream():
        raise RuntimeError("netbench host: the stream it sent differs from what it should have sent")


def collect(machine: NetBenchMachine, timeout: float = 600.0) -> list[Figure]:
    with QemuSession(machine.qemu) as session:
        session.wait_prompt(timeout)
        session.wait_until(lambda output: CONFIGURED in output, CONFIGURED, timeout)
        output = session.run_command("netbench", timeout)
        session.send_line(f"netbench host {GUEST_PORT}")
        session.expect(WAITING, timeout)
        be_the_host_peer(machine.host_port)
        session.wait_prompt(timeout)
        output += session.output[session.output.rindex(WAITING):]
        session.send_line("poweroff")
        session.wait_exit(timeout)
    figures = [Figure(m[1], int(m[2]), m[3]) for m in LINE.finditer(output)]
    missing = set(REQUIRED) - {f.name for f in figures}
    if missing or "failed" in output:
        raise RuntimeError(f"netbench did not report {sorted(missing)}:\n{output}")
    for check in CHECKS:
        if next(f for f in figures if f.name == check).value != 1:
            raise RuntimeError(f"netbench: a checked stream arrived with bytes that differ ({check}):\n{output}")
    return [f for f in figures if f.name not in CHECKS]


def render(figures: list[Figure], markdown: bool = False) -> str:
    return bench_report.render(figures, markdown)


def meets_targets(figures: list[Figure]) -> bool:
    return bench_report.meets_targets(figures)
