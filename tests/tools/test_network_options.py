"""test_network_options.py — the QEMU command line of `./neurath run --net
[--forward HOST:GUEST]...`: user networking always with restrict=on, forwards bound to
127.0.0.1 only, malformed forwards refused before anything is built or started."""
import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

from qemu_network import PortForward, network_arguments, parse_forward
from qemu_session import BuildPaths, qemu_command

ROOT = Path(__file__).resolve().parents[2]


def load_driver():
    loader = importlib.machinery.SourceFileLoader("neurath_driver", str(ROOT / "neurath"))
    spec = importlib.util.spec_from_loader("neurath_driver", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def netdev_of(command):
    return command[command.index("-netdev") + 1]


def test_a_machine_without_net_has_no_nic():
    command = qemu_command(BuildPaths(Path("/b/target")))
    assert "-netdev" not in command and not any("virtio-net" in word for word in command)


def test_net_is_restricted_user_networking_with_a_virtio_nic():
    command = qemu_command(BuildPaths(Path("/b/target")), network=[])
    assert netdev_of(command) == "user,id=n0,restrict=on"
    assert command[command.index("-device", command.index("-netdev")) + 1].startswith("virtio-net-pci,netdev=n0")


def test_forwards_bind_the_loopback_address_only():
    command = qemu_command(BuildPaths(Path("/b/target")),
                           network=[PortForward(8080, 80), PortForward(2222, 22)])
    netdev = netdev_of(command)
    assert netdev.startswith("user,id=n0,restrict=on,")
    forwards = [part for part in netdev.split(",") if part.startswith("hostfwd=")]
    assert forwards == ["hostfwd=tcp:127.0.0.1:8080-:80", "hostfwd=tcp:127.0.0.1:2222-:22"]


@pytest.mark.parametrize("text", ["80", "a:b", "0:80", "8080:70000", ":80", "8080:", "-1:80"])
def test_malformed_forwards_are_refused(text):
    with pytest.raises(ValueError):
        parse_forward(text)


def test_a_host_port_cannot_be_forwarded_twice():
    with pytest.raises(ValueError):
        network_arguments([PortForward(8080, 80), PortForward(8080, 81)])


def test_driver_options_build_the_network():
    driver = load_driver()
    args = driver.parse_arguments(["run", "--net", "--forward", "8080:80", "--forward", "9000:9000"])
    assert args.network == [PortForward(8080, 80), PortForward(9000, 9000)]
    assert driver.parse_arguments(["run"]).network is None
    assert driver.parse_arguments(["run", "--net"]).network == []


@pytest.mark.parametrize("argv", [["run", "--forward", "8080:80"], ["run", "--net", "--forward", "x"],
                                  ["run", "--net", "--forward", "1:2", "--forward", "1:3"]])
def test_driver_refuses_bad_network_options(argv, capsys):
    with pytest.raises(SystemExit):
        load_driver().parse_arguments(argv)
    assert "--forward" in capsys.readouterr().err
