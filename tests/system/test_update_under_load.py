"""test_update_under_load.py — live update while clients keep working: a
checked load client runs in the background against the server being updated,
through at least 50 consecutive updates and rollbacks; every one of its
requests is answered, correctly, exactly once (the client counts wrong,
failed, missing and duplicated answers), and it reports the longest it ever
waited: the blackout a client really saw."""
import re

import pytest

from update_helpers import expect_commit, expect_rollback, start_kvd

SUMMARY = re.compile(r"(?P<label>kvload|hammer \w+): (?P<requests>\d+) requests, (?P<failures>\d+) failures, "
                     r"longest wait (?P<wait>\d+) us")


def finished_summary(session, label):
    """The summary the background load program prints when it ends (it runs
    on while the shell takes commands, so it may have printed it already);
    then `wait` collects it."""
    pattern = rf"{label}: \d+ requests, \d+ failures, longest wait \d+ us"
    if not re.search(pattern, session.output):
        session.expect(pattern, 600, regex=True)
    session.run_command("wait")
    found = [m for m in SUMMARY.finditer(session.output) if m.group("label") == label]
    assert len(found) == 1, session.output[-3000:]
    return {key: int(found[0].group(key)) for key in ("requests", "failures", "wait")}


@pytest.mark.parametrize("server, load, count", [
    ("ds", "hammer ds", 40000),
    ("vfs", "hammer vfs", 8000),
])
def test_fifty_updates_and_rollbacks_under_load_lose_nothing(neurath, server, load, count):
    neurath.run_command(f"{load} {count} &")
    for round_number in range(13):
        expect_commit(neurath, f"{server} /sbin/{server}.next")
        expect_rollback(neurath, f"{server} /test/updates/{server}-crash-init --timeout 5000", r"crashed")
        expect_commit(neurath, f"--undo {server}")
        expect_rollback(neurath, f"{server} /test/updates/{server}-bad-invariant", r"invariant")
    figures = finished_summary(neurath, load)
    assert figures["requests"] >= count and figures["failures"] == 0, figures
    history = neurath.run_command("updates")
    assert "52 updates" in history or re.search(r"of 52 updates", history), history


def test_kvd_is_updated_under_its_own_load(neurath):
    start_kvd(neurath)
    neurath.run_command("kvload 30000 &")
    for _ in range(10):
        expect_commit(neurath, "kvd /bin/kvd.v2")
        expect_commit(neurath, "--undo kvd")
    figures = finished_summary(neurath, "kvload")
    assert figures["requests"] == 30000 and figures["failures"] == 0, figures
