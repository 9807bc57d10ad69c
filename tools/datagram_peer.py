"""datagram_peer.py — the host as the other end of a guest NIC's `dgram` netdev.

A DatagramPeer owns a UDP socket on 127.0.0.1 and reserves a second port on
127.0.0.1 for QEMU (`.link(mac)` gives the netdev to boot with): every frame the
guest transmits arrives here as one datagram, every datagram sent here reaches
the guest's NIC as one frame. `inject` sends many frames without overrunning
QEMU's socket: it reads how many bytes wait in QEMU's receive queue
(/proc/net/udp) and holds back while the guest is behind, so frames are lost
only where the guest itself drops them. A background thread takes every frame
the guest sends; `answer_arp_for(ip, mac)` makes it reply to ARP requests for
that address (the host as a machine on the LAN), `answer_ping_for(ip)` makes it
answer ICMP echo requests to that address, and `wait_for(predicate)` waits for a
frame the guest sent.

Entry points:
    DatagramPeer()     .link(mac) -> DatagramLink, .inject(frames, deadline) -> count,
                       .send(frame), .answer_arp_for(ip, mac), .answer_ping_for(ip),
                       .wait_for(predicate, timeout),
                       .close(); a context manager
    qemu_receive_queue(port) -> bytes waiting in the receive queue of 127.0.0.1:port
    arp_request(sender_mac, sender_ip, target_ip), arp_reply(request, ip, mac),
    echo_reply(request, ip) -> frames
"""
from __future__ import annotations

import socket
import struct
import threading
import time
from typing import Callable, Iterable

from frame_flood import ETHERTYPE_IPV4, PROTOCOL_ICMP, ipv4_checksum
from lan_switch import LOOPBACK, reserve_udp_port
from qemu_network import DatagramLink

QUEUE_LIMIT = 64 * 1024  # bytes (kernel accounting) in QEMU's queue before injection waits
CHECK_EVERY = 8          # frames sent between two looks at the queue (at most 8 x 9000 bytes more)


def qemu_receive_queue(port: int) -> int:
    """Bytes queued for the UDP socket bound to 127.0.0.1:port (0 if none is bound)."""
    wanted = f"0100007F:{port:04X}"
    with open("/proc/net/udp") as table:
        for line in table.readlines()[1:]:
            fields = line.split()
            if fields[1] == wanted:
                return int(fields[4].split(":")[1], 16)
    return 0


def arp_reply(request: bytes, ip: bytes, mac: bytes) -> bytes | None:
    """The reply to `request` if it is an Ethernet ARP request for `ip`, else None."""
    if len(request) < 42 or request[12:14] != b"\x08\x06" or request[14:22] != b"\0\1\x08\0\6\4\0\1":
        return None
    if request[38:42] != ip:
        return None
    asker_mac, asker_ip = request[22:28], request[28:32]
    reply = asker_mac + mac + b"\x08\x06" + b"\0\1\x08\0\6\4\0\2" + mac + ip + asker_mac + asker_ip
    return reply + bytes(60 - len(reply))


def echo_reply(request: bytes, ip: bytes) -> bytes | None:
    """The ICMP echo reply to `request` if it is a well-formed IPv4 echo request to `ip`
    (no options), else None."""
    if len(request) < 42 or request[12:14] != struct.pack("!H", ETHERTYPE_IPV4) or request[14] != 0x45:
        return None
    total = struct.unpack("!H", request[16:18])[0]
    if request[23] != PROTOCOL_ICMP or request[30:34] != ip or request[34] != 8 or not 28 <= total <= len(request) - 14:
        return None
    icmp = b"\0\0\0\0" + request[38:14 + total]
    icmp = icmp[:2] + struct.pack("!H", ipv4_checksum(icmp)) + icmp[4:]
    header = request[14:22] + b"\x40" + request[23:24] + b"\0\0" + ip + request[26:30]
    header = header[:10] + struct.pack("!H", ipv4_checksum(header)) + header[12:]
    frame = request[6:12] + request[0:6] + request[12:14] + header + icmp
    return frame + bytes(max(0, 60 - len(frame)))


class DatagramPeer:
    def __init__(self):
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind((LOOPBACK, 0))
        self._socket.settimeout(0.1)
        self.guest_port = reserve_udp_port()
        self._guest = (LOOPBACK, self.guest_port)
        self._arp: tuple[bytes, bytes] | None = None
        self._ping: bytes | None = None
        self._received: list[bytes] = []
        self._changed = threading.Condition()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._take_frames, name="datagram-peer", daemon=True)
        self._thread.start()

    def link(self, mac: str) -> DatagramLink:
        return DatagramLink(guest_port=self.guest_port, peer_port=self._socket.getsockname()[1], mac=mac)

    # -- to the guest ---------------------------------------------------------
    def send(self, frame: bytes) -> None:
        self._socket.sendto(frame, self._guest)

    def inject(self, frames: Iterable[bytes], deadline: float) -> int:
        """Sends every frame, paced by QEMU's receive queue; stops at `deadline`
        (time.monotonic()) and returns how many were sent."""
        sent = 0
        for frame in frames:
            if sent % CHECK_EVERY == 0:
                while qemu_receive_queue(self.guest_port) > QUEUE_LIMIT:
                    if time.monotonic() > deadline:
                        return sent
                    time.sleep(0.001)
            self.send(frame)
            sent += 1
        return sent

    # -- from the guest -------------------------------------------------------
    def answer_arp_for(self, ip: str, mac: str) -> None:
        self._arp = (bytes(int(part) for part in ip.split(".")), bytes(int(p, 16) for p in mac.split(":")))

    def answer_ping_for(self, ip: str) -> None:
        self._ping = bytes(int(part) for part in ip.split("."))

    def wait_for(self, predicate: Callable[[bytes], bool], timeout: float = 30.0) -> bytes:
        """The first frame the guest sent (since the peer started) for which predicate holds."""
        with self._changed:
            found = self._changed.wait_for(lambda: next((f for f in self._received if predicate(f)), None),
                                           timeout)
        if found is None:
            raise TimeoutError(f"no such frame from the guest within {timeout:.0f}s "
                               f"({len(self._received)} frames came)")
        return found

    def _take_frames(self) -> None:
        while not self._stopping.is_set():
            try:
                frame, sender = self._socket.recvfrom(65536)
            except (socket.timeout, OSError):
                continue
            if sender != self._guest:
                continue
            if self._arp and (reply := arp_reply(frame, *self._arp)):
                self.send(reply)
            if self._ping and (reply := echo_reply(frame, self._ping)):
                self.send(reply)
            with self._changed:
                self._received.append(frame)
                self._changed.notify_all()

    def close(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        self._socket.close()

    def __enter__(self) -> "DatagramPeer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def arp_request(sender_mac: bytes, sender_ip: bytes, target_ip: bytes) -> bytes:
    """A broadcast "who has target_ip? tell sender_ip", padded to 60 bytes."""
    frame = b"\xff" * 6 + sender_mac + b"\x08\x06" + struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1)
    frame += sender_mac + sender_ip + bytes(6) + target_ip
    return frame + bytes(60 - len(frame))
