"""driver_actions.py — what each verb of the `neurath` driver does.

Set-up (Debian packages), configure and build through CMake, boot QEMU
interactively or fed from a pipe, boot a cluster of instances on one virtual
LAN (cluster_run.py) (a piped run ending in `poweroff` reports the
kernel's frame-leak check, frame_audit.py), run the test suite through ctest,
build the ISO, start a gdb session, and run the -icount benchmarks. Python 3 standard
library only.

Entry point: Actions(root, build_dir) with one method per verb; each returns
the process exit status or raises DriverError with a one-line reason.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import bench_report
import cluster_run
import cluster_script
import frame_audit
import net_bench
import process_cleanup
import update_bench
from qemu_session import BuildPaths, QemuSession, SessionError, decode_exit_status, qemu_command

REQUIRED_PACKAGES = (
    "cmake", "ninja-build", "clang-16", "lld-16", "llvm-16-dev", "llvm-16-tools",
    "qemu-system-x86", "grub-pc-bin", "grub-common", "xorriso", "mtools",
    "python3", "python3-pytest", "libgtest-dev", "libgmock-dev", "gdb", "dpkg-dev", "valgrind",
    "patch",
)


class DriverError(RuntimeError):
    """A verb could not do its work; the message says why."""


def missing_packages(packages=REQUIRED_PACKAGES) -> list[str]:
    missing = []
    for package in packages:
        query = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                               capture_output=True, text=True)
        if query.returncode != 0 or "install ok installed" not in query.stdout:
            missing.append(package)
    return missing


class Actions:
    def __init__(self, root: Path, build_dir: Path):
        self.root = root
        self.build_dir = build_dir
        self.paths = BuildPaths(build_dir / "target")

    # -- set-up and build -----------------------------------------------------
    def setup(self) -> int:
        missing = missing_packages()
        if not missing:
            return 0
        install = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
        if os.geteuid() != 0:
            raise DriverError("missing Debian packages; install them as root with:\n  "
                              + " ".join(install))
        print(f"neurath: installing {' '.join(missing)}", file=sys.stderr)
        environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.run(install, env=environment).returncode != 0:
            subprocess.run(["apt-get", "update"], env=environment, check=False)
            if subprocess.run(install, env=environment).returncode != 0:
                raise DriverError("apt-get install failed: " + " ".join(install))
        return 0

    def build(self) -> int:
        self.setup()
        if not (self.build_dir / "CMakeCache.txt").exists():
            self._call(["cmake", "-S", str(self.root), "-B", str(self.build_dir), "-G", "Ninja",
                        "-DCMAKE_BUILD_TYPE=RelWithDebInfo"], "configure")
        jobs = str(os.cpu_count() or 2)
        self._call(["cmake", "--build", str(self.build_dir), "-j", jobs], "build")
        return 0

    def _call(self, command: list[str], what: str) -> None:
        if subprocess.run(command).returncode != 0:
            raise DriverError(f"{what} failed: {' '.join(command)}")

    # -- run ------------------------------------------------------------------
    def run(self, iso: bool, timeout: float, build: bool = True, network=None) -> int:
        """Boot into the shell; `network`: None, or the port forwards of a --net machine."""
        if build:
            self.build()
        if iso:
            self.iso()
        command = qemu_command(self.paths, iso=iso, network=network)
        if sys.stdin.isatty():
            return self._run_interactive(command)
        return self._run_scripted(command, sys.stdin.read().splitlines(), timeout)

    def _run_interactive(self, command: list[str]) -> int:
        print("neurath: booting; type `help` in the shell, `poweroff` to stop "
              "(Ctrl-C kills QEMU)", file=sys.stderr)
        status = subprocess.run(command).returncode  # on Stopped, run() kills QEMU
        return self._os_status(status)

    def _run_scripted(self, command: list[str], lines: list[str], timeout: float) -> int:
        write = lambda text: (sys.stdout.write(text), sys.stdout.flush())
        with QemuSession(command, echo=write) as session:
            print(f"neurath: QEMU started (pid {session.process.pid})", file=sys.stderr, flush=True)
            try:
                for line in lines:
                    session.wait_prompt(timeout)
                    session.send_line(line)
                    if line.strip() == "poweroff":
                        status = session.wait_exit(timeout)
                        self._report_frames(session.output)
                        return self._os_status(status)
                session.wait_prompt(timeout)
            except SessionError as error:
                if session.process.poll() is not None:
                    return self._os_status(session.process.returncode)
                raise DriverError(str(error).splitlines()[0]) from error
        print("\nneurath: input ended without `poweroff`; stopped the machine", file=sys.stderr)
        return 0

    @staticmethod
    def _report_frames(output: str) -> None:
        audit = frame_audit.parse(output)
        if audit is not None:
            print(f"\nneurath: {audit.describe()}", file=sys.stderr)

    @staticmethod
    def _os_status(qemu_status: int) -> int:
        code = decode_exit_status(qemu_status)
        if code is None:
            print(f"neurath: QEMU ended without a shutdown by the OS (status {qemu_status})",
                  file=sys.stderr)
            return 1
        return code

    # -- cluster --------------------------------------------------------------
    def cluster(self, count: int, timeout: float, build: bool = True) -> int:
        """Boot `count` instances on one LAN; a terminal types into them, a pipe is a script."""
        interactive = sys.stdin.isatty()
        actions = []
        if not interactive:
            try:
                actions = cluster_script.parse_script(sys.stdin.read().splitlines(), count)
            except cluster_script.ScriptError as error:
                raise DriverError(f"cluster: {error}; nothing was booted") from error
        if build:
            self.build()
        with cluster_run.Cluster(self.paths, count, show_prompts=interactive) as cluster:
            if interactive:
                return cluster.run_interactive(timeout)
            return cluster.run_script(actions, timeout)

    # -- test -----------------------------------------------------------------
    def test(self) -> int:
        self.build()
        jobs = str(os.cpu_count() or 2)
        return subprocess.run(["ctest", "--test-dir", str(self.build_dir),
                               "--output-on-failure", "--timeout", "900", "-j", jobs]).returncode

    # -- iso and debug --------------------------------------------------------
    def iso(self) -> int:
        self._call(["cmake", "--build", str(self.build_dir / "target"), "--target", "iso"],
                   "ISO build")
        print(f"neurath: ISO at {self.paths.iso}", file=sys.stderr)
        return 0

    def debug(self) -> int:
        self.build()
        serial_log = self.build_dir / "debug-serial.log"
        command = qemu_command(self.paths, gdb=True)
        command[command.index("stdio")] = f"file:{serial_log}"
        qemu = subprocess.Popen(command, stdin=subprocess.DEVNULL, start_new_session=True)
        print(f"neurath: QEMU halted with a gdb stub on :1234 (pid {qemu.pid}); serial output "
              f"goes to {serial_log}", file=sys.stderr)
        try:
            gdb = ["gdb", "-q", str(self.paths.kernel), "-ex", "target remote :1234"]
            with process_cleanup.sigint_left_to(sys.stdin.isatty()):
                return subprocess.run(gdb).returncode
        finally:
            if qemu.poll() is None:
                os.kill(qemu.pid, signal.SIGTERM)
                qemu.wait()

    # -- bench ----------------------------------------------------------------
    def bench(self, suite: str = "system", markdown: bool = False, build: bool = True) -> int:
        if build:
            self.build()
        report = {"update": update_bench, "net": net_bench}.get(suite, bench_report)
        command = report.command(self.paths) if suite in ("net", "update") else qemu_command(self.paths, icount=True)
        figures = report.collect(command)
        print(report.render(figures, markdown))
        return 0 if report.meets_targets(figures) else 1
