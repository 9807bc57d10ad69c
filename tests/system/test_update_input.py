"""test_update_input.py — bad update requests get a clear error naming what
is wrong, and change nothing: an unknown name, a missing file, a file that is
not an executable, a binary of another server, a binary without update
metadata, a malformed or unknown state filter, undo with nothing to undo, a
name given twice, a state filter for rs's own update, and an update asked
for while another one runs."""
import re

import pytest

from update_helpers import service_table, shell_output, update

REFUSALS = [
    ("nosuchserver /sbin/ds.next", "nosuchserver: no running server or program"),
    ("ds /sbin/not-there", "/sbin/not-there: no such file or directory"),
    ("ds /etc/motd", "/etc/motd: not a valid executable"),
    ("ds /test/truncated", "/test/truncated: not a valid executable"),
    ("ds /sbin/vfs", "/sbin/vfs is a build of 'vfs', not of 'ds'"),
    ("ds /test/updates/ds-no-metadata", "no update metadata"),
    ('ds /sbin/ds.next --state "state.store.count_ >"', "ds: cannot prepare: "),
    ('ds /sbin/ds.next --state "no_such_variable == 1"', "unknown variable 'no_such_variable'"),
    ("--undo ds", "ds: no committed update to undo"),
    ('rs /sbin/rs.next --state "state.image.length > 0"', "rs: a state filter cannot be given"),
    ("ds:/sbin/ds.next ds:/sbin/ds.next", "ds: named twice"),
]


@pytest.mark.parametrize("arguments, message", REFUSALS)
def test_bad_requests_are_refused_and_change_nothing(neurath, arguments, message):
    before = service_table(neurath)
    verdict, output = update(neurath, arguments)
    assert verdict == "refused", output
    assert output.startswith("update: ") and message in output, output
    assert len(output.splitlines()) == 1, output
    after = service_table(neurath)
    assert after == before, "a refused update changed a server"
    assert neurath.run_command("updates").strip() == "no updates since boot"
    assert neurath.run_command("echo still-fine") == "still-fine\n"


def test_an_update_while_another_runs_is_refused_and_the_first_goes_on(neurath):
    # /test/update-race asks rs for the same ds update twice in a row; the
    # first waits for a state that never comes, so it is still running when
    # the second arrives, and ends by its deadline.
    before = service_table(neurath)
    output = shell_output(neurath.run_command(
        '/test/update-race ds /sbin/ds.next "state.store.count_ > 1000000"', timeout=60))
    assert re.search(r"second update refused: update \d+ is still running; one update at a time", output), output
    assert "first update ended: rolled back" in output, output
    assert service_table(neurath) == before
    history = neurath.run_command("updates")
    assert re.search(r"1 of 1 updates", history), history
    neurath.run_command("ds put race-key still-served")
    assert "still-served" in neurath.run_command("ds get race-key")
