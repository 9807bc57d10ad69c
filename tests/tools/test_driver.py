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


def test_update_bench_reads_rs_figures_and_checks_its_targets():
    import update_bench
    output = ("noise\nrs: update 3 ds committed load=10 quiesce=20 transfer=300 check=40 commit=5 "
              "blackout=900000 bytes=21521\nrs: update 4 ds rolled-back load=1 quiesce=2 transfer=3 check=0 "
              "commit=0 blackout=800 bytes=0 reason: ds: no\n")
    last = update_bench._last_run(output, "ds")
    assert last.verdict == "rolled-back" and last.blackout == 800
    first = update_bench.Run("committed", 10, 20, 300, 40, 5, 900_000, 21_521)
    assert first.total == 375
    fast = update_bench.UpdateFigures("ds", first, first, last)
    slow = update_bench.UpdateFigures("ds", update_bench.Run("committed", 0, 0, 0, 0, 0, 2_000_000, 100),
                                      first, last)
    big = update_bench.UpdateFigures("vfs", update_bench.Run("committed", 0, 0, 0, 0, 0, 9_000_000, 1 << 24),
                                     first, last)
    assert update_bench.meets_targets([fast, big]) and not update_bench.meets_targets([slow])
    table = update_bench.render([fast, slow], markdown=True)
    assert "| ds | 21,521 |" in table and "(MISSED)" in table
    try:
        update_bench._last_run(output, "vfs")
    except RuntimeError as error:
        assert "no update figures for vfs" in str(error)
    else:
        raise AssertionError("missing figures must be an error")
