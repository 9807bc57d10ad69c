"""conftest.py — fixtures shared by the QEMU system tests.

`neurath` boots a fresh machine for one test and hands over a QemuSession
positioned after the first shell prompt; the machine is stopped (by PID)
when the test ends, whatever happened. `lan_node` boots a machine whose NIC's
other end is the test (a DatagramPeer) and whose TCP/IP server has the static
address of the cluster's node1 from a net.conf boot module (cluster_nodes.py).
`start_background` starts a background job and waits until it is ready and the
prompt is back. `boot_image_file` reads a file of the boot image; `free_port`
picks a TCP port free on 127.0.0.1 for a forward. Build paths
come from NEURATH_BUILD_DIR, set by ctest.
"""
import os
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))

import cluster_nodes  # noqa: E402
from datagram_peer import DatagramPeer  # noqa: E402
from qemu_network import free_port  # noqa: E402,F401  (the tests' one port picker)
from qemu_session import PROMPT, BuildPaths, QemuSession, qemu_command  # noqa: E402

BOOT_TIMEOUT = 60.0


def build_paths() -> BuildPaths:
    build_dir = Path(os.environ.get("NEURATH_BUILD_DIR", REPO / "build"))
    return BuildPaths(build_dir / "target")


def boot(**options) -> QemuSession:
    paths = build_paths()
    if not paths.kernel.exists():
        pytest.fail(f"kernel not built: {paths.kernel}")
    return QemuSession(qemu_command(paths, **options))


@pytest.fixture
def neurath():
    session = boot()
    try:
        session.wait_prompt(BOOT_TIMEOUT)
        yield session
    finally:
        session.close()


@pytest.fixture
def lan_node(tmp_path):
    """(session, peer, node): node1 of a cluster (its MAC, 10.0.0.1/24 from net.conf) with
    the test as the other end of its NIC; yielded once inet has configured the address."""
    node = cluster_nodes.Node(1)
    with DatagramPeer() as peer:
        config = cluster_nodes.write_net_conf(node, tmp_path)
        session = boot(lan=peer.link(node.mac), extra_modules=[config])
        try:
            session.wait_prompt(BOOT_TIMEOUT)
            configured = f"inet: address {node.address}/{cluster_nodes.PREFIX_LENGTH}"
            session.wait_until(lambda output: configured in output, configured, BOOT_TIMEOUT)
            yield session, peer, node
        finally:
            session.close()


def boot_image_file(path: str) -> bytes:
    with tarfile.open(build_paths().module("bootimage")) as image:
        return image.extractfile(path).read()


def poweroff(session: QemuSession) -> int:
    session.send_line("poweroff")
    return session.wait_exit(30)


def start_background(session: QemuSession, command: str, ready: str, timeout: float = 30.0) -> int:
    """Types `command &`, waits until the job printed `ready` and the shell its prompt
    (in either order: the job may print before or after the prompt), and returns the
    job's pid; the session is then positioned after both."""
    import re
    session.send_line(f"{command} &")
    ready_line, prompt = re.escape(ready) + r"[^\n]*\n", re.escape(PROMPT)
    text = session.expect(f"(?s)({ready_line}.*?{prompt}|{prompt}.*?{ready_line})", timeout, regex=True)
    job = re.search(r"\[(\d+)\] ", text)
    if job is None:
        raise AssertionError(f"no job pid for {command!r} in:\n{text}")
    return int(job.group(1))
