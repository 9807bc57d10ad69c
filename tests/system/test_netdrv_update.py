"""test_netdrv_update.py — a live update of netdrv while the TCP/IP server owns the
link and frames arrive: the machine's NIC is a dgram netdev whose peer is this test
(tools/datagram_peer.py) and inet has node1's static address (net.conf). Before the
update the test's ARP request is answered by inet through the old version; netdrv
is updated to /sbin/netdrv.next under inet's open link (same queues, same DMA
buffers); then the test's ARP requests and the guest's ping to the test go through
the new version and inet, a seeded flood of malformed frames shows the new
version's queues keep turning, the frame counters carried over the update count
every frame, and the kernel's frame check at poweroff shows the DMA memory changed
hands without a frame lost."""
import re
import time

import frame_audit
from conftest import lan_node  # noqa: F401  (a fixture)
from datagram_peer import arp_request
from frame_flood import FrameFlood, ip_bytes, mac_bytes

PEER_MAC, PEER_IP = "02:00:00:00:00:09", "10.0.0.9"


def ask_guest(peer, node, sender_ip: str) -> None:
    """The peer asks who has the guest's address (as `sender_ip`) and waits for inet's reply."""
    guest_ip = ip_bytes(node.address)
    peer.send(arp_request(mac_bytes(PEER_MAC), ip_bytes(sender_ip), guest_ip))
    peer.wait_for(lambda f: len(f) >= 42 and f[12:14] == b"\x08\x06" and f[20:22] == b"\0\2"
                  and f[28:32] == guest_ip and f[38:42] == ip_bytes(sender_ip), timeout=60)


def received(session) -> int:
    """Frames netdrv counted as received or dropped; asserts no request was refused."""
    info = session.run_command("ifconfig")
    rx = re.search(r"rx: (\d+) frames, \d+ bytes, (\d+) dropped", info)
    assert rx and "0 refused requests" in info, info
    return int(rx.group(1)) + int(rx.group(2))


def test_an_update_under_inet_keeps_frames_flowing(lan_node):
    session, peer, node = lan_node
    ask_guest(peer, node, "10.0.0.9")  # before: through the old version
    before = received(session)
    text = session.run_command("update netdrv /sbin/netdrv.next", timeout=120)
    assert re.search(r"committed in \d+ us", text), text
    reopened = "inet: netdrv's link opened again"
    ask_guest(peer, node, "10.0.0.10")  # after: the new version delivers to inet, inet's reply goes out
    peer.answer_arp_for(PEER_IP, PEER_MAC)
    peer.answer_ping_for(PEER_IP)
    assert "ping: 2 sent, 2 received" in session.run_command(f"ping {PEER_IP} 2", timeout=60)
    frames = [frame for _, frame in FrameFlood(7, node.mac, node.address).frames(5000)]
    assert peer.inject(frames, deadline=time.monotonic() + 60) == len(frames)
    ask_guest(peer, node, "10.0.0.11")
    # the counters came over with the state: every frame since is added to them
    # (ARP requests, the ping's ARP reply and echo replies, the deliverable flood)
    deliverable = sum(len(f) <= 2038 for f in frames)
    assert received(session) >= before + 2 + 3 + 0.99 * deliverable
    assert reopened not in session.output, "the update lost inet's ownership of the link"
    session.send_line("poweroff")
    session.wait_exit(60)
    audit = frame_audit.parse(session.output)
    assert audit is not None and audit.difference == 0, session.output[-3000:]
