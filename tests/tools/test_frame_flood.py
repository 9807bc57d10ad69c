"""test_frame_flood.py — the malformed-frame generator and the host end of a dgram NIC:
a seed gives the same frames every time, every family appears, no frame is empty,
the Internet checksum is right, and the peer's ARP helpers build and answer requests
byte for byte. The flood against a booted machine is tests/system/test_frame_flood.py."""
import socket
import struct

from datagram_peer import arp_reply, arp_request, qemu_receive_queue
from frame_flood import FAMILIES, FrameFlood, ip_bytes, ipv4_checksum, mac_bytes

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


def test_the_receive_queue_of_a_loopback_socket_is_read_from_the_kernel():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        receiver.bind(("127.0.0.1", 0))
        port = receiver.getsockname()[1]
        assert qemu_receive_queue(port) == 0
        sender.sendto(b"x" * 1000, ("127.0.0.1", port))
        assert qemu_receive_queue(port) >= 1000
