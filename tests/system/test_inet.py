"""test_inet.py — the TCP/IP server (inet, lwIP) on a machine booted like
`./neurath run --net --forward ...`: DHCP from QEMU's user network gives the
guest 10.0.2.15; ping reaches the gateway; the host fetches files from httpd
through a forwarded port and compares them byte for byte with the boot image;
4 MiB echoed over TCP come back exact (QEMU's restricted user network drops
forwarded UDP, so UDP is not driven from the host here); a crashed inet is
restarted by rs and serves new connections; ports below 1024 need the
profile permission; nc and echod talk over TCP and UDP inside the guest
(lwIP loops traffic to the guest's own address back); sockets belong to their process (another one is refused,
and the sockets of a process that ends are closed); a `net.conf` boot module
sets a static address, and a malformed one leaves the interface unconfigured
with the line at fault named.

Host sockets bind and connect to 127.0.0.1 only; every wait is for an event
(a line of output, a reply), with a bound."""
import http.client
import os
import re
import socket
import threading

import pytest

from conftest import BOOT_TIMEOUT, boot, boot_image_file, build_paths, free_port
from qemu_network import PortForward
from qemu_session import QemuSession, qemu_command

ADDRESS_LINE = "inet: address 10.0.2.15/24"
IO_TIMEOUT = 60.0


@pytest.fixture
def machine(request):
    """A networked machine with TCP forwards from request.param: {name: guest port};
    yields (session, {name: host port}) once DHCP has configured the address."""
    wanted = getattr(request, "param", {})
    ports = {name: free_port() for name in wanted}
    forwards = [PortForward(ports[name], guest) for name, guest in wanted.items()]
    session = boot(network=forwards)
    try:
        session.wait_prompt(BOOT_TIMEOUT)
        if ADDRESS_LINE not in session.output:  # DHCP may finish before or after the first prompt
            session.expect(ADDRESS_LINE, BOOT_TIMEOUT)
        yield session, ports
    finally:
        session.close()


def start_job(session, line, ready):
    """Start `line` as a background job and wait until it printed `ready`."""
    session.send_line(line + " &")
    session.expect(ready, 30)


def tcp_echo(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT) as connection:
        received = bytearray()

        def reader():
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    return
                received.extend(chunk)

        thread = threading.Thread(target=reader)
        thread.start()
        connection.sendall(data)
        connection.shutdown(socket.SHUT_WR)
        thread.join(IO_TIMEOUT)
        assert not thread.is_alive(), f"echo did not end; {len(received)} of {len(data)} bytes back"
    return bytes(received)


def test_dhcp_configures_the_address_and_ping_reaches_the_gateway(machine):
    session, _ = machine
    text = session.run_command("ifconfig")
    assert re.search(r"inet 10\.0\.2\.15/24 .*\(dhcp\)", text), text
    text = session.run_command("ping 10.0.2.2 3", timeout=30)
    assert "ping: 3 sent, 3 received" in text, text
    assert re.search(r"64 bytes from 10\.0\.2\.2: seq=1 ttl=\d+ time=\d+\.\d{3} ms", text), text
    text = session.run_command("ping 10.0.2.77 1", timeout=30)
    assert "ping: 10.0.2.77 seq=1: timed out" in text and "1 sent, 0 received" in text, text


@pytest.mark.parametrize("machine", [{"http": 80}], indirect=True)
def test_httpd_serves_boot_image_files_with_keep_alive_and_correct_errors(machine):
    session, ports = machine
    start_job(session, "httpd", "httpd: listening on port 80")
    connection = http.client.HTTPConnection("127.0.0.1", ports["http"], timeout=IO_TIMEOUT)
    for path in ("/etc/system.conf", "/bin/ping"):
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200 and response.getheader("Connection") == "keep-alive"
        assert int(response.getheader("Content-Length")) == len(body)
        assert body == boot_image_file(path.lstrip("/")), path
    connection.request("HEAD", "/etc/system.conf")
    response = connection.getresponse()
    assert response.status == 200 and response.read() == b""
    assert int(response.getheader("Content-Length")) == len(boot_image_file("etc/system.conf"))
    connection.request("GET", "/no/such/file")
    response = connection.getresponse()
    assert response.status == 404 and int(response.getheader("Content-Length")) == len(response.read())
    connection.request("POST", "/etc/system.conf")
    response = connection.getresponse()
    assert response.status == 405 and response.getheader("Allow") == "GET, HEAD"
    response.read()
    connection.request("GET", "/" + "a" * 300)
    response = connection.getresponse()
    assert response.status == 414 and response.getheader("Connection") == "close"
    response.read()
    connection.close()
    with socket.create_connection(("127.0.0.1", ports["http"]), timeout=IO_TIMEOUT) as raw:
        raw.sendall(b"this is not http\r\n\r\n")
        answer = raw.recv(4096)
        assert answer.startswith(b"HTTP/1.1 400 Bad Request\r\n"), answer


@pytest.mark.parametrize("machine", [{"echo": 7000}], indirect=True)
def test_four_mib_echoed_over_tcp_come_back_byte_for_byte(machine):
    session, ports = machine
    start_job(session, "echod 7000 1", "echod: listening on tcp")
    data = os.urandom(4 << 20)
    assert tcp_echo(ports["echo"], data) == data
    session.expect("echod: 4194304 bytes echoed", 30)


@pytest.mark.parametrize("machine", [{"echo": 7000}], indirect=True)
def test_a_crashed_inet_is_restarted_and_new_connections_work(machine):
    session, ports = machine
    text = session.run_command("service crash inet")
    assert "rs: restarted inet at endpoint 7" in text or session.expect("rs: restarted inet", 30)
    if ADDRESS_LINE not in text.split("rs: restarted inet", 1)[-1]:  # the new inet configures it again
        session.expect(ADDRESS_LINE, BOOT_TIMEOUT)
    assert re.search(r"inet\s+7\s+running\s+1\b", session.run_command("service list")), "restart count"
    start_job(session, "echod 7000 1", "echod: listening on tcp")
    data = os.urandom(64 * 1024)
    assert tcp_echo(ports["echo"], data) == data
    assert "3 sent, 3 received" in session.run_command("ping 10.0.2.2 3", timeout=30)


def test_ports_below_1024_need_the_profile_permission(machine):
    session, _ = machine
    text = session.run_command("echod 80")
    assert "echod: bind: permission denied" in text, text
    start_job(session, "httpd", "httpd: listening on port 80")  # the netserver profile may


@pytest.mark.parametrize("machine", [{"echo": 7000}], indirect=True)
def test_sockets_belong_to_their_process(machine):
    session, ports = machine
    start_job(session, "echod 7000", "echod: listening on tcp")
    text = session.run_command("/test/net-foreign", timeout=60)
    assert re.search(r"net-foreign: \d+ refused, 0 accepted; own socket works", text), text
    data = os.urandom(4096)
    assert tcp_echo(ports["echo"], data) == data  # echod's listening socket was left alone
    assert re.search(r"sockets: 1 open", session.run_command("ifconfig")), "echod's listener"
    pid = re.search(r"^\s*(\d+)\s+\d+\s+\S+\s+\S+\s+\d+\s+echod", session.run_command("ps"), re.M)
    assert pid, "echod in ps"
    session.run_command(f"kill {pid.group(1)}")
    assert re.search(r"sockets: 0 open", session.run_command("ifconfig")), "closed when echod ended"


def test_nc_and_echod_talk_over_tcp_and_udp_inside_the_guest(machine):
    session, _ = machine
    start_job(session, "echod 7000", "echod: listening on tcp")
    session.send_line("nc 10.0.2.15 7000")
    session.expect("nc: connected to 10.0.2.15:7000", 30)
    for line in ("hello over tcp", "a second line"):
        session.send_line(line)
        session.expect(line + "\n", 10)  # the console's echo of what was typed
        session.expect(line + "\n", 10)  # the same line back from echod
    session.send_line(".")
    session.expect("echod: 29 bytes echoed", 30)
    session.wait_prompt(30)
    start_job(session, "echod 7001 -u", "echod: listening on udp")
    session.send_line("nc -u 10.0.2.15 7001")
    session.expect("nc: connected to 10.0.2.15:7001", 30)
    session.send_line("one datagram")
    session.expect("one datagram\n", 10)
    session.expect("one datagram\n", 10)
    session.send_line(".")
    session.wait_prompt(30)
    assert "ping: 2 sent, 2 received" in session.run_command("ping 10.0.2.15 2", timeout=30)


@pytest.mark.parametrize("machine", [{"talk": 7002}], indirect=True)
def test_nc_talks_both_ways_at_once(machine):
    """`nc -l` prints what the host sends without waiting for a typed line, and
    sends what is typed without waiting for the host; "." closes our side."""
    session, ports = machine
    session.send_line("nc -l 7002")
    session.expect("nc: listening on tcp port 7002", 30)
    with socket.create_connection(("127.0.0.1", ports["talk"]), timeout=IO_TIMEOUT) as connection:
        session.expect("nc: connection from ", 30)
        for round in range(3):  # the host speaks three times, nothing typed in between
            connection.sendall(f"host line {round}\n".encode())
            session.expect(f"host line {round}\n", 10)
        lines = connection.makefile("rb")
        for typed in ("from the guest", "and again"):
            session.send_line(typed)
            assert lines.readline() == (typed + "\n").encode()
        connection.sendall(b"last words\n")
        session.expect("last words\n", 10)
        session.send_line(".")
        assert lines.readline() == b"", "nc closes its side after a line holding only '.'"
        connection.sendall(b"after the close\n")  # the other direction stays open until the host closes
        session.expect("after the close\n", 10)
        lines.close()  # the socket closes only once its file is closed too
    session.expect("nc: connection closed", 30)
    session.wait_prompt(30)


@pytest.mark.parametrize("machine", [{"kv": 7070}], indirect=True)
def test_kvd_over_tcp_answers_the_host_and_a_checked_load(machine):
    session, ports = machine
    start_job(session, "kvd", "kvd: ready")
    start_job(session, "kvnet", "kvnet: listening on port 7070")
    with socket.create_connection(("127.0.0.1", ports["kv"]), timeout=IO_TIMEOUT) as connection:
        lines = connection.makefile("rwb")
        for command, answer in (("put host.key 42", b"created"), ("get host.key", b"value 42"),
                                ("put host.key 43", b"replaced"), ("del host.key", b"deleted"),
                                ("get host.key", b"error no such file or directory"),
                                ("frobnicate", b"error usage: put <key> <value> | get <key> | del <key> | count")):
            lines.write(command.encode() + b"\n")
            lines.flush()
            assert lines.readline().rstrip(b"\n") == answer, command
        text = session.run_command("kvnetload 10.0.2.15 7070 600", timeout=120)  # a second connection meanwhile
        assert re.search(r"kvnetload: \d+ requests, 0 failures", text), text
        lines.write(b"count\n")
        lines.flush()
        assert lines.readline().rstrip(b"\n") == b"count 0"


def test_a_live_update_of_inet_keeps_its_address_and_serves(machine):
    """lwIP is built with the pass, so its pcbs, pbufs, timers and netif are inet's
    state: `update inet` commits, the new version keeps the DHCP address and the
    link (a TCP stream through it: test_netdrv_update.py) and serves at once."""
    session, _ = machine
    text = session.run_command("update inet /sbin/inet", timeout=120)
    assert re.search(r"committed in \d+ us", text), text
    assert "inet: running as the new version" in session.output
    assert "inet 10.0.2.15/24" in session.run_command("ifconfig")
    assert re.search(r"inet\s+7\s+running\s+0\s", session.run_command("service list"))
    assert "ping: 1 sent, 1 received" in session.run_command("ping 10.0.2.2 1", timeout=30)


def test_clients_that_never_take_answers_do_not_hold_inet(machine):
    session, _ = machine
    text = session.run_command("stallfuzz 100", timeout=120)
    assert "7/7 servers answer promptly" in text, text
    assert "ping: 1 sent, 1 received" in session.run_command("ping 10.0.2.2 1", timeout=30)


def boot_with_net_conf(tmp_path, text):
    """A networked machine with `text` as the boot module net.conf (the last -initrd entry)."""
    conf = tmp_path / "net.conf"
    conf.write_text(text)
    command = qemu_command(build_paths(), network=[])
    at = command.index("-initrd") + 1
    command[at] += f",{conf}"
    return QemuSession(command)


def test_net_conf_sets_a_static_address(tmp_path):
    with boot_with_net_conf(tmp_path, "# static\naddress 10.0.2.15/24\ngateway 10.0.2.2\nname node2\n") as session:
        session.wait_prompt(BOOT_TIMEOUT)
        if "inet: address 10.0.2.15/24 gateway 10.0.2.2 (net.conf)" not in session.output:
            session.expect("inet: address 10.0.2.15/24 gateway 10.0.2.2 (net.conf)", BOOT_TIMEOUT)
        text = session.run_command("ifconfig")
        assert "inet 10.0.2.15/24  gateway 10.0.2.2  (net.conf)  name node2" in text, text
        assert "ping: 2 sent, 2 received" in session.run_command("ping 10.0.2.2 2", timeout=30)


def test_a_malformed_net_conf_is_refused_and_nothing_is_configured(tmp_path):
    with boot_with_net_conf(tmp_path, "address 10.0.2.15/24\ngateway 10.0.2\n") as session:
        session.wait_prompt(BOOT_TIMEOUT)
        refusal = "inet: net.conf line 2: gateway is not a.b.c.d; the interface stays unconfigured"
        if refusal not in session.output:
            session.expect(refusal, BOOT_TIMEOUT)
        text = session.run_command("ifconfig")
        assert "inet: no address (none)" in text, text
        assert "ping: 10.0.2.2 seq=1: no route to host" in session.run_command("ping 10.0.2.2 1", timeout=30)
