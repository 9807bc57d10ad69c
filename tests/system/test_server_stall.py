"""test_server_stall.py — a client that never takes its answers cannot stall a server.

The bug: one `Send(vfs, ping)` or `Notify(vfs, 0)` after which the sender never
received held vfs in its reply until that sender received or died (`ls /` waited as
long as the sender held out; the same for tty, pm and ds). stallfuzz sends and
notifies every server (rs, pm, vfs, ds, tty) without ever receiving, checks each still
answers a ping within 1 s, and then holds, still taking no answers, while the shell
uses every server: each command must come back at once, not after the hold."""
import re
import time

# Host seconds one command may take while stallfuzz holds. Each answers in well
# under a second when servers do not wait for stallfuzz; with the bug they never
# answer while it holds, and it holds until killed.
PROMPT_SECONDS = 20


def timed(session, command, timeout=PROMPT_SECONDS):
    started = time.monotonic()
    output = session.run_command(command, timeout=timeout)
    return output, time.monotonic() - started


def start_holding_stallfuzz(session, count=200, seed=1):
    started = session.run_command(f"stallfuzz {count} {seed} hold &")
    job = re.search(r"^\[(\d+)\] stallfuzz", started, re.M)
    assert job, f"stallfuzz did not start as a job:\n{started[-2000:]}"
    pid = int(job.group(1))
    report = session.expect("stallfuzz: holding, taking no answers, until killed", timeout=120)
    return pid, report


def test_stallfuzz_finds_every_server_answering_after_its_unanswered_requests(neurath):
    text = neurath.run_command("stallfuzz 300 7", timeout=120)
    for server in ("rs", "pm", "vfs", "ds", "tty"):
        assert re.search(rf"^stallfuzz: {server} +\d+ requests and \d+ notifications never received .* "
                         rf"answers in \d+ us$", text, re.M), f"{server}:\n{text[-3000:]}"
    assert "stallfuzz summary: seed 7, 5/5 servers answer promptly" in text
    assert neurath.run_command("echo alive") == "alive\n"


def test_every_server_answers_the_shell_while_a_client_holds_out(neurath):
    pid, report = start_holding_stallfuzz(neurath)
    assert "5/5 servers answer promptly" in report, report
    checks = {
        "ls /": lambda out: "bin/" in out,
        "ps": lambda out: any(line.split()[0] == str(pid) and line.split()[-1] == "stallfuzz"
                              for line in out.splitlines()[1:] if line.strip()),
        "hammer ds 100": lambda out: re.search(r"hammer ds: \d+ requests, 0 failures", out) is not None,
        "echo still typing": lambda out: out == "still typing\n",
        "service list": lambda out: all(re.search(rf"^{s}\s+\d+\s+running", out, re.M)
                                        for s in ("pm", "vfs", "ds", "tty")),
    }
    for command, holds in checks.items():
        output, seconds = timed(neurath, command)
        assert holds(output), f"{command!r} while stallfuzz holds:\n{output}"
        assert seconds < PROMPT_SECONDS
    assert "stallfuzz: killed" in neurath.run_command(f"kill {pid}") + neurath.run_command("wait")
    assert "stallfuzz" not in neurath.run_command("ps")
