"""test_supervision.py — rs keeps the system servers alive: a crash injected
into a server is reported, the server comes back at the same endpoint with a
higher restart count and a new pid, and it serves requests again; rs gives up
after its restart bound. pm reports crashing user programs and keeps going."""
import re

import pytest

RESTART_BOUND = 5


def service_table(session):
    """`service list` as {name: (endpoint, state, restarts, pid)} (its last column,
    the version, is left out)."""
    rows = {}
    for line in session.run_command("service list").splitlines():
        fields = line.split()
        if len(fields) == 6 and fields[1].isdigit():
            rows[fields[0]] = (int(fields[1]), fields[2], int(fields[3]), int(fields[4]))
    return rows


@pytest.mark.parametrize("server, check", [
    ("ds", "service list"),
    ("vfs", "cat /etc/motd"),
    ("pm", "ps"),
    ("tty", "echo still-typing"),
])
def test_a_crashing_server_is_restarted_by_rs_with_the_same_endpoint(neurath, server, check):
    before = service_table(neurath)[server]
    neurath.run_command(f"service crash {server}")
    assert f"rs: restarted {server} at endpoint {before[0]} (restart 1)" in neurath.output
    after = service_table(neurath)[server]
    assert after[0] == before[0], "same endpoint"
    assert after[1] == "running"
    assert after[2] == before[2] + 1, "restart counted"
    assert after[3] != before[3], "a new process"
    assert neurath.run_command(check).strip(), f"{server} answers after its restart"


def test_rs_gives_up_after_the_restart_bound(neurath):
    for _ in range(RESTART_BOUND + 1):
        neurath.run_command("service crash ds")
    assert f"rs: ds failed {RESTART_BOUND} times, giving up" in neurath.output
    assert service_table(neurath)["ds"][1] == "failed"
    assert "endpoint is dead" in neurath.run_command("service crash ds")


def test_only_rs_may_inject_crashes(neurath):
    assert "5/5 servers answer" in neurath.run_command("msgfuzz", timeout=120)
    assert all(row[2] == 0 for row in service_table(neurath).values()), "no server restarted"


def test_a_crashing_program_is_reported_and_the_shell_continues(neurath):
    output = neurath.run_command("crash null")
    assert re.search(r"pm: crash \(endpoint \d+\) crashed: vector 14", neurath.output)
    assert "vector 14" in output or "page fault" in output
    assert "bin/" in neurath.run_command("ls /")


def test_ordinary_programs_cannot_reach_rs_but_the_shell_can(neurath):
    assert "10 refused, 0 allowed" in neurath.run_command("denied")
    assert "pm" in neurath.run_command("service list")


def test_spawning_a_missing_or_non_executable_file_fails_clearly(neurath):
    assert "not found" in neurath.run_command("/bin/nothing-here")
    assert "not a valid executable" in neurath.run_command("/etc/motd")
