"""test_driver_signals.py — a stop signal to the driver stops every QEMU it started
(`run`, `bench`, and each instance of `cluster`).

Regression for `timeout 240 ./neurath run` (SIGTERM to the driver) leaving its QEMU
running, orphaned. Each test starts the driver on the system already built (--no-build),
waits until its QEMU is up, sends one signal to the driver's pid, and asserts that the
driver ended by that signal and that the QEMU process is gone. QEMU is found through the
driver itself (it names the pid it started) and the driver's process tree, never by name.

Needs the target build (NEURATH_BUILD_DIR, default ./build).
"""
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import process_cleanup

REPO = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("NEURATH_BUILD_DIR", REPO / "build"))
KERNEL = BUILD / "target" / "kernel" / "kernel.elf"
QEMU = Path(shutil.which("qemu-system-x86_64") or "/usr/bin/qemu-system-x86_64").resolve()
DEADLINE = 60.0


class Driver:
    """`./neurath <verb> --no-build` with its output collected on a thread."""

    def __init__(self, verb: list[str], typed: str = ""):
        if not KERNEL.exists():
            pytest.fail(f"not built: {KERNEL}")
        environment = dict(os.environ, NEURATH_BUILD_DIR=str(BUILD), PYTHONDONTWRITEBYTECODE="1")
        self.process = subprocess.Popen([sys.executable, str(REPO / "neurath"), *verb, "--no-build"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, env=environment)
        self.process.stdin.write(typed.encode())
        self.process.stdin.close()
        self.output = ""
        self.qemu_seen: set[int] = set()  # so close() can stop them even if the driver failed to
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while chunk := os.read(self.process.stdout.fileno(), 4096):
            with self._changed:
                self.output += chunk.decode(errors="replace")
                self._changed.notify_all()

    def wait_for(self, text: str) -> None:
        with self._changed:
            ok = self._changed.wait_for(lambda: text in self.output or self.process.poll() is not None,
                                        DEADLINE)
        assert ok and text in self.output, f"no {text!r} from the driver:\n{self.output[-3000:]}"

    def qemu_children(self) -> list[int]:
        found = [pid for pid in process_cleanup.descendants(self.process.pid) if _executable(pid) == QEMU]
        self.qemu_seen.update(found)
        return found

    def stop(self, signum: int) -> int:
        os.kill(self.process.pid, signum)
        try:
            status = self.process.wait(DEADLINE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        self._reader.join(DEADLINE)  # everything the driver wrote before it ended
        return status

    def close(self) -> None:
        """Whatever happened, leave nothing running: the driver's descendants, and every QEMU
        it was seen to start (orphaned, should the driver have failed to stop it)."""
        pids = process_cleanup.descendants(self.process.pid)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pid in pids:
            _kill_quietly(pid)
        for pid in self.qemu_seen:
            if _executable(pid) == QEMU:
                _kill_quietly(pid)


def _executable(pid: int) -> Path | None:
    try:
        return Path(os.readlink(f"/proc/{pid}/exe"))
    except OSError:
        return None


def _kill_quietly(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _is_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return state[state.rindex(")") + 2] == "Z"  # ended, only its exit status left


@pytest.fixture
def driver():
    started = []
    yield lambda *args, **kwargs: started.append(Driver(*args, **kwargs)) or started[-1]
    for each in started:
        each.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_stop_signal_to_run_stops_its_qemu(driver, signum):
    # A long foreground program keeps the machine busy, so QEMU is running when the signal comes.
    run = driver(["run"], typed="ipcstress 100000000\n")
    run.wait_for("neurath: QEMU started (pid ")
    announced = int(run.output.split("neurath: QEMU started (pid ")[1].split(")")[0])
    run.wait_for("neurath$ ")
    assert run.qemu_children() == [announced]
    status = run.stop(signum)
    assert status == -signum, f"driver status {status}; output:\n{run.output[-2000:]}"
    assert _is_gone(announced), f"QEMU {announced} still runs after {signal.Signals(signum).name}"
    assert f"stopped by {signal.Signals(signum).name}" in run.output


def test_sigterm_to_bench_stops_its_qemu(driver):
    bench = driver(["bench"])
    deadline = time.monotonic() + DEADLINE
    while not (qemu := bench.qemu_children()):
        assert bench.process.poll() is None and time.monotonic() < deadline, bench.output[-2000:]
        time.sleep(0.05)
    status = bench.stop(signal.SIGTERM)
    assert status == -signal.SIGTERM, bench.output[-2000:]
    assert all(_is_gone(pid) for pid in qemu), f"QEMU {qemu} still runs after SIGTERM"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_stop_signal_to_cluster_stops_every_qemu_it_started(driver, signum):
    cluster = driver(["cluster", "2"], typed="@all ipcstress 100000000\n")
    cluster.wait_for("node1| neurath$ ")
    cluster.wait_for("node2| neurath$ ")
    announced = [int(part.split(")")[0]) for part in cluster.output.split("booting (QEMU pid ")[1:]]
    assert len(announced) == 2 and sorted(cluster.qemu_children()) == sorted(announced)
    status = cluster.stop(signum)
    assert status == -signum, cluster.output[-2000:]
    assert all(_is_gone(pid) for pid in announced), f"QEMU {announced} still runs after {signal.Signals(signum).name}"
