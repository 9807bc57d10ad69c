"""test_cluster.py — `./neurath cluster N` boots N instances on one virtual LAN and
drives them from a script: two instances talk through their TCP/IP servers across the
host's switch (node2 pings node1, then a checked TCP transfer goes from node2 to node1
and another from node1 to node2), each instance has its own MAC address and its
net.conf module (its static address), output lines carry the instance's name, and the
exit status says whether every instance shut down cleanly.

The driver runs on what is built (--no-build); if it overruns, it gets SIGTERM, which
stops every QEMU it started (tests/tools/test_driver_signals.py checks that)."""
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("NEURATH_BUILD_DIR", REPO / "build"))
DEADLINE = 300


def cluster(count: int, script: str, timeout: int = 120) -> subprocess.CompletedProcess:
    if not (BUILD / "target" / "kernel" / "kernel.elf").exists():
        pytest.fail(f"not built: {BUILD}")
    environment = dict(os.environ, NEURATH_BUILD_DIR=str(BUILD), PYTHONDONTWRITEBYTECODE="1")
    driver = subprocess.Popen([sys.executable, str(REPO / "neurath"), "cluster", str(count), "--no-build",
                               "--timeout", str(timeout)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=environment)
    try:
        out, err = driver.communicate(script, timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        driver.send_signal(signal.SIGTERM)  # the driver stops its QEMUs by their PIDs
        out, err = driver.communicate(timeout=60)
        pytest.fail(f"cluster did not finish within {DEADLINE}s:\n{out[-3000:]}\n{err[-2000:]}")
    return subprocess.CompletedProcess(driver.args, driver.returncode, out, err)


TRANSFER_BYTES = 1 << 20


def transfer(sender: int, receiver: int, port: int) -> str:
    """Script lines: a checked TCP transfer from node<sender> to node<receiver>."""
    return (f"@{receiver} netxfer recv {port} &\n"
            f"@wait {receiver} netxfer: listening on tcp port {port}\n"
            f"@{sender} netxfer send 10.0.0.{receiver} {port} {TRANSFER_BYTES}\n"
            f"@wait {receiver} netxfer: received\n")


def test_two_instances_ping_and_transfer_over_tcp_both_ways():
    result = cluster(2, "@wait 1 inet: address 10.0.0.1/24\n"  # net.conf read (before or after the prompt)
                        "@wait 2 inet: address 10.0.0.2/24\n"
                        "@2 ping 10.0.0.1 3\n"
                        + transfer(2, 1, 7001) + transfer(1, 2, 7002) +
                        "@all ifconfig\n"
                        "@all poweroff\n")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    out = result.stdout
    assert "node2| ping: 3 sent, 3 received" in out, out
    assert re.search(r"node2\| 64 bytes from 10\.0\.0\.1: seq=1 ttl=\d+", out), out
    for sender, receiver in ((2, 1), (1, 2)):
        assert f"node{sender}| netxfer: sent {TRANSFER_BYTES} bytes to 10.0.0.{receiver}:" in out, out
        # a background job may print right after the prompt: "node1| neurath$ netxfer: ..."
        assert re.search(rf"node{receiver}\| (neurath\$ )?netxfer: received {TRANSFER_BYTES} bytes "
                         rf"from 10\.0\.0\.{sender}, pattern intact", out), out
    for number in (1, 2):
        assert re.search(rf"node{number}\| net0: virtio-net  link up  mac 52:54:00:4e:00:0{number}", out), out
        assert re.search(rf"node{number}\| .*inet 10\.0\.0\.{number}/24 .*\(net\.conf\)\s+name node{number}",
                         out), out
    assert "neurath: node1 powered off" in result.stderr and "neurath: node2 powered off" in result.stderr


def test_every_instance_has_its_net_conf_and_lines_are_prefixed_by_instance():
    result = cluster(3, "@all echo hello from the lan\n@3 ls /\n")  # input ends: the driver powers them off
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    for number in (1, 2, 3):
        assert f"node{number}| hello from the lan" in result.stdout, result.stdout
        assert re.search(rf"neurath: node{number} 10\.0\.0\.{number} 52:54:00:4e:00:0{number} booting",
                         result.stderr), result.stderr
    assert "node3| " in result.stdout and "bin" in result.stdout


def test_an_instance_that_does_not_shut_down_cleanly_fails_the_run():
    # node2 is told to wait for a text that never comes: it times out and counts as failed,
    # node1 still powers off cleanly.
    result = cluster(2, "@2 echo ready\n@wait 2 this text is never printed\n@1 poweroff\n", timeout=30)
    assert result.returncode != 0
    assert "neurath: node1 powered off" in result.stderr, result.stderr
    assert re.search(r"neurath: node2 failed: waiting for node2 to print", result.stderr), result.stderr


def test_on_a_terminal_lines_go_to_the_chosen_instance_at_once():
    """A terminal (a pseudo-terminal here): `@2` makes node2 the target of plain lines;
    prompts are shown as they appear; `@all poweroff` ends the run."""
    import pty
    import select
    import time
    main, terminal = pty.openpty()
    environment = dict(os.environ, NEURATH_BUILD_DIR=str(BUILD), PYTHONDONTWRITEBYTECODE="1")
    driver = subprocess.Popen([sys.executable, str(REPO / "neurath"), "cluster", "2", "--no-build"],
                              stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environment)
    os.close(terminal)
    output = b""

    def read_until(text: bytes, seconds: float = 120) -> None:
        nonlocal output
        deadline = time.monotonic() + seconds
        while text not in output:
            assert time.monotonic() < deadline and driver.poll() is None, output.decode(errors="replace")[-3000:]
            if select.select([driver.stdout], [], [], 0.2)[0]:
                output += os.read(driver.stdout.fileno(), 4096)

    try:
        read_until(b"node1| neurath$ ")
        read_until(b"node2| neurath$ ")
        os.write(main, b"@2\necho only-two\n")
        read_until(b"node2| only-two\n")
        os.write(main, b"@all poweroff\n")
        read_until(b"node2 powered off")
        assert driver.wait(60) == 0
        assert b"node1| only-two" not in output
    finally:
        if driver.poll() is None:
            driver.send_signal(signal.SIGTERM)  # stops its QEMUs by their PIDs
            driver.wait(60)
        os.close(main)
