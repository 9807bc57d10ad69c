"""test_faults.py — isolation and recovery: a crashing server is restarted at the same
endpoint, denied calls return errors, malformed messages leave every server alive."""
import re

SERVERS = ("rs", "pm", "vfs", "ds", "tty")


def ps_table(session):
    table = {}
    for line in session.run_command("ps").splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 4:
            table[fields[-1]] = (int(fields[0]), int(fields[1]))
    return table


def test_crashed_server_is_restarted_with_same_endpoint(neurath):
    before = ps_table(neurath)
    report = neurath.run_command("service crash ds")
    assert "rs: restarted ds at endpoint 4" in report or \
        "rs: restarted ds at endpoint 4" in neurath.expect("restarted ds", 30)
    after = ps_table(neurath)
    assert after["ds"][1] == before["ds"][1] == 4
    assert after["ds"][0] != before["ds"][0], "ds was not actually replaced"
    listing = neurath.run_command("service list")
    assert re.search(r"^ds\s+4\s+running\s+1\b", listing, re.MULTILINE), listing


def test_restarted_file_server_keeps_serving(neurath):
    neurath.run_command("service crash vfs")
    neurath.expect("restarted vfs", 30) if "restarted vfs" not in neurath.output else None
    assert "sh" in neurath.run_command("ls /bin").split()
    neurath.run_command("echo after-restart > /r.txt")
    assert neurath.run_command("cat /r.txt") == "after-restart\n"


def test_denied_ipc_and_kernel_calls_return_errors(neurath):
    text = neurath.run_command("denied")
    assert "send to rs: permission denied" in text
    assert "IoPortEnable: permission denied" in text
    assert re.search(r"denied: \d+ refused, 0 allowed", text), text
    assert set(SERVERS) <= set(ps_table(neurath))


def test_malformed_messages_leave_every_server_alive(neurath):
    before = ps_table(neurath)
    text = neurath.run_command("msgfuzz", timeout=300)
    assert "5/5 servers answer" in text, text
    after = ps_table(neurath)
    for server in SERVERS:
        assert after[server] == before[server], f"{server} died or was restarted"
    assert neurath.run_command("echo alive") == "alive\n"
