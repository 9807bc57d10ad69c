"""test_cluster.py — the host side of `./neurath cluster N`: the input grammar, who each
instance is (MAC, address, net.conf), its QEMU command line (a dgram netdev with both
ends on 127.0.0.1, net.conf as a boot module), the switch between the instances
(learning, flooding, refusing strangers), the prefixed output, and a bad script
refused before anything boots. Booting a cluster is tests/system/test_cluster.py."""
import io
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import cluster_nodes
from cluster_run import PrefixedOutput
from cluster_script import Retarget, ScriptError, Type, Wait, parse_script
from lan_switch import LOOPBACK, LanSwitch
from qemu_network import DatagramLink
from qemu_session import BuildPaths, qemu_command

REPO = Path(__file__).resolve().parents[2]


def test_lines_address_one_instance_all_or_the_current_target():
    actions = parse_script(["ps", "@2 arping 10.0.0.1", "@node3 uptime", "@2", "ifconfig",
                            "@wait 1 answering for", "@all", "poweroff"], 3)
    assert actions == [Type((1, 2, 3), "ps"), Type((2,), "arping 10.0.0.1"), Type((3,), "uptime"),
                       Retarget((2,)), Type((2,), "ifconfig"), Wait((1,), "answering for"),
                       Retarget((1, 2, 3)), Type((1, 2, 3), "poweroff")]


@pytest.mark.parametrize("line, reason", [("@4 ps", "no instance '4'"), ("@0 ps", "no instance '0'"),
                                          ("@node9 ps", "no instance 'node9'"), ("@x ps", "no instance 'x'"),
                                          ("@wait 1", "@wait needs"), ("@wait", "@wait needs"),
                                          ("@ ps", "no instance ''")])
def test_a_line_naming_no_instance_is_refused_with_its_number(line, reason):
    with pytest.raises(ScriptError) as refused:
        parse_script(["ps", line], 3)
    assert "input line 2:" in str(refused.value) and reason in str(refused.value)


def test_each_instance_has_its_own_mac_address_and_net_conf(tmp_path):
    nodes = cluster_nodes.nodes(8)
    assert len({node.mac for node in nodes}) == 8
    assert nodes[1].mac == "52:54:00:4e:00:02" and nodes[1].address == "10.0.0.2"
    path = cluster_nodes.write_net_conf(nodes[1], tmp_path)
    assert path.name == "net.conf"
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    assert lines == ["name node2", "address 10.0.0.2/24"]
    for bad in (1, 9, 0):
        with pytest.raises(ValueError):
            cluster_nodes.nodes(bad)


def test_an_instance_boots_with_a_dgram_nic_on_loopback_and_net_conf_as_a_module(tmp_path):
    link = DatagramLink(guest_port=40001, peer_port=40002, mac="52:54:00:4e:00:01")
    command = qemu_command(BuildPaths(Path("/b/target")), lan=link, extra_modules=[tmp_path / "net.conf"])
    netdev = command[command.index("-netdev") + 1]
    assert netdev == ("dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=40001,"
                      "remote.type=inet,remote.host=127.0.0.1,remote.port=40002")
    assert "virtio-net-pci,netdev=n0,mac=52:54:00:4e:00:01,romfile=" in command
    assert command[command.index("-initrd") + 1].endswith(f",{tmp_path / 'net.conf'}")
    with pytest.raises(ValueError):
        qemu_command(BuildPaths(Path("/b/target")), network=[], lan=link)
    with pytest.raises(ValueError, match="comma"):
        qemu_command(BuildPaths(Path("/b/target")), extra_modules=[Path("/a,b/net.conf")])


def frame(destination: bytes, source: bytes, payload: bytes = b"x" * 46) -> bytes:
    return destination + source + b"\x08\x06" + payload


class FakeGuests:
    """Sockets standing in for the QEMU instances of a switch."""

    def __init__(self, links):
        self.sockets = []
        for link in links:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.bind((LOOPBACK, link.guest_port))
            sock.settimeout(5)
            self.sockets.append(sock)
        self.links = links

    def send(self, index: int, data: bytes) -> None:
        self.sockets[index].sendto(data, (LOOPBACK, self.links[index].peer_port))

    def receive(self, index: int) -> bytes:
        return self.sockets[index].recv(65536)

    def nothing_for(self, index: int) -> bool:
        self.sockets[index].settimeout(0.3)
        try:
            self.sockets[index].recv(65536)
            return False
        except socket.timeout:
            return True
        finally:
            self.sockets[index].settimeout(5)

    def close(self):
        for sock in self.sockets:
            sock.close()


@pytest.fixture
def switched():
    switch = LanSwitch(3)
    links = switch.links(["52:54:00:4e:00:01", "52:54:00:4e:00:02", "52:54:00:4e:00:03"])
    guests = FakeGuests(links)
    switch.start()
    yield switch, guests
    switch.stop()
    guests.close()


def test_the_switch_floods_broadcasts_and_forwards_unicast_to_the_learnt_instance(switched):
    switch, guests = switched
    mac1, mac2 = bytes.fromhex("52540004e001"), bytes.fromhex("525400040002")
    broadcast = frame(b"\xff" * 6, mac1)
    guests.send(0, broadcast)
    assert guests.receive(1) == broadcast and guests.receive(2) == broadcast
    reply = frame(mac1, mac2)
    guests.send(1, reply)
    assert guests.receive(0) == reply, "mac1 was learnt behind instance 1"
    assert guests.nothing_for(2), "a unicast frame for a known address goes to its instance only"
    assert all(link.peer_port != link.guest_port for link in guests.links)


def test_the_switch_drops_datagrams_from_strangers_and_runts(switched):
    switch, guests = switched
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as stranger:
        stranger.bind((LOOPBACK, 0))
        stranger.sendto(frame(b"\xff" * 6, b"\x02" * 6), (LOOPBACK, guests.links[0].peer_port))
    guests.send(0, b"short")
    guests.send(0, frame(b"\xff" * 6, b"\x02\x00\x00\x00\x00\x09"))  # a frame after them still passes
    assert guests.receive(1)[6:12] == b"\x02\x00\x00\x00\x00\x09"
    assert switch.frames_refused == 2


def test_output_becomes_prefixed_lines_and_prompts_show_on_a_terminal():
    stream, lock = io.StringIO(), threading.Lock()
    scripted = PrefixedOutput("node2", lock, show_prompts=False, stream=stream)
    scripted("neurath$ ")
    scripted("ps\nPID NAME\n1 in")
    scripted("it\n")
    assert stream.getvalue() == "node2| neurath$ ps\nnode2| PID NAME\nnode2| 1 init\n"
    terminal_stream = io.StringIO()
    terminal = PrefixedOutput("node1", lock, show_prompts=True, stream=terminal_stream)
    terminal("hello\nneurath$ ")
    assert terminal_stream.getvalue() == "node1| hello\nnode1| neurath$ \n"


def test_a_bad_script_is_refused_before_anything_boots(tmp_path):
    environment = dict(os.environ, NEURATH_BUILD_DIR=str(tmp_path / "no-build"), PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, str(REPO / "neurath"), "cluster", "2", "--no-build"],
                            input="ps\n@3 ps\n", capture_output=True, text=True, env=environment, timeout=60)
    assert result.returncode == 1
    assert "input line 2: no instance '3'" in result.stderr and "nothing was booted" in result.stderr


@pytest.mark.parametrize("count", ["1", "9", "x"])
def test_a_cluster_size_outside_two_to_eight_is_refused(count):
    result = subprocess.run([sys.executable, str(REPO / "neurath"), "cluster", count, "--no-build"],
                            input="", capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "cluster" in result.stderr
