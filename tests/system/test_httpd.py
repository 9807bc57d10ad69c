"""test_httpd.py — httpd serves many connections at once, on a machine booted like
`./neurath run --net --forward PORT:80` with `httpd &` started: an idle keep-alive
connection holds up no other one and stays usable; a client that reads nothing
of eight pipelined large answers holds up nobody and then gets every byte; eight
clients in threads fetch files at the same time; a connection idle for 10 s is
closed while an active one goes on; a request head trickled in a byte a second
is cut off 10 s after its first byte; past 12 served connections a new one is
answered 503 with Retry-After and closed, and once a served connection ends a
new one is served. Every body is compared byte for byte with the boot image.

Host sockets connect to 127.0.0.1 only; every wait is for an event (an answer,
the end of a connection, a line of httpd's output), with a bound."""
import concurrent.futures
import select
import http.client
import socket
import threading
import time

import pytest

from conftest import BOOT_TIMEOUT, boot, boot_image_file, free_port, start_background
from qemu_network import PortForward

ADDRESS_LINE = "inet: address 10.0.2.15/24"
IO_TIMEOUT = 60.0
# Well under httpd's 10 s idle close: an httpd serving one connection at a time
# would keep a second client waiting until the first one is closed.
PROMPT_TIMEOUT = 8.0
IDLE_CLOSE_S = 10.0
MAX_SERVED = 12
SMALL_FILES = ("/etc/system.conf", "/etc/motd", "/bin/ping")
LARGE_FILE = "/sbin/inet"  # 477 KiB
PIPELINED = 8


@pytest.fixture
def httpd():
    """(session, host port forwarded to the guest's port 80) with httpd listening."""
    port = free_port()
    session = boot(network=[PortForward(port, 80)])
    try:
        session.wait_prompt(BOOT_TIMEOUT)
        if ADDRESS_LINE not in session.output:  # DHCP may finish before or after the first prompt
            session.expect(ADDRESS_LINE, BOOT_TIMEOUT)
        start_background(session, "httpd", "httpd: listening on port 80")
        yield session, port
    finally:
        session.close()


def connect(port, timeout=IO_TIMEOUT):
    return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)


def expect_file(connection, path):
    """GET `path` on a keep-alive connection; its body must be the boot image's file."""
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    assert response.status == 200, (path, response.status)
    assert response.getheader("Connection") == "keep-alive", path
    assert body == boot_image_file(path.lstrip("/")), path


def read_until_closed(raw):
    """Everything a raw socket receives until httpd closes the connection."""
    received = bytearray()
    while chunk := raw.recv(65536):
        received.extend(chunk)
    return bytes(received)


def read_head(raw):
    """An answer's head (through the blank line) from a raw socket, for a HEAD request."""
    received = bytearray()
    while not received.endswith(b"\r\n\r\n"):
        chunk = raw.recv(1)
        assert chunk, f"closed after {bytes(received)!r}"
        received.extend(chunk)
    return bytes(received)


def exchange_until_closed(port, request):
    """Sends a raw request and reads until httpd closes the connection: (head, each
    line ending in CRLF; body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT) as raw:
        raw.sendall(request)
        received = read_until_closed(raw)
    head, _, body = received.partition(b"\r\n\r\n")
    return head.decode("latin-1") + "\r\n", body


def test_an_idle_keep_alive_connection_holds_up_no_other(httpd):
    _, port = httpd
    idle = connect(port)
    expect_file(idle, "/etc/system.conf")  # now open and idle
    other = connect(port, timeout=PROMPT_TIMEOUT)
    started = time.monotonic()
    for path in SMALL_FILES:  # small: what is measured is waiting for the idle one, not the transfer
        expect_file(other, path)
    assert time.monotonic() - started < PROMPT_TIMEOUT
    other.close()
    expect_file(idle, "/bin/ping")  # the idle connection is still served
    idle.close()


def read_answer(stream):
    """One answer from a buffered stream of a raw socket: (status line, body)."""
    head = []
    while (line := stream.readline()) not in (b"\r\n", b""):
        head.append(line)
    assert head, "the connection ended before an answer"
    length = next(int(line.split(b":")[1]) for line in head if line.lower().startswith(b"content-length:"))
    return head[0], stream.read(length)


def test_a_client_that_does_not_read_its_large_answers_holds_up_nobody(httpd):
    session, port = httpd
    expected = boot_image_file(LARGE_FILE.lstrip("/"))
    started = f"httpd: {LARGE_FILE} 200"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as slow:
        slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        slow.settimeout(IO_TIMEOUT)
        slow.connect(("127.0.0.1", port))
        # Pipelined: far more answer bytes than TCP and QEMU buffer for a client reading nothing.
        slow.sendall(f"GET {LARGE_FILE} HTTP/1.1\r\nHost: guest\r\n\r\n".encode() * PIPELINED)
        session.expect(started, 30)  # its first answer has started
        other = connect(port, timeout=PROMPT_TIMEOUT)
        expect_file(other, "/etc/system.conf")
        expect_file(other, "/bin/ping")
        other.close()
        assert session.output.count(started) < PIPELINED, "every answer had started: the slow client never stalled"
        stream = slow.makefile("rb")
        for _ in range(PIPELINED):
            status, body = read_answer(stream)
            assert status == b"HTTP/1.1 200 OK\r\n" and body == expected, status
        stream.close()


def test_eight_clients_at_once_each_get_every_byte(httpd):
    _, port = httpd
    clients = 8
    start = threading.Barrier(clients)

    def client(number):
        connection = connect(port)
        start.wait(IO_TIMEOUT)
        paths = [SMALL_FILES[(number + i) % len(SMALL_FILES)] for i in range(len(SMALL_FILES))]
        for path in paths + [LARGE_FILE]:
            expect_file(connection, path)
        connection.close()
        return number

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        finished = [future.result(IO_TIMEOUT * 2) for future in [pool.submit(client, n) for n in range(clients)]]
    assert sorted(finished) == list(range(clients))


def test_an_idle_connection_is_closed_after_10_s_while_an_active_one_goes_on(httpd):
    _, port = httpd
    idle = socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT)
    idle.sendall(b"HEAD /etc/motd HTTP/1.1\r\n\r\n")
    assert read_head(idle).startswith(b"HTTP/1.1 200 OK\r\n")
    idled_from = time.monotonic()
    idle_closed = threading.Event()

    def wait_for_close():
        assert idle.recv(4096) == b""  # httpd closes it: the end of the stream
        idle_closed.set()

    watcher = threading.Thread(target=wait_for_close)
    watcher.start()
    active = connect(port)
    requests = 0
    while not idle_closed.wait(0.5):  # one request every half second until the idle one is closed
        expect_file(active, "/etc/motd")
        requests += 1
        assert time.monotonic() - idled_from < IO_TIMEOUT, "the idle connection was never closed"
    watcher.join(IO_TIMEOUT)
    idle.close()
    assert IDLE_CLOSE_S - 0.5 <= time.monotonic() - idled_from, "closed before its 10 s"
    assert requests >= 3  # it was in use all along (a loaded host makes fewer rounds)
    expect_file(active, "/etc/system.conf")  # its own deadline is later
    active.close()


def test_past_12_connections_a_new_one_gets_503_until_one_ends(httpd):
    session, port = httpd
    first = socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT)
    first.sendall(b"HEAD /etc/motd HTTP/1.1\r\n\r\n")
    assert read_head(first).startswith(b"HTTP/1.1 200 OK\r\n")
    held = [connect(port) for _ in range(MAX_SERVED - 1)]
    for connection in held:  # one after another: each is accepted and served before the next
        expect_file(connection, "/etc/motd")
    head, body = exchange_until_closed(port, b"GET /etc/motd HTTP/1.1\r\n\r\n")
    assert head.startswith("HTTP/1.1 503 Service Unavailable\r\n"), head
    assert "Retry-After: 1\r\n" in head and "Connection: close\r\n" in head, head
    assert f"Content-Length: {len(body)}\r\n" in head and b"503" in body
    head, body = exchange_until_closed(port, b"HEAD /etc/motd HTTP/1.1\r\n\r\n")
    assert head.startswith("HTTP/1.1 503") and body == b"", "still 12 served; HEAD has no page"
    first.sendall(b"GET /etc/system.conf HTTP/1.1\r\nConnection: close\r\n\r\n")
    received = read_until_closed(first)  # httpd closed it: a slot is free
    first.close()
    assert received.endswith(b"\r\n\r\n" + boot_image_file("etc/system.conf"))
    head, body = exchange_until_closed(port, b"GET /etc/motd HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert head.startswith("HTTP/1.1 200 OK\r\n"), head
    assert body == boot_image_file("etc/motd")
    for connection in held:  # every other one is still served
        expect_file(connection, "/bin/ping")
        connection.close()
    assert "httpd: /etc/motd 503" in session.output


def test_a_request_head_trickled_in_is_cut_off_10_s_after_its_first_byte(httpd):
    """A client that sends its head a byte a second never completes it; httpd
    closes the connection 10 s after the first byte, however often more come."""
    _, port = httpd
    trickle = b"GET /etc/motd HTTP/1.1\r\nX-Slow: " + b"a" * 60
    with socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT) as raw:
        started = time.monotonic()
        for sent, byte in enumerate(trickle):
            try:
                raw.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                break
            readable, _, _ = select.select([raw], [], [], 1.0)  # a byte a second, or sooner the close
            if readable and raw.recv(4096) == b"":
                break
        else:
            pytest.fail(f"the connection was still open after {len(trickle)} bytes over {time.monotonic() - started:.0f} s")
    elapsed = time.monotonic() - started
    assert IDLE_CLOSE_S - 0.5 <= elapsed, f"closed after {elapsed:.1f} s, before its 10 s"
    assert sent < len(trickle) - 10, "the head was cut off well before the client was done"
