"""frame_flood.py — deterministic malformed Ethernet frames for flooding a NIC.

A FrameFlood turns a seed into an endless, repeatable stream of hostile frames
aimed at one machine (its MAC and IPv4 address): the same seed always gives the
same frames, so a failure found by a flood is reproduced by its seed and index.
Each frame belongs to a family, picked in turn:

    ethernet  truncated headers (1..13 bytes), runts, oversized frames (up to 9000
              bytes), odd EtherTypes, stacked VLAN tags, multicast sources
    arp       truncated packets, wrong hardware/protocol sizes, unknown operations,
              requests from broadcast or zero addresses, gratuitous replies
    ipv4      bad versions and header lengths, total lengths past or short of the
              frame, bad header checksums, garbage options, overlapping and
              out-of-range fragments, unknown protocols
    icmp      truncated, bad checksums, unknown types, oversized echo requests,
              errors quoting garbage
    udp       lengths past or short of the datagram, bad checksums, port 0
    tcp       SYN floods from random sources, data offsets under 5 or past the
              segment, every flag at once, options of length 0 or 1, truncated MSS
    random    random bytes of a random length

Valid checksums are computed where the point is a well-formed but hostile packet
and spoiled where it is not. No frame is empty: a wire carries no such thing, and
QEMU's dgram netdev takes an empty datagram for the end of the connection and
stops reading its socket for good. Generation is pure (no I/O); pacing is the
caller's. Used by tests/system/test_frame_flood.py against netdrv;
the same flood can be aimed at the TCP/IP server or httpd by their address.

Entry points:
    FAMILIES                             the family names, in turn order
    FrameFlood(seed, target_mac, target_ip, source_mac=..., source_ip=...)
        .frames(count) -> iterator of (family, bytes)
    ipv4_checksum(data) -> int           the Internet checksum (RFC 1071)
"""
from __future__ import annotations

import random
import struct
from typing import Iterator

FAMILIES = ("ethernet", "arp", "ipv4", "icmp", "udp", "tcp", "random")
ETHERTYPE_IPV4, ETHERTYPE_ARP, ETHERTYPE_VLAN = 0x0800, 0x0806, 0x8100
PROTOCOL_ICMP, PROTOCOL_TCP, PROTOCOL_UDP = 1, 6, 17
MAX_FRAME = 1514
LARGEST = 9000


def ipv4_checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def mac_bytes(text: str) -> bytes:
    return bytes(int(part, 16) for part in text.split(":"))


def ip_bytes(text: str) -> bytes:
    return bytes(int(part) for part in text.split("."))


class FrameFlood:
    def __init__(self, seed: int, target_mac: str, target_ip: str,
                 source_mac: str = "02:00:00:00:00:01", source_ip: str = "10.0.0.250"):
        self._random = random.Random(seed)
        self._target_mac, self._target_ip = mac_bytes(target_mac), ip_bytes(target_ip)
        self._source_mac, self._source_ip = mac_bytes(source_mac), ip_bytes(source_ip)
        self._makers = {"ethernet": self._ethernet, "arp": self._arp, "ipv4": self._ipv4,
                        "icmp": self._icmp, "udp": self._udp, "tcp": self._tcp, "random": self._random_bytes}

    def frames(self, count: int) -> Iterator[tuple[str, bytes]]:
        for index in range(count):
            family = FAMILIES[index % len(FAMILIES)]
            frame = self._makers[family]()
            yield family, frame if frame else b"\xff"

    # -- helpers --------------------------------------------------------------
    def _bytes(self, length: int) -> bytes:
        return self._random.randbytes(length)

    def _chance(self, probability: float) -> bool:
        return self._random.random() < probability

    def _destination(self) -> bytes:
        return self._random.choice([self._target_mac, b"\xff" * 6, b"\x01\x00\x5e\x00\x00\x01"])

    def _source(self) -> bytes:
        return self._source_mac if self._chance(0.7) else self._bytes(6)

    def _ethernet_header(self, ethertype: int) -> bytes:
        return self._destination() + self._source() + struct.pack("!H", ethertype)

    def _truncate_maybe(self, frame: bytes) -> bytes:
        """A quarter of the frames lose a random tail (a header cut anywhere)."""
        if self._chance(0.25):
            return frame[: self._random.randrange(0, len(frame) + 1)]
        return frame

    # -- families -------------------------------------------------------------
    def _ethernet(self) -> bytes:
        kind = self._random.randrange(6)
        if kind == 0:
            return self._bytes(self._random.randrange(1, 14))  # not even a header
        if kind == 1:
            return self._ethernet_header(self._random.randrange(0x10000)) + self._bytes(self._random.randrange(0, 46))
        if kind == 2:
            size = self._random.randrange(MAX_FRAME + 1, LARGEST + 1)
            return self._ethernet_header(ETHERTYPE_IPV4) + self._bytes(size - 14)
        if kind == 3:
            tags = b"".join(struct.pack("!HH", ETHERTYPE_VLAN, self._random.randrange(0x10000))
                            for _ in range(self._random.randrange(1, 8)))
            return self._ethernet_header(ETHERTYPE_VLAN)[:12] + tags + self._bytes(self._random.randrange(0, 64))
        if kind == 4:
            return self._destination() + b"\x01" + self._bytes(5) + struct.pack("!H", ETHERTYPE_IPV4) + self._bytes(40)
        return self._ethernet_header(self._random.randrange(0, 0x600)) + self._bytes(self._random.randrange(0, 1501))

    def _arp(self) -> bytes:
        hardware, protocol = 1, ETHERTYPE_IPV4
        hlen, plen, operation = 6, 4, self._random.choice([1, 2, 1, 2, 0, 3, 0xFFFF])
        if self._chance(0.3):
            hlen, plen = self._random.randrange(256), self._random.randrange(256)
        if self._chance(0.2):
            hardware, protocol = self._random.randrange(0x10000), self._random.randrange(0x10000)
        sender_mac = self._random.choice([self._source_mac, b"\xff" * 6, b"\0" * 6, self._target_mac])
        sender_ip = self._random.choice([self._source_ip, b"\0" * 4, b"\xff" * 4, self._target_ip])
        target_ip = self._random.choice([self._target_ip, self._source_ip, self._bytes(4)])
        body = struct.pack("!HHBBH", hardware, protocol, hlen, plen, operation)
        body += sender_mac + sender_ip + self._bytes(6) + target_ip
        body += self._bytes(self._random.randrange(0, 32))
        return self._truncate_maybe(self._ethernet_header(ETHERTYPE_ARP) + body)

    def _ipv4_source(self) -> bytes:
        return self._random.choice([self._source_ip, self._bytes(4), b"\xff" * 4, b"\xe0\0\0\1"])

    def _ipv4_packet(self, protocol: int, payload: bytes, spoil: bool, source: bytes) -> bytes:
        """An IPv4 header in front of `payload`; with `spoil`, one field is made wrong."""
        version_ihl, total, flags_fragment = 0x45, 20 + len(payload), 0
        options, checksum_ok = b"", True
        if spoil:
            fault = self._random.randrange(7)
            if fault == 0:
                version_ihl = (self._random.randrange(16) << 4) | 5
            elif fault == 1:
                version_ihl = 0x40 | self._random.randrange(0, 5)  # header length under 20 bytes
            elif fault == 2:
                version_ihl = 0x40 | self._random.randrange(6, 16)
                options = self._bytes((version_ihl & 0xF) * 4 - 20)
                if self._chance(0.5):
                    options = options[: self._random.randrange(len(options) + 1)]  # the header runs past the data
            elif fault == 3:
                total = self._random.choice([0, 19, total + self._random.randrange(1, 2000), 0xFFFF])
            elif fault == 4:
                checksum_ok = False
            elif fault == 5:  # a fragment: more-fragments and/or an offset, possibly past 64 KiB
                flags_fragment = (self._random.choice([0x2000, 0x0000, 0x6000])
                                  | self._random.randrange(0x2000))
            else:
                protocol = self._random.randrange(256)
        header = struct.pack("!BBHHHBBH4s4s", version_ihl, 0, total & 0xFFFF, self._random.randrange(0x10000),
                             flags_fragment, self._random.choice([0, 1, 64, 255]), protocol, 0,
                             source, self._target_ip) + options
        checksum = ipv4_checksum(header)
        if not checksum_ok:
            checksum ^= 1 + self._random.randrange(0xFFFF)
        header = header[:10] + struct.pack("!H", checksum & 0xFFFF) + header[12:]
        return header + payload

    def _ipv4(self) -> bytes:
        payload = self._bytes(self._random.randrange(0, 1480))
        packet = self._ipv4_packet(self._random.randrange(256), payload, True, self._ipv4_source())
        return self._truncate_maybe(self._ethernet_header(ETHERTYPE_IPV4) + packet)

    def _transport(self, protocol: int, segment: bytes, checksum_at: int) -> bytes:
        """`segment` with its checksum right or spoilt (UDP and TCP cover a pseudo-header,
        ICMP only itself), in IPv4 and Ethernet, from a random source (a SYN flood comes
        from everywhere)."""
        source = self._ipv4_source()
        if len(segment) >= checksum_at + 2:
            pseudo = b"" if protocol == PROTOCOL_ICMP else (
                source + self._target_ip + struct.pack("!BBH", 0, protocol, len(segment)))
            checksum = ipv4_checksum(pseudo + segment[:checksum_at] + b"\0\0" + segment[checksum_at + 2:])
            if self._chance(0.5):
                checksum ^= 0x5A5A
            segment = segment[:checksum_at] + struct.pack("!H", checksum) + segment[checksum_at + 2:]
        packet = self._ipv4_packet(protocol, segment, self._chance(0.2), source)
        return self._truncate_maybe(self._ethernet_header(ETHERTYPE_IPV4) + packet)

    def _icmp(self) -> bytes:
        kind = self._random.choice([8, 0, 3, 11, 5, 13, self._random.randrange(256)])
        body = self._bytes(self._random.choice([0, 4, 8, 56, 1472, self._random.randrange(1500)]))
        segment = struct.pack("!BBH", kind, self._random.randrange(256), 0) + body
        return self._transport(PROTOCOL_ICMP, segment, 2)

    def _udp(self) -> bytes:
        payload = self._bytes(self._random.randrange(0, 600))
        length = self._random.choice([8 + len(payload), 0, 7, 8 + len(payload) + self._random.randrange(1, 900)])
        ports = self._random.choice([(0, 0), (53, 53), (self._random.randrange(0x10000), self._random.randrange(0x10000))])
        segment = struct.pack("!HHHH", ports[0], ports[1], length & 0xFFFF, 0) + payload
        return self._transport(PROTOCOL_UDP, segment, 6)

    def _tcp(self) -> bytes:
        flags = self._random.choice([0x02, 0x02, 0x02, 0x12, 0x04, 0x11, 0x3F, 0xFF, 0x00])  # SYN floods most
        offset = self._random.choice([5, 5, 6, 0, 4, 15])
        options = self._random.choice([b"", b"\x02\x04\x05", b"\x00\x00\x00\x00", b"\x01\x00\x01\x00",
                                       b"\x03\x01\x0e\x00", b"\x08\x00\x00\x00", self._bytes(self._random.randrange(0, 40))])
        segment = struct.pack("!HHIIBBHHH", self._random.randrange(0x10000), self._random.choice([80, 23, 0, 65535]),
                              self._random.randrange(1 << 32), self._random.randrange(1 << 32), offset << 4,
                              flags, self._random.randrange(0x10000), 0, self._random.randrange(0x10000))
        segment += options + self._bytes(self._random.choice([0, 0, 1, 100, 1400]))
        return self._transport(PROTOCOL_TCP, segment, 16)

    def _random_bytes(self) -> bytes:
        return self._bytes(self._random.choice([self._random.randrange(0, 64), self._random.randrange(0, 2048)]))
