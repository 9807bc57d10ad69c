"""test_hostile_kernel_calls.py — an unprivileged program attacks the kernel-call interface.

/bin/kcallfuzz (programs/kcallfuzz) makes every kernel call number and random ones with
hostile arguments and random RFLAGS bits (NT among them: `syscall` with NT set used to
panic the kernel at the iretq of the return path), and checks after every call the
registers the ABI keeps and that what must be refused is. These tests run it with several
seeds, alone and beside checked load on the servers, and then ask every server for
something: no panic, no violation, every server still answers.
"""
import re

SUMMARY = re.compile(r"kcallfuzz: seed (\d+), (\d+) rounds: (\d+) calls, (\d+) refused, (\d+) accepted, "
                     r"(\d+) skipped, (\d+) violations")
HAMMER = re.compile(r"hammer (ds|vfs): (\d+) requests, (\d+) failures[^\n]*\n")  # a whole summary line
SERVERS = ("rs", "pm", "vfs", "ds", "tty")


def run_fuzzer(session, rounds: int, seed: int) -> re.Match:
    text = session.run_command(f"kcallfuzz {rounds} {seed}", timeout=300)
    found = SUMMARY.search(text)
    assert found, f"no summary from kcallfuzz {rounds} {seed}:\n{text}"
    assert "VIOLATION" not in text and found[7] == "0", text
    calls, refused, accepted = int(found[3]), int(found[4]), int(found[5])
    assert calls == refused + accepted and calls >= rounds * 60, text
    assert refused > calls // 2, f"most hostile calls must be refused:\n{text}"
    return found


def assert_every_server_answers(session):
    names = {line.split()[-1] for line in session.run_command("ps").splitlines()[1:] if line.split()}
    assert set(SERVERS) <= names, names                                  # pm (and the kernel's table)
    assert "kcallfuzz" in session.run_command("ls /bin").split()           # vfs
    session.run_command("ds put fuzz.after alive")                          # ds
    assert "alive" in session.run_command("ds get fuzz.after")
    assert re.search(r"^ds\s+4\s+running", session.run_command("service list"), re.MULTILINE)  # rs
    assert session.run_command("echo still here") == "still here\n"        # tty
    hammered = session.run_command("hammer ds 200", timeout=120)           # a program, through ds
    assert re.search(r"hammer ds: \d+ requests, 0 failures", hammered), hammered


def test_kernel_call_fuzzer_with_several_seeds_leaves_everything_running(neurath):
    seeds = (1, 2, 1234567)
    first = run_fuzzer(neurath, 100, seeds[0])
    for seed in seeds[1:]:
        run_fuzzer(neurath, 100, seed)
    again = run_fuzzer(neurath, 100, seeds[0])
    assert (again[3], again[6]) == (first[3], first[6]), "the same seed must make the same calls"
    assert "KERNEL PANIC" not in neurath.output
    assert_every_server_answers(neurath)


def test_kernel_call_fuzzer_beside_server_load(neurath):
    neurath.run_command("hammer ds 3000 &")
    neurath.run_command("hammer vfs 400 &")
    neurath.run_command("ipcstress 3000 &")
    run_fuzzer(neurath, 100, 99)
    run_fuzzer(neurath, 100, 100)
    while len(HAMMER.findall(neurath.output)) < 2:
        neurath.expect(HAMMER.pattern, timeout=300, regex=True)
    for server, requests, failures in HAMMER.findall(neurath.output):
        assert failures == "0", f"hammer {server}: {failures} failures beside the fuzzer"
    assert "KERNEL PANIC" not in neurath.output
    assert_every_server_answers(neurath)


def test_trap_flag_into_a_kernel_call_ends_only_the_caller(neurath):
    """TF set across `syscall`: the kernel dismisses the trap of its own first instruction,
    and the program gets its debug trap back in user mode, like any unhandled exception."""
    report = neurath.run_command("crash singlestep")
    assert "user exception" in report and "debug (vector 1)" in report, report
    assert "KERNEL PANIC" not in neurath.output
    assert neurath.run_command("echo alive") == "alive\n"


def test_kernel_call_with_a_non_canonical_stack_ends_only_the_caller(neurath):
    """The kernel returns to whatever rsp the caller had (iretq does not check it); the
    program faults on its next push, in user mode."""
    report = neurath.run_command("crash badstack")
    assert "user exception" in report and "general protection fault (vector 13)" in report, report
    assert "rsp: 8000000000000000" in report and "cs: 0023" in report, report
    assert "KERNEL PANIC" not in neurath.output
    assert neurath.run_command("echo alive") == "alive\n"
