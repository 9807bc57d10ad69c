"""test_kv.py — the key-value service and the load programs: kvd (and its
next version, kvd.v2, built from a patch) registers in ds and answers every
checked request of kvload; hammer's checked load on ds, vfs and pm finds no
failure; and the load programs refuse bad arguments."""
import re

SUMMARY = re.compile(r"^(?P<label>kvload|hammer \w+): (?P<requests>\d+) requests, (?P<failures>\d+) failures, "
                     r"longest wait (?P<wait>\d+) us$", re.MULTILINE)


def summary(text, label):
    """The summary line's figures; fails with the whole output if there is none."""
    found = [m for m in SUMMARY.finditer(text) if m.group("label") == label]
    assert len(found) == 1, f"no single summary line for {label!r} in:\n{text}"
    return {key: int(found[0].group(key)) for key in ("requests", "failures", "wait")}


def start_kvd(session, program="kvd"):
    started = session.run_command(f"{program} &")
    assert re.search(rf"^\[\d+\] {re.escape(program)}$", started, re.MULTILINE), started
    if "kvd: ready" not in started:
        session.expect("kvd: ready", 30)


def test_kvload_gets_every_answer_right(neurath):
    start_kvd(neurath)
    figures = summary(neurath.run_command("kvload 2000", timeout=120), "kvload")
    assert figures["requests"] == 2000 and figures["failures"] == 0
    assert "kvd" in neurath.run_command("ps")


def test_two_kvloads_share_one_kvd(neurath):
    start_kvd(neurath)
    assert summary(neurath.run_command("kvload 500", timeout=120), "kvload")["failures"] == 0
    assert summary(neurath.run_command("kvload 500", timeout=120), "kvload")["failures"] == 0


def test_kvd_v2_answers_kvload_and_its_stats_requests(neurath):
    start_kvd(neurath, "kvd.v2")
    assert "v2: 64-bit values" in neurath.output
    figures = summary(neurath.run_command("kvload 2000", timeout=120), "kvload")
    assert figures["requests"] == 2000 and figures["failures"] == 0


def test_kvload_without_kvd_says_so(neurath):
    reply = neurath.run_command("kvload 10", timeout=60)
    assert "no kvd to talk to" in reply and "kvd &" in reply
    assert "exited with status 1" in reply


def test_hammer_finds_no_failure_in_ds_vfs_and_pm(neurath):
    for server, count in (("ds", 500), ("vfs", 200), ("pm", 200)):
        figures = summary(neurath.run_command(f"hammer {server} {count}", timeout=120), f"hammer {server}")
        assert figures["requests"] >= count and figures["failures"] == 0, (server, figures)
    assert not any(name.startswith("hammer.") for name in neurath.run_command("ls /").split())


def test_load_programs_refuse_bad_arguments(neurath):
    for line in ("hammer", "hammer nfs", "hammer ds many", "kvload -5", "kvload 1 2"):
        reply = neurath.run_command(line)
        assert "usage:" in reply and "exited with status 2" in reply, f"{line!r}: {reply!r}"
