"""raw_udp.py — UDP datagrams spoken in raw Ethernet frames through a DatagramPeer.

With the host as the other end of a guest NIC's `dgram` netdev (datagram_peer.py)
there is no host UDP/IP stack in between: a test that wants UDP with a guest program
(echod -u) builds the frames itself. The peer must answer the guest's ARP requests
for our address (DatagramPeer.answer_arp_for).

Entry points:
    udp_frame(source_mac, destination_mac, source_ip, destination_ip, ports, payload)
        -> one Ethernet frame holding an IPv4 UDP datagram with right checksums
    udp_payload(frame, source_ip, ports) -> the payload if `frame` is a UDP datagram
        from source_ip with those (source, destination) ports, else None
"""
from __future__ import annotations

import struct

from frame_flood import ETHERTYPE_IPV4, PROTOCOL_UDP, ipv4_checksum


def udp_frame(source_mac: bytes, destination_mac: bytes, source_ip: bytes, destination_ip: bytes,
              ports: tuple[int, int], payload: bytes) -> bytes:
    length = 8 + len(payload)
    pseudo = source_ip + destination_ip + struct.pack("!BBH", 0, PROTOCOL_UDP, length)
    header = struct.pack("!HHHH", ports[0], ports[1], length, 0)
    checksum = ipv4_checksum(pseudo + header + payload) or 0xFFFF
    datagram = header[:6] + struct.pack("!H", checksum) + payload
    ip_header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + length, 0, 0x4000, 64, PROTOCOL_UDP, 0,
                            source_ip, destination_ip)
    ip_header = ip_header[:10] + struct.pack("!H", ipv4_checksum(ip_header)) + ip_header[12:]
    return destination_mac + source_mac + struct.pack("!H", ETHERTYPE_IPV4) + ip_header + datagram


def udp_payload(frame: bytes, source_ip: bytes, ports: tuple[int, int]) -> bytes | None:
    if len(frame) < 42 or struct.unpack("!H", frame[12:14])[0] != ETHERTYPE_IPV4 or frame[23] != PROTOCOL_UDP:
        return None
    header_length = (frame[14] & 0x0F) * 4
    udp = frame[14 + header_length:]
    if frame[26:30] != source_ip or struct.unpack("!HH", udp[:4]) != ports:
        return None
    return udp[8:struct.unpack("!H", udp[4:6])[0]]
