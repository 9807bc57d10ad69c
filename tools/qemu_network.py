"""qemu_network.py — the network a Neurath instance gets from QEMU.

`./neurath run --net` attaches a virtio-net-pci NIC (legacy/transitional, the
interface netdrv drives) to QEMU user-mode networking, always with
`restrict=on`: the guest reaches nothing outside QEMU's own virtual network
(gateway 10.0.2.2, guest 10.0.2.15). `--forward HOST:GUEST` forwards TCP
connections to 127.0.0.1:HOST on the host into the guest's port GUEST; the
host side binds 127.0.0.1 only, so no traffic leaves the machine. With
restrict=on QEMU's DHCP server gives the guest its address but no gateway,
and QEMU 7.2 drops UDP forwarded this way (hostfwd=udp), so only TCP is
forwarded.

`./neurath cluster` and the malformed-frame flood test attach the NIC to a
`dgram` netdev instead: QEMU binds a UDP port on 127.0.0.1 and exchanges each
Ethernet frame as one datagram with a peer on 127.0.0.1 (the cluster's switch,
lan_switch.py, or the test itself).

Entry points: PortForward, parse_forward(text), network_arguments(forwards),
DatagramLink, datagram_arguments(link), free_port().
"""
from __future__ import annotations

import socket
from dataclasses import dataclass

NETDEV_ID = "n0"


@dataclass(frozen=True)
class PortForward:
    host: int
    guest: int


def _port(text: str, what: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError(f"{what} port must be a number from 1 to 65535, not {text!r}")
    return int(text)


def parse_forward(text: str) -> PortForward:
    """'HOST:GUEST' -> PortForward; ValueError naming what is wrong."""
    host, sep, guest = text.partition(":")
    if not sep:
        raise ValueError(f"a forward is HOST:GUEST (e.g. 8080:80), not {text!r}")
    return PortForward(_port(host, "host"), _port(guest, "guest"))


@dataclass(frozen=True)
class DatagramLink:
    """A NIC whose frames travel as UDP datagrams between QEMU's port `guest_port`
    and a peer's port `peer_port`, both on 127.0.0.1; `mac` is the NIC's address."""
    guest_port: int
    peer_port: int
    mac: str


def datagram_arguments(link: DatagramLink) -> list[str]:
    """QEMU options for a virtio-net-pci NIC on a dgram netdev bound to 127.0.0.1."""
    netdev = (f"dgram,id={NETDEV_ID},local.type=inet,local.host=127.0.0.1,local.port={link.guest_port},"
              f"remote.type=inet,remote.host=127.0.0.1,remote.port={link.peer_port}")
    return ["-netdev", netdev, "-device", f"virtio-net-pci,netdev={NETDEV_ID},mac={link.mac},romfile="]


def network_arguments(forwards: tuple[PortForward, ...] | list[PortForward] = ()) -> list[str]:
    """QEMU options for a restricted user network with a virtio-net-pci NIC."""
    hosts = [f.host for f in forwards]
    if len(set(hosts)) != len(hosts):
        raise ValueError("each host port may be forwarded only once")
    netdev = f"user,id={NETDEV_ID},restrict=on"
    netdev += "".join(f",hostfwd=tcp:127.0.0.1:{f.host}-:{f.guest}" for f in forwards)
    # romfile= : no option ROM (nothing boots from the network; Debian ships none for it).
    return ["-netdev", netdev, "-device", f"virtio-net-pci,netdev={NETDEV_ID},romfile="]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a forward's host side)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
