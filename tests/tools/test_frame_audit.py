"""test_frame_audit.py — reading the kernel's frame-leak check from serial output: the
two counts and their difference, the processes left at poweroff, the last boot only."""
import frame_audit

SESSION = """\
memory: 255 MiB usable, 64000 frames free, heap 4096 KiB
memory: 62978 frames free after boot
neurath$ poweroff
kernel: shutdown requested by rs (endpoint 1), code 0
memory: at poweroff rs pid 1 endpoint 1 held 300 frames
memory: at poweroff pm pid 5 endpoint 2 held 120 frames
memory: at poweroff vfs pid 4 endpoint 3 held 3700 frames
memory: at poweroff ds pid 3 endpoint 4 held 90 frames
memory: at poweroff tty pid 2 endpoint 5 held 80 frames
memory: at poweroff sh pid 6 endpoint 16 held 100 frames
{extra}memory: {final} frames free at poweroff once every process ended (after boot 62978, difference 0)
"""


def audit_of(final=62978, extra=""):
    return frame_audit.parse(SESSION.format(final=final, extra=extra))


def test_equal_counts_mean_no_frame_lost():
    audit = audit_of()
    assert (audit.after_boot, audit.at_poweroff, audit.difference) == (62978, 62978, 0)
    assert [p.name for p in audit.held] == ["rs", "pm", "vfs", "ds", "tty", "sh"]
    assert audit.leftovers() == []
    assert "difference 0: no frame lost" in audit.describe()


def test_a_lower_count_at_poweroff_is_reported_as_lost_frames():
    audit = audit_of(final=62678)
    assert audit.difference == 300
    assert "300 FRAMES LOST" in audit.describe()


def test_processes_beyond_the_servers_and_the_shell_are_left_over():
    extra = ("memory: at poweroff benchpeer pid 40 endpoint 30 held 75 frames\n"
             "memory: at poweroff sh pid 41 endpoint 31 held 99 frames\n")
    audit = audit_of(extra=extra)
    assert [(p.name, p.pid, p.frames) for p in audit.leftovers()] == [("benchpeer", 40, 75), ("sh", 41, 99)]
    assert "benchpeer (pid 40, 75 frames), sh (pid 41, 99 frames), 174 frames" in audit.describe()


def test_only_the_last_boot_counts_and_a_run_without_poweroff_has_no_audit():
    assert frame_audit.parse("memory: 5 frames free after boot\nneurath$ ") is None
    earlier_boot = "memory: 10 frames free after boot\nmemory: at poweroff x pid 9 endpoint 20 held 1 frames\n"
    audit = frame_audit.parse(earlier_boot + SESSION.format(final=62978, extra=""))
    assert audit.after_boot == 62978 and "x" not in [p.name for p in audit.held]


def test_netdrv_on_a_machine_with_a_nic_is_a_server_not_a_leftover():
    audit = audit_of(extra="memory: at poweroff netdrv pid 7 endpoint 6 held 194 frames\n")
    assert audit.leftovers() == [] and "still running" not in audit.describe()
