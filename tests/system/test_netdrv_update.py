"""test_netdrv_update.py — a live update of netdrv while the TCP/IP server owns the
link and frames arrive: the machine's NIC is a dgram netdev whose peer is this test
(tools/datagram_peer.py) and inet has node1's static address (net.conf). Before the
update the test's ARP request is answered by inet through the old version; netdrv
is updated to /sbin/netdrv.next under inet's open link (same queues, same DMA
buffers); then the test's ARP requests and the guest's ping to the test go through
the new version and inet, a seeded flood of malformed frames shows the new
version's queues keep turning, the frame counters carried over the update count
every frame, and the kernel's frame check at poweroff shows the DMA memory changed
hands without a frame lost.

And a host-side TCP connection held through an update of netdrv and through one of
inet (lwIP's pcbs, pbufs and timers, and the sockets, move to the new version): on a
machine booted like `./neurath run --net --forward`, the test streams a pattern to
echod through the forwarded port without pause from before the update until after
its commit, and every byte comes back once, in order. inet is updated to itself
and to version 2 (/sbin/inet.next), whose sockets have another layout and count
the bytes they move: the carried connection's counts start at the update, a new
connection's are exact. A version 2 that crashes after its transfer rolls back
under the same stream, which goes on through version 1."""
import re
from contextlib import contextmanager

import pytest
import socket
import struct
import threading
import time

import frame_audit
from conftest import BOOT_TIMEOUT, boot, free_port, lan_node, start_background  # noqa: F401  (lan_node: a fixture)
from datagram_peer import arp_request
from frame_flood import FrameFlood, ip_bytes, mac_bytes
from qemu_network import PortForward
from update_helpers import expect_commit, service_table

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


ECHO_PORT = 7000
CHUNK = 16 * 1024
AFTER_COMMIT = 2 << 20  # bytes streamed after the commit
STARTED = 256 * 1024    # bytes echoed before the update is typed
RATE = 2 << 20          # bytes a second at most: the stream's length stays bounded however long the update takes
IO_TIMEOUT = 60.0


def pattern(offset: int, length: int) -> bytes:
    """The stream's bytes [offset, offset+length): an 8-byte big-endian counter per
    8 bytes, so a lost, repeated or reordered chunk shows where it happened."""
    first, last = offset // 8, (offset + length + 7) // 8
    words = struct.pack(f">{last - first}Q", *range(first, last))
    return words[offset - first * 8:offset - first * 8 + length]


class Stream:
    """Sends the pattern to the connection without pause (paced at RATE) until told
    the update committed, then AFTER_COMMIT more bytes, then closes its side; a
    second thread takes the echo and says when STARTED bytes came back."""

    def __init__(self, connection: socket.socket):
        self.connection, self.sent, self.echo = connection, 0, bytearray()
        self.committed, self.started, self.error = threading.Event(), threading.Event(), None
        self._threads = [threading.Thread(target=self._guarded, args=(f,), daemon=True)
                         for f in (self._send, self._receive)]
        for thread in self._threads:
            thread.start()

    def _guarded(self, work) -> None:
        try:
            work()
        except OSError as error:
            self.error = error
            self.started.set()  # nobody waits for what will not come

    def _send(self) -> None:
        stop_at = None
        while stop_at is None or self.sent < stop_at:
            if stop_at is None and self.committed.is_set():
                stop_at = self.sent + AFTER_COMMIT
            self.connection.sendall(pattern(self.sent, CHUNK))
            self.sent += CHUNK
            time.sleep(CHUNK / RATE)
        self.connection.shutdown(socket.SHUT_WR)

    def _receive(self) -> None:
        while chunk := self.connection.recv(65536):
            self.echo.extend(chunk)
            if len(self.echo) >= STARTED:
                self.started.set()
        self.started.set()

    def join(self) -> None:
        for thread in self._threads:
            thread.join(IO_TIMEOUT)
        assert not any(thread.is_alive() for thread in self._threads), \
            f"the stream did not end: {self.sent} sent, {len(self.echo)} echoed"


@contextmanager
def machine_forwarding_to_echod():
    """A machine booted like `./neurath run --net --forward <port>:ECHO_PORT`, DHCP
    done; yields (session, port)."""
    port = free_port()
    with boot(network=[PortForward(port, ECHO_PORT)]) as session:
        session.wait_prompt(BOOT_TIMEOUT)
        session.wait_until(lambda output: "inet: address 10.0.2.15/24" in output, "DHCP", BOOT_TIMEOUT)
        yield session, port


def stream_through_update(session, port: int, update: str, verdict: str = r"committed in \d+ us"):
    """Streams the pattern to a new `echod ECHO_PORT 1` from before `update` is typed
    until AFTER_COMMIT bytes after it returned; asserts its output matches `verdict`
    and every byte came back once, in order. Returns (stream, bytes echoed before the
    update, its output)."""
    start_background(session, f"echod {ECHO_PORT} 1", "echod: listening on tcp")
    with socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT) as connection:
        stream = Stream(connection)
        assert stream.started.wait(IO_TIMEOUT) and stream.error is None, \
            f"{STARTED} bytes did not come back before the update: {stream.error}"
        before = len(stream.echo)
        text = session.run_command(update, timeout=120)
        stream.committed.set()
        stream.join()
    print(f"{stream.sent} bytes streamed, {before} of them echoed before `update` was typed")
    assert re.search(verdict, text), text
    assert stream.error is None, stream.error
    assert len(stream.echo) == stream.sent >= before + AFTER_COMMIT, (len(stream.echo), stream.sent)
    assert stream.echo == pattern(0, stream.sent), "the echo differs from what was sent"
    session.expect(f"echod: {stream.sent} bytes echoed", 30)
    return stream, before, text


@pytest.mark.parametrize("server, binary", [("netdrv", "/sbin/netdrv.next"), ("inet", "/sbin/inet")])
def test_a_host_tcp_stream_through_a_live_update_loses_and_repeats_nothing(server, binary):
    """netdrv hands over the device and its DMA memory; inet hands over lwIP's
    whole state (pcbs, pbufs, timers) and its sockets: the connection goes on.
    (The update of inet to version 2: the next test.)"""
    with machine_forwarding_to_echod() as (session, port):
        stream_through_update(session, port, f"update {server} {binary}")


FRESH_BYTES = 100_000  # a connection made after the update to version 2
UDP_PORT = 7001


def echo_once(port: int, length: int) -> None:
    """Sends `length` bytes of the pattern to echod, closes its side, and checks the echo."""
    with socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT) as connection:
        connection.sendall(pattern(0, length))
        connection.shutdown(socket.SHUT_WR)
        echo = bytearray()
        while chunk := connection.recv(65536):
            echo.extend(chunk)
    assert echo == pattern(0, length), f"{len(echo)} bytes echoed of {length}"


def closed_socket_counts(session, since: str):
    """Waits for inet version 2's one line for a closed TCP socket counted `since`;
    returns (bytes received, bytes sent)."""
    line = re.compile(rf"inet: tcp socket \d+ closed: (\d+) bytes received, (\d+) bytes sent {since}\n")
    output = session.wait_until(lambda text: line.search(text), f"a socket's counts {since}", 30)
    found = line.findall(output)
    assert len(found) == 1, found
    return int(found[0][0]), int(found[0][1])


def test_inet_version_2_counts_the_bytes_of_carried_and_new_sockets():
    """A host TCP stream through `update inet /sbin/inet.next` loses and repeats
    nothing, though version 2 adds byte counters in the middle of each socket (later
    fields move, and so do the sockets lwIP's callback arguments point to). The
    connection carried over counts from the update on (the rules start the added
    fields at 0): at least what the host sent after the commit, at most what it
    sent after the update was typed. Back to version 1 (`update --undo`, the
    counters dropped) and to version 2 again with a round trip, under a listening
    echod: a connection made then counts exactly, and so do a UDP client's and
    echod's datagram sockets."""
    with machine_forwarding_to_echod() as (session, port):
        stream, before, text = stream_through_update(session, port, "update inet /sbin/inet.next")
        versions = re.search(r"load\s+inet\s+/sbin/inet\.next\s+(\w+) -> (\w+)", text)
        assert versions and versions.group(1) != versions.group(2), text
        kept = "inet: running as the new version (version 2), {0} sockets kept, {0} of them counting bytes from now"
        assert kept.format(2) in session.output, session.output[-3000:]
        received, sent = closed_socket_counts(session, "since the update to version 2")
        after_typed = stream.sent - before
        assert AFTER_COMMIT <= received <= after_typed, (received, AFTER_COMMIT, after_typed)
        assert AFTER_COMMIT <= sent <= after_typed, (sent, AFTER_COMMIT, after_typed)

        start_background(session, f"echod {ECHO_PORT} 1", "echod: listening on tcp")
        expect_commit(session, "--undo inet")
        expect_commit(session, "inet /sbin/inet.next --round-trip")
        assert kept.format(1) in session.output, session.output[-3000:]
        echo_once(port, FRESH_BYTES)
        assert closed_socket_counts(session, "since it was opened") == (FRESH_BYTES, FRESH_BYTES)
        session.expect(f"echod: {FRESH_BYTES} bytes echoed", 30)

        # UDP counts too: one 13-byte datagram from nc to echod and back, each
        # socket counting it once each way.
        start_background(session, f"echod {UDP_PORT} -u 1", "echod: listening on udp")
        session.send_line(f"nc -u 10.0.2.15 {UDP_PORT}")
        session.expect(f"nc: connected to 10.0.2.15:{UDP_PORT}", 30)
        session.send_line("one datagram")
        session.expect("one datagram\n", 10)  # the console's echo of the typed line
        session.expect("one datagram\n", 10)  # the datagram back from echod
        session.send_line(".")
        session.wait_prompt(30)
        udp = re.compile(r"inet: udp socket \d+ closed: (\d+) bytes received, (\d+) bytes sent since it was opened\n")
        output = session.wait_until(lambda text: len(udp.findall(text)) == 2, "both UDP sockets' counts", 30)
        assert udp.findall(output) == [("13", "13"), ("13", "13")], udp.findall(output)


def test_a_crash_after_inet_version_2s_transfer_rolls_back_and_the_stream_goes_on():
    """/test/updates/inet-crash-after-transfer is version 2 whose update agent crashes
    once the re-laid-out sockets and lwIP's state are transferred: rs rolls back,
    version 1 resumes with the connection, the stream loses and repeats nothing, and
    inet keeps its endpoint, restart count, pid and version."""
    with machine_forwarding_to_echod() as (session, port):
        before = service_table(session)["inet"]
        stream_through_update(session, port, "update inet /test/updates/inet-crash-after-transfer --timeout 5000",
                              verdict=r"rolled back: inet: .*new version crashed")
        assert service_table(session)["inet"] == before
        assert "inet: running as the new version" not in session.output
        assert re.search(r"inet: tcp socket \d+ closed", session.output) is None, "version 2 served a socket"
