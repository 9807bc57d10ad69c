"""test_processes.py — programs run from /bin by pm: arguments, exits, crashes, kill,
refused binaries. The shell and every server must survive all of it."""
import re


def test_program_runs_with_arguments_and_shell_survives_crash(neurath):
    report = neurath.run_command("crash null")
    assert "user exception" in report and "page fault" in report and "crash" in report
    assert re.search(r"fault address \(cr2\): 0+\b", report)
    assert "crashed" in report.splitlines()[-1]
    assert neurath.run_command("echo alive") == "alive\n"
    assert "crash" not in neurath.run_command("ps")


def test_each_crash_kind_is_reported_by_name(neurath):
    expected = {"divide": "divide error", "opcode": "invalid opcode", "kernel": "page fault"}
    for kind, name in expected.items():
        report = neurath.run_command(f"crash {kind}")
        assert name in report.lower(), f"crash {kind}: {report}"
    assert neurath.run_command("echo alive") == "alive\n"


def test_non_elf_and_corrupt_binaries_are_refused(neurath):
    neurath.run_command("echo this is not a program > /bin/notelf")
    reply = neurath.run_command("notelf")
    assert "not a valid executable" in reply and len(reply.splitlines()) == 1
    for corrupt in ("phoff-out-of-file", "truncated", "wrong-machine"):
        reply = neurath.run_command(f"/test/{corrupt}")
        assert "not a valid executable" in reply, f"{corrupt}: {reply}"
    assert neurath.run_command("echo alive") == "alive\n"


def test_unknown_program_is_reported(neurath):
    assert "command not found" in neurath.run_command("/bin/nothing-here")


def test_ipc_stress_completes_without_errors(neurath):
    text = neurath.run_command("ipcstress", timeout=300)
    assert "ipcstress summary: ok (0 failures)" in text


def test_kill_of_unknown_pid_is_an_error(neurath):
    reply = neurath.run_command("kill 9999")
    assert reply.strip() and len(reply.splitlines()) == 1


def test_background_program_is_listed_and_killed_by_pid(neurath):
    started = neurath.run_command("benchpeer &")
    pid = int(started.split("]")[0].lstrip("["))
    assert any(line.split()[0] == str(pid) and line.split()[-1] == "benchpeer"
               for line in neurath.run_command("ps").splitlines()[1:])
    killed = neurath.run_command(f"kill {pid}") + neurath.run_command("wait")
    assert "benchpeer: killed" in killed
    assert "benchpeer" not in neurath.run_command("ps")
    assert neurath.run_command("echo alive") == "alive\n"


def test_relative_paths_and_arrow_key_editing(neurath):
    assert "Welcome to Neurath" in neurath.run_command("cat etc/motd")
    neurath.send_raw("echo ac\x1b[Db\r")
    assert neurath.expect("neurath$ ").endswith("abc\nneurath$ ")
