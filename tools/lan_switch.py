"""lan_switch.py — the virtual LAN of `./neurath cluster`: an Ethernet switch on the host.

Each QEMU instance's NIC is a `dgram` netdev: QEMU sends every frame it transmits
as one UDP datagram from its port on 127.0.0.1 to the switch's port for that
instance, also on 127.0.0.1, and receives frames the same way back. The switch
learns which instance each source MAC address lives behind, forwards a unicast
frame to that instance only, and floods broadcast, multicast and frames for
unknown addresses to every other instance. Datagrams from any other sender than
the instance's own QEMU port are dropped and counted; nothing is sent or bound
outside 127.0.0.1.

Entry points:
    reserve_udp_port() -> int     a free UDP port on 127.0.0.1 (for QEMU to bind)
    LanSwitch(count)              .links(macs) -> [DatagramLink], .start(), .stop(),
                                  .frames_forwarded, .frames_refused
"""
from __future__ import annotations

import selectors
import socket
import threading

from qemu_network import DatagramLink

LOOPBACK = "127.0.0.1"
MAX_DATAGRAM = 65536
MAC_TABLE_LIMIT = 1024  # learned addresses; past it the table starts again (a flood of forged sources)


def reserve_udp_port() -> int:
    """A UDP port on 127.0.0.1 free a moment ago. QEMU binds it next; if another
    program takes it meanwhile, that QEMU fails to start and says so."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def _bound_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((LOOPBACK, 0))
    sock.setblocking(False)
    return sock


class LanSwitch:
    """A learning switch between `count` QEMU dgram netdevs; one thread relays."""

    def __init__(self, count: int):
        self._sockets = [_bound_socket() for _ in range(count)]
        self._guest_ports = [reserve_udp_port() for _ in range(count)]
        self._where: dict[bytes, int] = {}  # MAC -> instance index
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._relay, name="lan-switch", daemon=True)
        self.frames_forwarded = 0
        self.frames_refused = 0

    def links(self, macs: list[str]) -> list[DatagramLink]:
        """The netdev of each instance, in order, with its MAC address."""
        return [DatagramLink(guest_port=guest, peer_port=sock.getsockname()[1], mac=mac)
                for guest, sock, mac in zip(self._guest_ports, self._sockets, macs)]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        for sock in self._sockets:
            sock.close()

    # -- relaying -------------------------------------------------------------
    def _relay(self) -> None:
        with selectors.DefaultSelector() as selector:
            for index, sock in enumerate(self._sockets):
                selector.register(sock, selectors.EVENT_READ, index)
            while not self._stopping.is_set():
                for key, _ in selector.select(timeout=0.1):
                    self._drain(key.fileobj, key.data)

    def _drain(self, sock: socket.socket, source: int) -> None:
        while True:
            try:
                frame, sender = sock.recvfrom(MAX_DATAGRAM)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return  # e.g. an ICMP error of an earlier send: nothing to relay
            if sender != (LOOPBACK, self._guest_ports[source]) or len(frame) < 14:
                self.frames_refused += 1
                continue
            self._forward(frame, source)

    def _forward(self, frame: bytes, source: int) -> None:
        destination, origin = frame[0:6], frame[6:12]
        if not origin[0] & 1:  # a unicast source address is learnt
            if len(self._where) >= MAC_TABLE_LIMIT and origin not in self._where:
                self._where.clear()
            self._where[origin] = source
        target = self._where.get(destination) if not destination[0] & 1 else None
        targets = [target] if target is not None else range(len(self._sockets))
        for index in targets:
            if index == source:
                continue
            try:
                self._sockets[index].sendto(frame, (LOOPBACK, self._guest_ports[index]))
                self.frames_forwarded += 1
            except OSError:
                pass  # that instance has not bound its port yet, or has ended: a lost frame
