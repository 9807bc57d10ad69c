"""test_update_servers.py — every server updated in the running system to its
next version (/sbin/<server>.next, a type-changing patch of today's sources),
and back with `update --undo`, keeping its state as a user sees it: files and
directories across a vfs update, every process across a pm update, every key
across a ds update, line editing and a half-typed line across a tty update, every service record
across an update of rs itself. Its endpoint and restart count never change;
its version does, and `updates` records each step."""
import re

from update_helpers import expect_commit, same_identity, service_table, update, start_kvd


def test_vfs_update_keeps_files_directories_and_open_descriptors(neurath):
    neurath.run_command("mkdir /keep")
    neurath.run_command("echo before the update > /keep/a.txt")
    neurath.run_command("echo second >> /keep/a.txt")
    start_kvd(neurath)
    before = service_table(neurath)
    output = expect_commit(neurath, "vfs /sbin/vfs.next")
    for phase in ("load", "quiesce", "transfer", "check"):
        assert re.search(rf"^{phase}\s", output, re.MULTILINE), f"no {phase} line:\n{output}"
    after = service_table(neurath)
    same_identity(before, after, "vfs")
    assert after["vfs"]["version"] != before["vfs"]["version"]
    assert neurath.run_command("cat /keep/a.txt") == "before the update\nsecond\n"
    assert "a.txt" in neurath.run_command("ls /keep").split()
    neurath.run_command("echo after >> /keep/a.txt")
    assert neurath.run_command("cat /keep/a.txt").endswith("after\n")
    assert "bin/" in neurath.run_command("ls /").split()
    # Back to the boot version: the state is transferred back (a downgrade).
    expect_commit(neurath, "--undo vfs")
    assert service_table(neurath)["vfs"]["version"] == before["vfs"]["version"]
    assert neurath.run_command("cat /keep/a.txt") == "before the update\nsecond\nafter\n"


def test_pm_update_keeps_every_process_and_its_children(neurath):
    start_kvd(neurath)
    ps_before = {line.split()[0]: line.split()[-1] for line in neurath.run_command("ps").splitlines()[1:]}
    before = service_table(neurath)
    expect_commit(neurath, "pm /sbin/pm.next")
    same_identity(before, service_table(neurath), "pm")
    ps_after = {line.split()[0]: line.split()[-1] for line in neurath.run_command("ps").splitlines()[1:]}
    for pid, name in ps_before.items():
        if name != "pm":
            assert ps_after.get(pid) == name, f"{name} ({pid}) lost across the pm update"
    # pm still spawns, waits for and reports programs.
    assert "0 failures" in neurath.run_command("kvload 300", timeout=120)
    assert "kvd" in neurath.run_command("jobs")
    expect_commit(neurath, "--undo pm")
    assert "0 failures" in neurath.run_command("hammer pm 50", timeout=120)


def test_ds_update_keeps_every_key(neurath):
    start_kvd(neurath)
    assert "0 failures" in neurath.run_command("kvload 200", timeout=120)
    before = service_table(neurath)
    expect_commit(neurath, "ds /sbin/ds.next")
    same_identity(before, service_table(neurath), "ds")
    # kvload finds kvd through its binding in ds, made before the update.
    assert "0 failures" in neurath.run_command("kvload 200", timeout=120)
    assert "0 failures" in neurath.run_command("hammer ds 200", timeout=120)
    expect_commit(neurath, "--undo ds")
    assert "0 failures" in neurath.run_command("kvload 100", timeout=120)


def test_tty_update_keeps_the_line_being_typed(neurath):
    before = service_table(neurath)
    expect_commit(neurath, "tty /sbin/tty.next")
    same_identity(before, service_table(neurath), "tty")
    # Line editing works in the new version: type, erase, retype.
    neurath.send_raw("echo tipo\x7f\x7fpo-fixed\r")
    assert "tipo-fixed" in neurath.expect("neurath$ ", 30)
    expect_commit(neurath, "--undo tty")
    assert neurath.run_command("echo still-here") == "still-here\n"


def test_tty_update_in_the_middle_of_a_typed_line_keeps_it(neurath):
    # A background shell asks for the update; its state filter lets tty park
    # only once the console holds a half-typed line, so the update happens
    # between the two halves. Until then tty holds new requests (the job
    # notice of the foreground shell too), but typed bytes still arrive.
    neurath.send_raw("sh -c 'update tty /sbin/tty.next --timeout 60000 "
                     "--state \"state.discipline.length_ > 5\"' &\r")
    neurath.expect("participant(s) quiescing", 30)
    neurath.send_raw("echo half")
    neurath.expect(r"committed in \d+ us", 60, regex=True)
    neurath.send_raw("-typed\r")
    after = neurath.expect("neurath$ ", 30)
    assert re.search(r"^half-typed\r?$", after, re.M), after  # echo's output, not the typed echo
    assert "tty" in neurath.run_command("service list")
    rows = [line for line in neurath.run_command("updates").splitlines() if re.match(r"^\s*\d+\s+tty\s", line)]
    assert len(rows) == 1 and "committed" in rows[0], rows


def test_updates_lists_every_update_with_its_phases(neurath):
    expect_commit(neurath, "ds /sbin/ds.next")
    assert update(neurath, "ds /sbin/ds.next --state \"no_such_variable > 0\"")[0] == "refused"
    expect_commit(neurath, "--undo ds")
    table = neurath.run_command("updates")
    rows = [line for line in table.splitlines() if re.match(r"^\s*\d+\s+ds\s", line)]
    assert len(rows) == 2, table
    assert all("committed" in row for row in rows), table


def test_prepare_only_quiesces_and_resumes(neurath):
    before = service_table(neurath)
    for server in ("pm", "vfs", "ds", "tty"):
        verdict, output = update(neurath, f"{server} /sbin/{server}.next --prepare-only")
        assert verdict == "prepared", output
    after = service_table(neurath)
    for server in ("pm", "vfs", "ds", "tty"):
        same_identity(before, after, server)
        assert after[server]["version"] == before[server]["version"], server
        assert after[server]["pid"] == before[server]["pid"], server
    assert neurath.run_command("echo ok") == "ok\n"


def test_a_multi_server_transaction_commits_all_together(neurath):
    neurath.run_command("echo kept > /kept.txt")
    before = service_table(neurath)
    expect_commit(neurath, "ds:/sbin/ds.next vfs:/sbin/vfs.next pm:/sbin/pm.next")
    after = service_table(neurath)
    for server in ("ds", "vfs", "pm"):
        same_identity(before, after, server)
        assert after[server]["version"] != before[server]["version"], server
    assert neurath.run_command("cat /kept.txt") == "kept\n"
    assert "0 failures" in neurath.run_command("hammer vfs 50", timeout=120)


def test_a_state_filter_over_the_servers_variables_decides_when_to_park(neurath):
    start_kvd(neurath)  # binds "kvd" in ds: one entry
    verdict, output = update(neurath, 'ds /sbin/ds.next --state "state.store.count_ >= 1"')
    assert verdict == "committed", output
    verdict, output = update(neurath, 'ds /sbin/ds.next --timeout 200 --state "state.store.count_ >= 1000"')
    assert verdict == "rolled back" and "not reached within 200 ms" in output, output


def test_rs_replaces_itself_and_keeps_supervising(neurath):
    neurath.run_command("service crash ds")  # a restart for rs to remember
    before = service_table(neurath)
    assert "does not know the request" in neurath.run_command("service info ds")
    output = expect_commit(neurath, "rs /sbin/rs.next")
    assert "transfer  rs" in output
    after = service_table(neurath)
    assert after == before, "rs's records survive its own update"
    # The new rs answers the request only it knows, and still supervises.
    assert re.search(r"^ds: pid \d+, started \d+ ms ago, 1 restarts, 0 live updates$",
                     neurath.run_command("service info ds"), re.MULTILINE)
    neurath.run_command("service crash ds")
    assert service_table(neurath)["ds"]["restarts"] == 2
    # It updates others, and itself back, in one transaction.
    expect_commit(neurath, "rs:/sbin/rs ds:/sbin/ds.next")
    assert "does not know the request" in neurath.run_command("service info ds")
    assert len([line for line in neurath.run_command("updates").splitlines() if " committed" in line]) == 3
