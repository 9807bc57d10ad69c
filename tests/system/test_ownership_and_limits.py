"""test_ownership_and_limits.py — the security model as a hostile user meets it:
who may kill whom through pm, init coming back however often it ends, orphans
handed to init and reaped, the manifest's memory and process-count limits, and
the console refusing an over-long line. Each test is named after the finding
it reproduces (docs/architecture.md#security-model)."""
import re

import pytest

LINE_TOO_LONG = "line too long (max 255 characters); dropped"


def processes(session) -> list[dict]:
    """`ps` as a list of {pid, endpoint, state, name}."""
    rows = []
    for line in session.run_command("ps").splitlines()[1:]:
        words = line.split()
        if len(words) >= 5:
            rows.append({"pid": int(words[0]), "endpoint": int(words[1]), "state": words[2], "name": words[-1]})
    return rows


def pid_of(session, name: str) -> int:
    matches = [row["pid"] for row in processes(session) if row["name"] == name]
    assert len(matches) == 1, f"expected one {name}: {matches}"
    return matches[0]


def wait_for_processes(session, name: str, count: int, tries: int = 200) -> list[dict]:
    """Polls `ps` (each poll is one command round trip, no sleeping) until exactly
    `count` processes called `name` are listed."""
    for _ in range(tries):
        rows = [row for row in processes(session) if row["name"] == name]
        if len(rows) == count:
            return rows
    pytest.fail(f"never saw {count} {name} processes; last ps:\n{session.run_command('ps')}")


def collect_all_jobs(session, tries: int = 200) -> str:
    """Runs `wait` until no background job is still running; returns what it printed."""
    collected = ""
    for _ in range(tries):
        text = session.run_command("wait")
        collected += text
        if "still running" not in text:
            return collected
    pytest.fail(f"jobs never finished:\n{collected}")


def test_user_cannot_kill_init_or_a_server(neurath):
    shell = pid_of(neurath, "sh")
    reply = neurath.run_command(f"kill {shell}")
    assert "permission denied (init cannot be killed)" in reply
    for server in ("pm", "vfs", "tty"):
        reply = neurath.run_command(f"kill {pid_of(neurath, server)}")
        assert "permission denied (system servers cannot be killed" in reply, f"{server}: {reply}"
    assert pid_of(neurath, "sh") == shell, "the shell was not replaced"
    assert "rs: restarted" not in neurath.output
    assert neurath.run_command("echo alive") == "alive\n"


def test_user_program_cannot_kill_its_parent_a_server_or_a_sibling(neurath):
    started = neurath.run_command("benchpeer &")
    sibling_pid = int(started.split("]")[0].lstrip("["))
    sibling = next(row for row in processes(neurath) if row["pid"] == sibling_pid)
    text = neurath.run_command(f"denied {sibling['endpoint']}")
    assert "pm kill of the parent: permission denied" in text
    assert "pm kill of vfs: permission denied" in text
    assert f"pm kill of endpoint {sibling['endpoint']}: permission denied" in text
    assert re.search(r"denied: \d+ refused, 0 allowed", text), text
    assert any(row["pid"] == sibling_pid for row in processes(neurath)), "the sibling still runs"
    assert "benchpeer: killed" in neurath.run_command(f"kill {sibling_pid}") + neurath.run_command("wait")


def test_killed_jobs_workers_are_handed_to_init_and_killable(neurath):
    started = neurath.run_command("ipcstress 1000000 &")
    job = int(started.split("]")[0].lstrip("["))
    workers = wait_for_processes(neurath, "benchpeer", 4)
    assert "ipcstress: killed" in neurath.run_command(f"kill {job}")
    assert len([row for row in processes(neurath) if row["name"] == "benchpeer"]) == 4, \
        "the workers outlive the killed job"
    for worker in workers:
        reply = neurath.run_command(f"kill {worker['pid']}")
        assert "kill:" not in reply, f"kill of adopted worker {worker['pid']}: {reply}"
    wait_for_processes(neurath, "benchpeer", 0)


def test_init_comes_back_however_often_it_ends(neurath):
    shells = {pid_of(neurath, "sh")}
    for restart in range(1, 6):
        neurath.send_line("exit")
        neurath.expect(f"pm: /bin/sh ended; starting it again (restart {restart})")
        neurath.wait_prompt()
        shells.add(pid_of(neurath, "sh"))
    assert len(shells) == 6, "a new shell each time"
    assert neurath.run_command("echo alive") == "alive\n"


def test_two_hundred_background_jobs_leave_no_orphans_in_pm(neurath):
    for round_number in range(25):
        for _ in range(8):
            assert "[" in neurath.run_command("limitprobe memory 64 &")
        collected = collect_all_jobs(neurath)
        assert collected.count("limitprobe done") == 8, collected
        if round_number % 2 == 0:  # a job with children, killed: its 4 workers become orphans
            test_killed_jobs_workers_are_handed_to_init_and_killable(neurath)
    leftovers = [row for row in processes(neurath) if row["endpoint"] >= 16 and row["name"] != "sh"]
    assert leftovers == [], leftovers
    assert "no space left" not in neurath.output
    # 13 killed jobs left 52 orphans on the way: had pm kept any of them, its
    # 64-entry table could not hold the shell, limitprobe and 16 children.
    started = neurath.run_command("limitprobe processes 16")
    assert "limitprobe: started 16 children\n" in started and "then:" not in started, started


def test_memory_limit_gives_the_documented_error(neurath):
    assert neurath.run_command("limitprobe memory 1024") == "limitprobe: mapped 1024 KiB\n"
    text = neurath.run_command("limitprobe memory 200000", timeout=120)
    found = re.search(r"limitprobe: mapped (\d+) KiB, then: memory limit reached", text)
    assert found, text
    assert 60000 <= int(found.group(1)) < 65536, "the profile's 64 MiB less image, stack and heap"
    assert "limitprobe: exited with status 1" in text
    assert neurath.run_command("echo alive") == "alive\n"


def test_process_limit_gives_the_documented_error(neurath):
    text = neurath.run_command("limitprobe processes 20")
    assert "limitprobe: started 16 children, then: process limit reached" in text
    assert not [row for row in processes(neurath) if row["name"] == "limitprobe"], "children were stopped"


def test_over_long_line_is_refused_and_nothing_runs(neurath):
    reply = neurath.run_command("echo ran > /longline.txt " + "x" * 4000, timeout=120)
    assert LINE_TOO_LONG in reply and "xxxx" not in reply.split(LINE_TOO_LONG)[1], reply
    assert "no such file" in neurath.run_command("cat /longline.txt"), "nothing of the line ran"
    assert neurath.run_command("echo alive") == "alive\n"
