"""test_update_command.py — the shell's live-update commands as a user meets
them before anything reaches rs: every bad argument of `update` is one line
naming the argument; `help` explains the forms and options; `ps` and
`service list` show versions."""
import re

BAD_ARGUMENTS = {
    "update kvd": "kvd: missing the binary to load",
    "update --round-trip": "missing what to update",
    "update ds /sbin/ds.next --fast": "unknown option --fast",
    "update ds /sbin/ds.next --state": "--state: missing value",
    "update ds /sbin/ds.next --timeout": "--timeout: missing value",
    "update ds /sbin/ds.next --timeout soon": "--timeout: 'soon' is not a number of milliseconds",
    "update ds /sbin/ds.next --timeout 0": "--timeout: must be at least 1 ms",
    "update ds /sbin/ds.next /extra": "unexpected argument '/extra'",
    "update a:/a b:/b c:/c d:/d e:/e f:/f g:/g": "too many targets: 7 (at most 6",
    "update ds:/a vfs": "'vfs': expected <name>:<binary>",
    "update ds:/a ds:/b": "ds: named twice",
    "update averyveryverylongname /bin/x": "averyveryverylongname': name too long (21 characters, at most 15)",
    "update ds /" + "p" * 100: "path too long (101 bytes, at most 95)",
    "update ds /x --state " + "f" * 170: "--state: expression too long (170 characters, at most 159)",
    "update --undo": "--undo: missing the name",
    "update --undo ds --state x": "--undo cannot be combined with --state",
}


def test_bad_update_arguments_are_one_line_naming_the_argument(neurath):
    for line, message in BAD_ARGUMENTS.items():
        reply = neurath.run_command(line)
        assert reply.startswith("update: ") and message in reply, f"{line!r}: {reply!r}"
        assert len(reply.strip().splitlines()) == 1, f"{line!r}: {reply!r}"
    assert "usage: update" in neurath.run_command("update")
    assert neurath.run_command("echo still here") == "still here\n"


def test_a_quoted_state_filter_passes_the_shell(neurath):
    # One quoted word with spaces and '>': the shell sends it; rs refuses the
    # unknown target (or, without live update, the request), in one line.
    reply = neurath.run_command('update nosuchthing /sbin/ds --state "store.count_ > 0" --timeout 500')
    assert reply.startswith("update: ") and len(reply.strip().splitlines()) == 1, reply
    assert "syntax error" not in reply and "--state" not in reply and "--timeout" not in reply, reply


def test_help_explains_the_update_forms_and_options(neurath):
    text = neurath.run_command("help")
    for part in ("update <name> <binary>", "update <name>:<binary>", "update --undo <name>", "--state EXPR",
                 "--timeout MS", "--prepare-only", "--round-trip", "  updates "):
        assert part in text, f"help does not explain {part!r}"


def test_ps_and_service_list_show_versions(neurath):
    ps = neurath.run_command("ps").splitlines()
    assert ps[0].split() == ["PID", "EP", "STATE", "VERSION", "MEM", "NAME"]
    assert all(line.split()[4].isdigit() for line in ps[1:] if line.strip())
    assert all(re.fullmatch(r"[0-9a-f]{8}", line.split()[3]) for line in ps[1:] if line.strip())
    services = neurath.run_command("service list").splitlines()
    assert services[0].split()[-1] == "VERSION"
    assert all(re.fullmatch(r"[0-9a-f]{8}", line.split()[-1]) for line in services[1:] if line.strip())
