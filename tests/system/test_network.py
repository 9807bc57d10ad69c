"""test_network.py — the network foundation on a machine booted like
`./neurath run --net`: rs finds the virtio-net PCI device and starts netdrv with
exactly that device's ports and IRQ; real frames flow through it (an ARP request to
QEMU's gateway 10.0.2.2, sent by inet for arping, and the reply slirp sends back);
the counters move by what happened; requests from any process but inet to own the
link are refused and the driver keeps working; a crashed netdrv is restarted by rs,
re-initialises the device and inet takes the link again; a live update hands the
device and its DMA memory to the new version without a reset, and a failed one leaves
them with the old version. A machine without a NIC boots as before: no netdrv, no
inet, and ifconfig says so. (inet itself: test_inet.py.)"""
import re

import frame_audit
import pytest

from conftest import BOOT_TIMEOUT, boot

GATEWAY_REPLY = re.compile(r"arping: 10\.0\.2\.2 is at ((?:[0-9a-f]{2}:){5}[0-9a-f]{2})")
QEMU_DEFAULT_MAC = "52:54:00:12:34:56"


@pytest.fixture
def networked():
    session = boot(network=[])
    try:
        session.wait_prompt(BOOT_TIMEOUT)
        yield session
    finally:
        session.close()


def link(session):
    """ifconfig as {'mac', 'up', 'rx_frames', 'rx_bytes', 'drops', 'tx_frames', 'tx_bytes', 'errors'}."""
    text = session.run_command("ifconfig")
    head = re.search(r"net0: virtio-net  link (up|down)  mac ((?:[0-9a-f]{2}:){5}[0-9a-f]{2})", text)
    rx = re.search(r"rx: (\d+) frames, (\d+) bytes, (\d+) dropped", text)
    tx = re.search(r"tx: (\d+) frames, (\d+) bytes, (\d+) refused requests", text)
    assert head and rx and tx, text
    return {"up": head.group(1) == "up", "mac": head.group(2),
            "rx_frames": int(rx.group(1)), "rx_bytes": int(rx.group(2)), "drops": int(rx.group(3)),
            "tx_frames": int(tx.group(1)), "tx_bytes": int(tx.group(2)), "errors": int(tx.group(3))}


def arping_gateway(session):
    text = session.run_command("arping 10.0.2.2", timeout=60)
    match = GATEWAY_REPLY.search(text)
    assert match, text
    return match.group(1)


def test_a_machine_without_a_nic_has_no_driver(neurath):
    services = neurath.run_command("service list")
    assert "netdrv" not in services and "inet" not in services, services
    assert "rs: inet: a service it depends on is not started, not started" in neurath.output
    assert "no network device" in neurath.run_command("ifconfig")
    assert "cannot use the network" in neurath.run_command("arping 10.0.2.2")


def test_rs_gives_netdrv_exactly_its_devices_ports_and_irq(networked):
    claim = re.search(r"rs: netdrv: PCI [0-9a-f:.]+ 1af4:1000, ports 0x([0-9a-f]+)-0x([0-9a-f]+), irq (\d+)",
                      networked.output)
    assert claim, networked.output
    started = re.search(r"netdrv: virtio-net [0-9a-f:.]+, ports 0x([0-9a-f]+)-0x([0-9a-f]+), irq (\d+), mac ",
                        networked.output)
    assert started and started.groups() == claim.groups(), networked.output
    assert re.search(r"netdrv\s+6\s+running", networked.run_command("service list"))


def test_an_arp_request_to_the_gateway_gets_a_real_reply(networked):
    before = link(networked)
    assert before["up"] and before["mac"] == QEMU_DEFAULT_MAC
    gateway = arping_gateway(networked)
    assert gateway != QEMU_DEFAULT_MAC and gateway.startswith("52:55:")
    after = link(networked)
    assert after["tx_frames"] >= before["tx_frames"] + 1
    assert after["tx_bytes"] >= before["tx_bytes"] + 42, "an ARP request is 42 bytes (lwIP does not pad it)"
    assert after["rx_frames"] >= before["rx_frames"] + 1, "the reply came in"
    assert after["rx_bytes"] >= before["rx_bytes"] + 42
    assert after["errors"] == before["errors"]


def test_malformed_requests_are_refused_and_the_driver_keeps_working(networked):
    before = link(networked)
    text = networked.run_command("/test/net-malformed", timeout=60)
    assert re.search(r"net-malformed: \d+ checks, 0 failed", text), text
    assert link(networked)["errors"] == before["errors"] + 6
    arping_gateway(networked)


def wait_for_line(session, text, count):
    """Until `text` has been printed `count` times (it may already have been)."""
    if session.output.count(text) < count:
        session.expect(text, timeout=30)
    assert session.output.count(text) == count, session.output


def test_a_crashed_netdrv_is_restarted_and_reinitialises_the_device(networked):
    arping_gateway(networked)
    networked.run_command("service crash netdrv")
    wait_for_line(networked, "rs: restarted netdrv at endpoint 6 (restart 1)", 1)
    wait_for_line(networked, "netdrv: virtio-net", 2)
    after = link(networked)
    assert after["tx_frames"] <= 1, "counters start again with the new instance"
    arping_gateway(networked)
    assert "(in use)" in networked.run_command("ifconfig"), "inet took the link again"


def test_an_unanswered_request_times_out_and_the_link_still_works(networked):
    before = link(networked)
    text = networked.run_command("arping 10.0.2.99", timeout=60)
    assert "arping: no reply from 10.0.2.99" in text, text
    after = link(networked)
    assert after["tx_frames"] == before["tx_frames"] + 3, "three tries"
    assert after["rx_frames"] == before["rx_frames"], "nothing came back"
    arping_gateway(networked)


def netdrv_version(session):
    match = re.search(r"netdrv\s+6\s+running\s+0\s+\d+\s+([0-9a-f]{8})", session.run_command("service list"))
    assert match, session.output[-2000:]
    return match.group(1)


def test_a_live_update_of_netdrv_keeps_the_device_working(networked):
    """The new version takes over the old one's DMA memory (same pages, same addresses)
    and the device without resetting it: frames flow, counters go on, and the device
    was set up once."""
    arping_gateway(networked)
    before, old_version = link(networked), netdrv_version(networked)
    text = networked.run_command("update netdrv /sbin/netdrv.next", timeout=120)
    assert re.search(r"committed in \d+ us", text), text
    # the counters came over with the state (inet's own traffic, DHCP, may add to them meanwhile)
    took_over = re.search(r"netdrv: version 2 took over the device \(rx (\d+) frames, tx (\d+) frames so far\)",
                          networked.output)
    assert took_over, networked.output[-2000:]
    assert int(took_over.group(1)) >= before["rx_frames"] and int(took_over.group(2)) >= before["tx_frames"]
    assert netdrv_version(networked) != old_version
    arping_gateway(networked)
    after = link(networked)
    assert after["mac"] == before["mac"] and after["up"]
    assert after["tx_frames"] >= int(took_over.group(2)) + 1 and after["rx_frames"] >= int(took_over.group(1)) + 1
    assert after["errors"] == before["errors"]
    assert networked.output.count("netdrv: virtio-net") == 1, "the device is never set up again"
    text = networked.run_command("update --undo netdrv", timeout=120)  # the new owner of the memory hands it on
    assert re.search(r"committed in \d+ us", text), text
    arping_gateway(networked)
    assert link(networked)["tx_frames"] >= after["tx_frames"] + 1


def test_an_update_failing_after_the_dma_hand_over_leaves_the_old_version_everything(networked):
    """The new version maps the old one's DMA pages, then fails: the update rolls back,
    the new version ends without freeing or stopping anything, the old one keeps the
    device, and no frame is lost at poweroff."""
    arping_gateway(networked)
    before = link(networked)
    text = networked.run_command("update netdrv /test/updates/netdrv-fail-after-dma", timeout=120)
    assert "rolled back: netdrv:" in text, text
    assert re.search(r"fail-after-dma: mapped \d+ DMA pages of the old version", networked.output)
    assert re.search(r"netdrv\s+6\s+running\s+0\s", networked.run_command("service list"))
    arping_gateway(networked)
    after = link(networked)  # the old version's counters go on (inet's own traffic may add to them)
    assert after["tx_frames"] >= before["tx_frames"] + 1 and after["rx_frames"] >= before["rx_frames"] + 1
    assert after["errors"] == before["errors"]
    networked.send_line("poweroff")
    networked.wait_exit(60)
    audit = frame_audit.parse(networked.output)
    assert audit is not None and audit.difference == 0, networked.output[-3000:]


def test_fuzzed_messages_leave_netdrv_answering(networked):
    text = networked.run_command("msgfuzz 200", timeout=300)
    assert "7/7 servers answer" in text, text
    assert re.search(r"msgfuzz: netdrv 200 sent", text), text
    arping_gateway(networked)
