"""test_kernel_selftest.py — boot the kernel with its self-test as rs.

Runs without any server: the self-test (kernel/selftest/) checks the kernel
through raw kernel calls and shuts down with 0 only if every check held.
Also checks that the kernel panics with a report when rs dies, when there
is no rs module, when rs is not a valid executable, and when the kernel
overflows its own stack (command line `fault=kernel-stack-overflow`), and
runs the self-test once more through GRUB (Multiboot2) from a throwaway ISO.

Build paths: NEURATH_BUILD_DIR (the host build dir; the target world is in
its `target` subfolder), as for the other QEMU system tests. Each QEMU run
is bounded by a timeout.
"""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("NEURATH_BUILD_DIR", REPO / "build")) / "target"
KERNEL = TARGET / "kernel" / "kernel.elf"
SELFTEST_DIR = TARGET / "kernel" / "selftest"
PANIC_STATUS = 255           # isa-debug-exit: (0x7F << 1) | 1
SUCCESS_STATUS = (0 << 1) | 1


def boot(modules, timeout=120, command_line=None):
    for path in [KERNEL, *modules]:
        if not Path(path).exists():
            pytest.fail(f"not built: {path}")
    command = [
        "qemu-system-x86_64", "-machine", "q35", "-cpu", "max", "-m", "256M",
        "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
        "-kernel", str(KERNEL), "-initrd", ",".join(str(m) for m in modules),
    ]
    if command_line is not None:
        command += ["-append", command_line]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    return done.returncode, done.stdout.decode(errors="replace")


def test_selftest_passes():
    status, output = boot([SELFTEST_DIR / "rs"])
    assert output.startswith("Neurath kernel"), output[:200]
    assert "FAIL" not in output, output
    assert "selftest: " in output and " checks, 0 failed" in output, output[-2000:]
    assert status == SUCCESS_STATUS, output[-2000:]


def test_rs_death_panics_with_a_report():
    status, output = boot([SELFTEST_DIR / "rs", SELFTEST_DIR / "die"])
    assert status == PANIC_STATUS, output[-2000:]
    assert "process: rs  pid: 1  endpoint: 1" in output
    assert "exception: page fault (vector 14)" in output
    assert "fault address (cr2): 000000000dead000" in output
    assert "KERNEL PANIC: rs (pid 1) faulted" in output


def test_missing_rs_panics():
    status, output = boot([SELFTEST_DIR / "die"])
    assert status == PANIC_STATUS, output
    assert 'no boot module named "rs"' in output


def test_malformed_rs_is_refused(tmp_path):
    bogus = tmp_path / "rs"
    bogus.write_bytes(b"\x7fELF" + b"\x00" * 200)
    status, output = boot([bogus])
    assert status == PANIC_STATUS, output
    assert "cannot start rs: not a valid executable" in output


def test_kernel_stack_overflow_hits_the_guard_page_and_reports_a_double_fault():
    """Regression: the kernel stacks were arrays among kernel data, so a kernel fault could
    push its frame onto the process table and print garbage. Now the overflow runs into the
    unmapped page below the kernel stack (0xFFFFFFFFC0000000), the page fault cannot be
    delivered on that stack, and the double fault runs on its own IST stack."""
    status, output = boot([SELFTEST_DIR / "rs"], command_line="fault=kernel-stack-overflow")
    assert status == PANIC_STATUS, output[-2000:]
    assert "fault injection: overflowing the kernel stack" in output
    assert "==== KERNEL EXCEPTION ====" in output and "process: (kernel)" in output, output[-2000:]
    assert "exception: double fault (vector 8)" in output, output[-2000:]
    assert "fault address (cr2): ffffffffc0000" in output, output[-2000:]
    assert "kernel stack overflow: the kernel stack ran into its guard page at ffffffffc0000000" in output
    assert "KERNEL PANIC: double fault in kernel mode" in output
    assert "selftest:" not in output, "rs must never have started"


def test_selftest_passes_under_grub_multiboot2(tmp_path):
    """The same self-test, loaded by GRUB through the Multiboot2 header."""
    if shutil.which("grub-mkrescue") is None:
        pytest.skip("grub-mkrescue not installed")
    root = tmp_path / "iso"
    (root / "boot" / "grub").mkdir(parents=True)
    shutil.copy(KERNEL, root / "boot" / "kernel.elf")
    shutil.copy(SELFTEST_DIR / "rs", root / "boot" / "rs")
    (root / "boot" / "grub" / "grub.cfg").write_text(
        "set timeout=0\nset default=0\n"
        'menuentry "Neurath self-test" {\n'
        "    multiboot2 /boot/kernel.elf\n    module2 /boot/rs rs --selftest\n    boot\n}\n")
    iso = tmp_path / "selftest.iso"
    subprocess.run(["grub-mkrescue", "-o", str(iso), str(root)], check=True, capture_output=True, timeout=120)
    command = [
        "qemu-system-x86_64", "-machine", "pc", "-cpu", "max", "-m", "256M",
        "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-cdrom", str(iso),
    ]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    output = done.stdout.decode(errors="replace")
    assert "boot: Multiboot2" in output, output[-2000:]
    assert 'module 0 "rs"' in output
    assert " checks, 0 failed" in output and "FAIL" not in output, output[-2000:]
    assert done.returncode == SUCCESS_STATUS
