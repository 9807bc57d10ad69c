"""test_boot.py — Neurath boots to its shell, shuts down cleanly, and boots from the ISO
and through the driver's scripted mode, as a user would use it."""
import os
import subprocess
import sys

from conftest import REPO, boot, build_paths, poweroff
from qemu_session import decode_exit_status


def test_boots_to_prompt_with_kernel_banner(neurath):
    assert "Neurath kernel" in neurath.output
    assert neurath.output.rstrip().endswith("neurath$")


def test_poweroff_exits_with_success_status(neurath):
    assert decode_exit_status(poweroff(neurath)) == 0


def test_driver_types_piped_lines_and_exits_on_poweroff():
    environment = dict(os.environ, NEURATH_BUILD_DIR=str(build_paths().target_dir.parent))
    # --no-build: the suite runs on what is built; a build here would rewrite the boot
    # modules under the other tests' running machines.
    result = subprocess.run([sys.executable, str(REPO / "neurath"), "run", "--no-build"],
                            input="echo piped-line-reached-the-shell\nps\npoweroff\n",
                            capture_output=True, text=True, env=environment, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "piped-line-reached-the-shell" in result.stdout
    assert "vfs" in result.stdout


def test_boots_from_grub_iso():
    build = subprocess.run(["cmake", "--build", str(build_paths().target_dir), "--target", "iso"],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    session = boot(iso=True)
    try:
        session.wait_prompt(120)
        assert "Neurath kernel" in session.output
        assert decode_exit_status(poweroff(session)) == 0
    finally:
        session.close()
