"""raw_tcp.py — one small TCP exchange spoken in raw Ethernet frames through a DatagramPeer.

When the host is the other end of a guest NIC's `dgram` netdev (datagram_peer.py)
there is no host TCP/IP stack between them, so a test that wants to talk TCP to
a guest server (httpd after a flood, say) builds the segments itself. This is
deliberately the least TCP that works against lwIP: one connection, the
handshake, one request segment, in-order data acknowledged as it comes, until
the guest's FIN. No retransmission: on the loopback wire nothing is lost, and a
missing segment shows as a timeout naming what was awaited. The peer must answer
the guest's ARP requests for our address (DatagramPeer.answer_arp_for).

Entry points:
    RawTcpClient(peer, our_mac, our_ip, guest_mac, guest_ip, our_port=40000)
        .exchange(guest_port, request, timeout) -> everything the guest sent before its FIN
    tcp_frame(...) -> one Ethernet frame holding an IPv4 TCP segment with right checksums
"""
from __future__ import annotations

import struct
import time

from frame_flood import ETHERTYPE_IPV4, PROTOCOL_TCP, ip_bytes, ipv4_checksum, mac_bytes

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
WINDOW = 65535
MSS_OPTION = b"\x02\x04\x05\xb4"  # MSS 1460


def tcp_frame(source_mac: bytes, destination_mac: bytes, source_ip: bytes, destination_ip: bytes,
              ports: tuple[int, int], seq: int, ack: int, flags: int, payload: bytes = b"",
              options: bytes = b"") -> bytes:
    offset = (20 + len(options)) // 4
    header = struct.pack("!HHIIBBHHH", ports[0], ports[1], seq, ack, offset << 4, flags, WINDOW, 0, 0) + options
    pseudo = source_ip + destination_ip + struct.pack("!BBH", 0, PROTOCOL_TCP, len(header) + len(payload))
    checksum = ipv4_checksum(pseudo + header + payload)
    segment = header[:16] + struct.pack("!H", checksum) + header[18:] + payload
    ip_header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(segment), 0, 0x4000, 64, PROTOCOL_TCP, 0,
                            source_ip, destination_ip)
    ip_header = ip_header[:10] + struct.pack("!H", ipv4_checksum(ip_header)) + ip_header[12:]
    frame = destination_mac + source_mac + struct.pack("!H", ETHERTYPE_IPV4) + ip_header + segment
    return frame + bytes(max(0, 60 - len(frame)))


class Segment:
    """A TCP segment the guest sent, decoded from its frame."""

    def __init__(self, frame: bytes):
        ip_length = (frame[14] & 0xF) * 4
        total = struct.unpack("!H", frame[16:18])[0]
        tcp = frame[14 + ip_length:14 + total]
        self.ports = struct.unpack("!HH", tcp[0:4])
        self.seq, self.ack = struct.unpack("!II", tcp[4:12])
        self.flags = tcp[13]
        self.payload = tcp[(tcp[12] >> 4) * 4:]


def is_tcp_between(frame: bytes, source_ip: bytes, destination_ip: bytes) -> bool:
    return (len(frame) >= 54 and frame[12:14] == struct.pack("!H", ETHERTYPE_IPV4)
            and frame[23] == PROTOCOL_TCP and frame[26:30] == source_ip and frame[30:34] == destination_ip)


class RawTcpClient:
    def __init__(self, peer, our_mac: str, our_ip: str, guest_mac: str, guest_ip: str, our_port: int = 40000):
        self._peer = peer
        self._our_mac, self._our_ip = mac_bytes(our_mac), ip_bytes(our_ip)
        self._guest_mac, self._guest_ip = mac_bytes(guest_mac), ip_bytes(guest_ip)
        self._our_port = our_port

    def exchange(self, guest_port: int, request: bytes, timeout: float = 60.0) -> bytes:
        """Connect to guest_port, send `request`, acknowledge what comes back in order,
        return it all once the guest closes (FIN). TimeoutError names what never came."""
        deadline = time.monotonic() + timeout
        ports = (self._our_port, guest_port)
        seq = 1_000_000
        self._send(ports, seq, 0, SYN, options=MSS_OPTION)
        reply = self._next(ports, lambda s: s.flags & (SYN | ACK) == SYN | ACK and s.ack == seq + 1,
                           "the SYN-ACK", deadline)
        seq, expected = seq + 1, (reply.seq + 1) & 0xFFFFFFFF
        self._send(ports, seq, expected, ACK | PSH, request)
        seq += len(request)
        received = bytearray()
        while True:
            segment = self._next(ports, lambda s, at=expected: s.seq == at and (s.payload or s.flags & FIN),
                                 f"data at byte {len(received)} or the FIN", deadline)
            received += segment.payload
            expected = (expected + len(segment.payload) + (1 if segment.flags & FIN else 0)) & 0xFFFFFFFF
            self._send(ports, seq, expected, ACK)
            if segment.flags & FIN:
                self._send(ports, seq, expected, FIN | ACK)
                return bytes(received)

    def _send(self, ports, seq: int, ack: int, flags: int, payload: bytes = b"", options: bytes = b"") -> None:
        self._peer.send(tcp_frame(self._our_mac, self._guest_mac, self._our_ip, self._guest_ip, ports,
                                  seq, ack, flags, payload, options))

    def _next(self, ports, wanted, what: str, deadline: float) -> Segment:
        def matches(frame: bytes) -> bool:
            if not is_tcp_between(frame, self._guest_ip, self._our_ip):
                return False
            segment = Segment(frame)
            return segment.ports == (ports[1], ports[0]) and not segment.flags & RST and bool(wanted(segment))
        try:
            return Segment(self._peer.wait_for(matches, timeout=max(0.0, deadline - time.monotonic())))
        except TimeoutError as error:
            raise TimeoutError(f"TCP to port {ports[1]}: waiting for {what}: {error}") from None
