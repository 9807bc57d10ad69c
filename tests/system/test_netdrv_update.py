"""test_netdrv_update.py — a live update of netdrv while a client waits and frames
arrive: the machine's NIC is a dgram netdev whose peer is this test
(tools/datagram_peer.py), /test/arp-answer owns the link and waits in a Receive that
netdrv holds. netdrv is updated to /sbin/netdrv.next under it; the held Receive goes
to the new version with the state, and the next frame, written by the device into
the same DMA buffers, answers it: the test's ARP request gets its reply. Then a
seeded flood of malformed frames shows the new version's queues keep turning, and
the kernel's frame check at poweroff shows the DMA memory changed hands without a
frame lost."""
import re
import time

import pytest

import frame_audit
from conftest import BOOT_TIMEOUT, boot, start_background
from datagram_peer import DatagramPeer, arp_request
from frame_flood import FrameFlood, ip_bytes, mac_bytes

GUEST_MAC, GUEST_IP = "52:54:00:4e:00:01", "10.0.0.1"
PEER_MAC, PEER_IP = "02:00:00:00:00:09", "10.0.0.9"


@pytest.fixture
def peered():
    with DatagramPeer() as peer:
        session = boot(lan=peer.link(GUEST_MAC))
        try:
            session.wait_prompt(BOOT_TIMEOUT)
            yield session, peer
        finally:
            session.close()


def ask_guest(peer, sender_ip: str):
    """The peer asks who has GUEST_IP (as `sender_ip`) and waits for arp-answer's reply."""
    peer.send(arp_request(mac_bytes(PEER_MAC), ip_bytes(sender_ip), ip_bytes(GUEST_IP)))
    peer.wait_for(lambda f: len(f) >= 42 and f[20:22] == b"\0\2" and f[38:42] == ip_bytes(sender_ip), timeout=60)


def test_an_update_under_a_waiting_receive_keeps_frames_flowing(peered):
    session, peer = peered
    start_background(session, f"/test/arp-answer {GUEST_IP}", f"arp-answer: answering for {GUEST_IP}")
    ask_guest(peer, "10.0.0.9")  # before: arp-answer answers, then waits in a Receive netdrv holds
    text = session.run_command("update netdrv /sbin/netdrv.next", timeout=120)
    assert re.search(r"committed in \d+ us", text), text
    ask_guest(peer, "10.0.0.10")  # after: the held Receive, now the new version's, gets the frame
    frames = [frame for _, frame in FrameFlood(7, GUEST_MAC, GUEST_IP).frames(5000)]
    assert peer.inject(frames, deadline=time.monotonic() + 60) == len(frames)
    ask_guest(peer, "10.0.0.11")
    info = session.run_command("ifconfig")
    rx = re.search(r"rx: (\d+) frames, \d+ bytes, (\d+) dropped", info)
    assert rx and int(rx.group(1)) + int(rx.group(2)) >= 3 + 0.99 * sum(len(f) <= 2038 for f in frames), info
    assert "0 refused requests" in info, info
    session.send_line("poweroff")
    session.wait_exit(60)
    audit = frame_audit.parse(session.output)
    assert audit is not None and audit.difference == 0, session.output[-3000:]
