"""test_frame_leaks.py — every frame comes back: after workloads that start, end and
kill many processes, use grants and alarms, the kernel's count of free frames at
poweroff (once every process's memory is returned) equals its count after boot, and
no process is left over besides the servers and the shell.

The kernel prints both counts and what each remaining process held
(kernel/proc/memory_audit.h); tools/frame_audit.py reads them, and the driver reports
the same line after a piped `./neurath run` that ends in `poweroff`."""
import re

from conftest import poweroff

import frame_audit
from update_helpers import expect_commit, expect_rollback

ECHO_WORKERS = 4  # ipcstress's echo partners (/bin/benchpeer)


def audit_after_poweroff(session):
    assert poweroff(session) == 1, "poweroff exits QEMU with the OS's status 0"
    audit = frame_audit.parse(session.output)
    assert audit is not None, session.output[-3000:]
    return audit


def background(session, command):
    started = session.run_command(f"{command} &")
    return int(started.split("]")[0].lstrip("["))


def count_running(session, name):
    return sum(1 for line in session.run_command("ps").splitlines()[1:] if line.split() and line.split()[-1] == name)


def running_pids(session, name):
    return [int(line.split()[0]) for line in session.run_command("ps").splitlines()[1:]
            if line.split() and line.split()[-1] == name]


def kill_job_with_children(session):
    """Starts ipcstress (which spawns ECHO_WORKERS partners), waits until they all run,
    kills ipcstress itself, then its partners: pm hands them to init (the shell), so
    the shell may kill them, and pm reaps them at once."""
    pid = background(session, "ipcstress 1000000")
    for _ in range(200):  # each `ps` is a round trip: this waits for the spawns, not for time
        if count_running(session, "benchpeer") == ECHO_WORKERS:
            break
    workers = running_pids(session, "benchpeer")
    assert len(workers) == ECHO_WORKERS
    assert "ipcstress: killed" in session.run_command(f"kill {pid}") + session.run_command("wait")
    assert running_pids(session, "benchpeer") == workers, "the workers outlive their job, adopted by init"
    for worker in workers:
        assert "kill:" not in session.run_command(f"kill {worker}")
    for _ in range(200):
        if count_running(session, "benchpeer") == 0:
            break
    assert count_running(session, "benchpeer") == 0


def spawn_storm(session):
    assert "ipcstress summary: ok (0 failures)" in session.run_command("ipcstress 300", timeout=300)
    jobs = [background(session, "benchpeer") for _ in range(8)]
    for pid in jobs:
        session.run_command(f"kill {pid}")
    session.run_command("wait")
    assert count_running(session, "benchpeer") == 0


def grants_and_servers(session):
    assert re.search(r"hammer vfs: \d+ requests, 0 failures", session.run_command("hammer vfs 200", timeout=120))
    assert re.search(r"hammer ds: \d+ requests, 0 failures", session.run_command("hammer ds 200", timeout=120))
    assert "5/5 servers answer" in session.run_command("msgfuzz 100", timeout=120)
    assert "5/5 servers answer promptly" in session.run_command("stallfuzz 50", timeout=120)
    assert "Welcome to Neurath" in session.run_command("cat /etc/motd")


def alarms_and_updates(session):
    """rs bounds each update with its alarm; a new version that hangs is ended when the
    alarm fires, a committed update ends the old version."""
    expect_rollback(session, "ds /test/updates/ds-hang-init --timeout 300", r"ds")
    expect_commit(session, "ds /sbin/ds.next")


def test_every_frame_returns_after_spawns_kills_grants_and_alarms(neurath):
    spawn_storm(neurath)
    grants_and_servers(neurath)
    alarms_and_updates(neurath)
    kill_job_with_children(neurath)
    audit = audit_after_poweroff(neurath)
    assert audit.difference == 0, audit.describe()
    assert audit.leftovers() == [], audit.describe()


def test_a_session_without_killed_parents_leaves_only_the_servers_and_the_shell(neurath):
    spawn_storm(neurath)
    grants_and_servers(neurath)
    audit = audit_after_poweroff(neurath)
    assert audit.difference == 0, audit.describe()
    assert audit.leftovers() == [], audit.describe()


def test_a_killed_jobs_children_end_when_killed_and_leave_nothing(neurath):
    kill_job_with_children(neurath)
    audit = audit_after_poweroff(neurath)
    assert audit.difference == 0, audit.describe()
    assert audit.leftovers() == [], audit.describe()
