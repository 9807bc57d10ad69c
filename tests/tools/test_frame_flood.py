"""test_frame_flood.py — the malformed-frame generator and the host end of a dgram NIC:
a seed gives the same frames every time, every family appears, no frame is empty,
the Internet checksum is right, the peer's ARP and ICMP helpers build and answer
requests byte for byte, and raw_tcp's segments carry right checksums and parse back. The flood against a booted machine is tests/system/test_frame_flood.py."""
import socket
import struct

from datagram_peer import arp_reply, arp_request, echo_reply, qemu_receive_queue
from frame_flood import FAMILIES, PROTOCOL_TCP, FrameFlood, ip_bytes, ipv4_checksum, mac_bytes
from raw_tcp import ACK, PSH, Segment, is_tcp_between, tcp_frame

TARGET_MAC, TARGET_IP = "52:54:00:4e:00:01", "10.0.0.1"


def flood(seed, count):
    return list(FrameFlood(seed, TARGET_MAC, TARGET_IP).frames(count))


def test_a_seed_always_gives_the_same_frames_and_another_seed_others():
    assert flood(5, 300) == flood(5, 300)
    assert [f for _, f in flood(5, 300)] != [f for _, f in flood(6, 300)]


def test_every_family_appears_in_turn_and_no_frame_is_empty():
    frames = flood(1, 7000)
    assert [family for family, _ in frames[:7]] == list(FAMILIES)
    assert all(len(frame) >= 1 for _, frame in frames), "an empty datagram would stop QEMU's dgram netdev"
    sizes = [len(frame) for _, frame in frames]
    assert min(sizes) < 14 and max(sizes) > 1514, "truncated headers and oversized frames both occur"


def test_some_transport_checksums_are_right_and_some_spoilt():
    """ICMP frames that were not truncated and carry a plain 20-byte IPv4 header: their
    checksum over the ICMP message is sometimes valid (a hostile but well-formed packet)
    and sometimes not."""
    valid = spoilt = 0
    for family, frame in flood(3, 7000):
        if family != "icmp" or len(frame) < 42 or frame[14] != 0x45:
            continue
        total = struct.unpack("!H", frame[16:18])[0]
        if total != len(frame) - 14:
            continue
        if ipv4_checksum(frame[34:]) == 0:
            valid += 1
        else:
            spoilt += 1
    assert valid > 10 and spoilt > 10


def test_the_internet_checksum_of_a_known_header():
    header = bytes.fromhex("450000730000400040110000c0a80001c0a800c7")
    assert ipv4_checksum(header) == 0xB861


def test_the_peer_answers_an_arp_request_for_its_address_only():
    request = arp_request(mac_bytes(TARGET_MAC), ip_bytes(TARGET_IP), ip_bytes("10.0.0.9"))
    assert len(request) == 60 and request[:6] == b"\xff" * 6
    reply = arp_reply(request, ip_bytes("10.0.0.9"), mac_bytes("02:00:00:00:00:09"))
    assert reply[:6] == mac_bytes(TARGET_MAC) and reply[20:22] == b"\0\2"
    assert reply[28:32] == ip_bytes("10.0.0.9") and reply[38:42] == ip_bytes(TARGET_IP)
    assert arp_reply(request, ip_bytes("10.0.0.8"), mac_bytes("02:00:00:00:00:09")) is None
    assert arp_reply(request[:41], ip_bytes("10.0.0.9"), mac_bytes("02:00:00:00:00:09")) is None


def echo_request(destination: str) -> bytes:
    icmp = b"\x08\0\0\0\x12\x34\0\x01" + b"ping data"
    icmp = icmp[:2] + struct.pack("!H", ipv4_checksum(icmp)) + icmp[4:]
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(icmp), 7, 0, 64, 1, 0, ip_bytes(TARGET_IP),
                         ip_bytes(destination))
    header = header[:10] + struct.pack("!H", ipv4_checksum(header)) + header[12:]
    return mac_bytes("02:00:00:00:00:09") + mac_bytes(TARGET_MAC) + b"\x08\0" + header + icmp


def test_the_peer_answers_an_echo_request_to_its_address_only():
    request = echo_request("10.0.0.9")
    reply = echo_reply(request, ip_bytes("10.0.0.9"))
    assert reply[:6] == mac_bytes(TARGET_MAC) and reply[6:12] == mac_bytes("02:00:00:00:00:09")
    assert reply[26:30] == ip_bytes("10.0.0.9") and reply[30:34] == ip_bytes(TARGET_IP)
    assert ipv4_checksum(reply[14:34]) == 0 and reply[34] == 0
    total = struct.unpack("!H", reply[16:18])[0]
    assert ipv4_checksum(reply[34:14 + total]) == 0 and reply[38:14 + total] == request[38:]
    assert echo_reply(request, ip_bytes("10.0.0.8")) is None
    assert echo_reply(request[:40], ip_bytes("10.0.0.9")) is None


def test_a_raw_tcp_segment_has_right_checksums_and_parses_back():
    source, destination = ip_bytes("10.0.0.9"), ip_bytes(TARGET_IP)
    frame = tcp_frame(mac_bytes("02:00:00:00:00:09"), mac_bytes(TARGET_MAC), source, destination,
                      (40000, 80), 1000, 2000, ACK | PSH, b"GET / HTTP/1.1\r\n\r\n")
    assert is_tcp_between(frame, source, destination) and frame[23] == PROTOCOL_TCP
    assert ipv4_checksum(frame[14:34]) == 0
    segment_length = struct.unpack("!H", frame[16:18])[0] - 20
    pseudo = source + destination + struct.pack("!BBH", 0, PROTOCOL_TCP, segment_length)
    assert ipv4_checksum(pseudo + frame[34:34 + segment_length]) == 0
    segment = Segment(frame)
    assert (segment.ports, segment.seq, segment.ack, segment.flags) == ((40000, 80), 1000, 2000, ACK | PSH)
    assert segment.payload == b"GET / HTTP/1.1\r\n\r\n"


def test_the_receive_queue_of_a_loopback_socket_is_read_from_the_kernel():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        receiver.bind(("127.0.0.1", 0))
        port = receiver.getsockname()[1]
        assert qemu_receive_queue(port) == 0
        sender.sendto(b"x" * 1000, ("127.0.0.1", port))
        assert qemu_receive_queue(port) >= 1000
