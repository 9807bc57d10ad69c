"""test_update_rollback.py — hot rollback, the matrix MINIX 3's testrelpol.sh
runs, for every server and the updatable program kvd: a new version that
crashes during its start, reports a start failure, hangs, fails an invariant,
crashes after the transfer, or makes a type change without a hook, and a
state filter that never holds. Every update must roll back with a reason
naming what failed, and afterwards the server answers, with the same
endpoint, restart count, pid and version, and with its state intact."""
import re

import pytest

from update_helpers import FAULTS, SERVERS, expect_rollback, same_identity, service_table, start_kvd

REASONS = {
    "crash-init": r"new version crashed",
    "fail-init": r"initialisation failed",
    "hang-init": r"did not finish its transfer within 300 ms",
    "bad-invariant": r"invariant .* does not hold",
    "crash-after-transfer": r"new version crashed",
    "no-hook": r"(no rule|cannot convert|incompatible)",
}

# A state filter over each server's own variables that never holds.
UNREACHABLE = {
    "pm": '--state "state.init_restarts > 1000000"',
    "vfs": '--state "state.fs.core_.bytes_reserved_ > 1000000000000"',
    "ds": '--state "state.store.count_ > 1000000"',
    "tty": '--state "state.lines_delivered > 1000000000"',
}

# Only the hang must run into the deadline; every other fault is reported by
# the new version itself, so it gets a deadline a slow host cannot reach.
def timeout_for(fault):
    return "--timeout 300" if fault == "hang-init" else "--timeout 5000"


STATE_CHECK = {
    "pm": ("ps", "sh"),
    "vfs": ("cat /rollback.txt", "written before\n"),
    "ds": ("kvload 50", "0 failures"),
    "tty": ("echo typed-after", "typed-after"),
}


REASONS_FOR_RS = dict(REASONS, **{"crash-init": r"ended during its transfer",
                                  "crash-after-transfer": r"ended during its transfer"})


def test_rs_rolls_back_every_faulty_version_of_itself(neurath):
    neurath.run_command("service crash ds")
    before = service_table(neurath)
    for fault in FAULTS:
        expect_rollback(neurath, f"rs /test/updates/rs-{fault} {timeout_for(fault)}", REASONS_FOR_RS[fault])
    assert service_table(neurath) == before, "the old rs carries on with its records"
    expect_rollback(neurath, "rs:/test/updates/rs-crash-init ds:/sbin/ds.next --timeout 5000", r"rs: ")
    assert service_table(neurath)["ds"]["version"] == before["ds"]["version"], "ds rolled back with rs"


@pytest.mark.parametrize("server", SERVERS)
def test_every_faulty_version_rolls_back_and_the_server_keeps_its_state(neurath, server):
    neurath.run_command("echo written before > /rollback.txt")
    start_kvd(neurath)
    before = service_table(neurath)
    for fault in FAULTS:
        expect_rollback(neurath, f"{server} /test/updates/{server}-{fault} {timeout_for(fault)}", REASONS[fault])
        command, expected = STATE_CHECK[server]
        assert expected in neurath.run_command(command, timeout=60), f"{server} after {fault}"
    expect_rollback(neurath, f"{server} /sbin/{server}.next --timeout 300 {UNREACHABLE[server]}",
                    r"not reached within 300 ms")
    after = service_table(neurath)
    same_identity(before, after, server)
    assert after[server]["pid"] == before[server]["pid"], "the old version itself carries on"
    assert after[server]["version"] == before[server]["version"]
    assert "rolled back" in neurath.run_command("updates")


def test_kvd_rolls_back_every_faulty_version_and_keeps_its_records(neurath):
    start_kvd(neurath)
    assert "0 failures" in neurath.run_command("kvload 100", timeout=120)
    for fault in FAULTS[:-1]:
        expect_rollback(neurath, f"kvd /test/updates/kvd-{fault} {timeout_for(fault)}", REASONS[fault])
    assert "0 failures" in neurath.run_command("kvload 100", timeout=120)


def test_a_transaction_rolls_back_entirely_when_one_part_fails(neurath):
    before = service_table(neurath)
    expect_rollback(neurath, "ds:/sbin/ds.next vfs:/test/updates/vfs-crash-init --timeout 5000",
                    r"vfs: .*new version crashed")
    after = service_table(neurath)
    for server in ("ds", "vfs"):
        same_identity(before, after, server)
        assert after[server]["version"] == before[server]["version"], f"{server} must not have changed"
        assert after[server]["pid"] == before[server]["pid"], server
