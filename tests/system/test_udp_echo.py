"""test_udp_echo.py — UDP between the host and a guest program. QEMU's restricted user
network drops forwarded UDP, so the host speaks UDP on the guest's own Ethernet: the
guest's NIC is a dgram netdev whose peer is this test (the cluster's node1, static
address from net.conf), and the test builds and reads the UDP/IPv4 frames itself
(tools/raw_udp.py). echod -u echoes each datagram to its sender: every payload size
from one byte to a full frame comes back unchanged, checksums and all."""
import random

from conftest import start_background
from conftest import lan_node  # noqa: F401  (a fixture)
from frame_flood import ip_bytes, mac_bytes
from raw_udp import udp_frame, udp_payload

PEER_MAC, PEER_IP = "02:00:00:00:00:09", "10.0.0.9"
ECHO_PORT, OUR_PORT = 7007, 40007
SIZES = (1, 7, 64, 512, 1024, 1472)  # 1472: a whole Ethernet frame's UDP payload


def test_udp_datagrams_from_the_host_come_back_unchanged(lan_node):  # noqa: F811
    session, peer, node = lan_node
    peer.answer_arp_for(PEER_IP, PEER_MAC)
    start_background(session, f"echod {ECHO_PORT} -u {len(SIZES)}", "echod: listening on udp")
    rng = random.Random(20261130)
    for size in SIZES:
        payload = bytes(rng.randrange(256) for _ in range(size))
        peer.send(udp_frame(mac_bytes(PEER_MAC), mac_bytes(node.mac), ip_bytes(PEER_IP), ip_bytes(node.address),
                            (OUR_PORT, ECHO_PORT), payload))
        echoed = peer.wait_for(lambda frame: udp_payload(frame, ip_bytes(node.address), (ECHO_PORT, OUR_PORT)) == payload,
                               timeout=30)
        assert udp_payload(echoed, ip_bytes(node.address), (ECHO_PORT, OUR_PORT)) == payload, size
