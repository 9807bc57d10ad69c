"""cluster_nodes.py — who each instance of `./neurath cluster N` is.

Instance i (1..N) is named node<i>, has the MAC address 52:54:00:4e:00:<i> (a
locally administered unicast address, distinct per instance) and the static
address 10.0.0.<i>/24. Its configuration reaches the guest as a boot module
named `net.conf` (the module's name is the basename of its file), one setting
per line, `#` starting a comment:

    # net.conf of node2 (./neurath cluster)
    name node2
    address 10.0.0.2/24

The TCP/IP server (servers/inet) reads it.

Entry points:
    MIN_INSTANCES, MAX_INSTANCES
    Node(number)                 .name, .mac, .address, .net_conf()
    nodes(count) -> [Node]       ValueError outside MIN..MAX
    write_net_conf(node, folder) -> Path  folder/node<i>/net.conf
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MIN_INSTANCES = 2
MAX_INSTANCES = 8
NETWORK_PREFIX = "10.0.0."
PREFIX_LENGTH = 24
CONFIG_MODULE = "net.conf"


@dataclass(frozen=True)
class Node:
    number: int  # 1-based

    @property
    def name(self) -> str:
        return f"node{self.number}"

    @property
    def mac(self) -> str:
        return f"52:54:00:4e:00:{self.number:02x}"

    @property
    def address(self) -> str:
        return f"{NETWORK_PREFIX}{self.number}"

    def net_conf(self) -> str:
        return (f"# {CONFIG_MODULE} of {self.name} (./neurath cluster)\n"
                f"name {self.name}\n"
                f"address {self.address}/{PREFIX_LENGTH}\n")


def nodes(count: int) -> list[Node]:
    if not MIN_INSTANCES <= count <= MAX_INSTANCES:
        raise ValueError(f"a cluster has {MIN_INSTANCES} to {MAX_INSTANCES} instances, not {count}")
    return [Node(number) for number in range(1, count + 1)]


def write_net_conf(node: Node, folder: Path) -> Path:
    """The node's net.conf in a folder of its own (every module file must be named net.conf)."""
    own = folder / node.name
    own.mkdir()
    path = own / CONFIG_MODULE
    path.write_text(node.net_conf())
    return path
