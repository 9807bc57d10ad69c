"""test_driver.py — the driver's pure parts: exit-status mapping, the set-up message for
non-root users, the benchmark parser and table, and the QEMU command line."""
from pathlib import Path

import pytest

import bench_report
import driver_actions
from qemu_session import BuildPaths, decode_exit_status, qemu_command


@pytest.mark.parametrize("status, code", [(1, 0), (3, 1), (255, 127), (0, None), (-15, None),
                                          (2, None)])
def test_exit_status_maps_debug_exit_codes(status, code):
    assert decode_exit_status(status) == code


def test_setup_prints_the_exact_install_line_when_not_root(monkeypatch, tmp_path):
    monkeypatch.setattr(driver_actions, "missing_packages", lambda: ["clang-16", "xorriso"])
    monkeypatch.setattr(driver_actions.os, "geteuid", lambda: 1000)
    actions = driver_actions.Actions(tmp_path, tmp_path / "build")
    with pytest.raises(driver_actions.DriverError) as error:
        actions.setup()
    assert "apt-get install -y --no-install-recommends clang-16 xorriso" in str(error.value)


def test_setup_does_nothing_when_everything_is_installed(monkeypatch, tmp_path):
    monkeypatch.setattr(driver_actions, "missing_packages", lambda: [])
    monkeypatch.setattr(driver_actions.subprocess, "run",
                        lambda *a, **k: pytest.fail("must not run anything"))
    assert driver_actions.Actions(tmp_path, tmp_path / "b").setup() == 0


def test_qemu_command_boots_kernel_with_all_modules_or_the_iso():
    paths = BuildPaths(Path("/b/target"))
    command = qemu_command(paths, icount=True)
    modules = command[command.index("-initrd") + 1].split(",")
    assert [Path(m).name for m in modules] == ["rs", "pm", "vfs", "ds", "tty", "bootimage"]
    assert "shift=0,align=off,sleep=off" in command
    assert "isa-debug-exit,iobase=0xf4,iosize=0x04" in command
    iso = qemu_command(paths, iso=True)
    assert "-kernel" not in iso and iso[iso.index("-cdrom") + 1].endswith("neurath.iso")


def test_bench_report_parses_renders_and_checks_targets():
    figures = [bench_report.Figure("ipc_roundtrip", 1200, "instructions"),
               bench_report.Figure("boot_to_prompt", 60_000_000, "instructions"),
               bench_report.Figure("spawn", 5, "instructions")]
    table = bench_report.render(figures, markdown=True)
    assert "| null IPC round trip between two user processes | 1,200 |" in table
    assert "MISSED" in table
    assert not bench_report.meets_targets(figures)
    assert bench_report.meets_targets(figures[:1])
    parsed = bench_report.LINE.findall("noise\nbench spawn 42 instructions\nbench x y z\n")
    assert parsed == [("spawn", "42", "instructions")]
