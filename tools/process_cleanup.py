"""process_cleanup.py — the driver stops everything it started when it is told to stop.

SIGTERM, SIGINT or SIGHUP to the driver raises Stopped in its main thread, so the `with`
blocks and `finally` clauses on the way out close their QEMU sessions as usual. Then
stop_descendants() ends every process still below the driver: descendants are found
through /proc by parent pid (never by name), and the driver is a child subreaper, so a
QEMU whose own parent died first (pytest under ctest, say) is re-parented to the driver
and still found. Last, the driver ends by the same signal, so its exit status says why.

Entry points:
    become_subreaper()                 adopt orphaned descendants (Linux prctl)
    install_stop_handlers()            SIGTERM/SIGINT/SIGHUP -> raise Stopped(signum)
    Stopped                            the exception, with .signum
    sigint_left_to(child_owns_it)      a context: Ctrl-C goes to an interactive child (gdb)
    descendants(pid) -> list[int]      every process below pid, parents before children
    stop_descendants(grace)            SIGTERM, wait, SIGKILL what is left, reap
    exit_by_signal(signum)             end the driver by that signal's default action
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import time
from pathlib import Path

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
PR_SET_CHILD_SUBREAPER = 36


class Stopped(Exception):
    """The driver received a stop signal."""

    def __init__(self, signum: int):
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum


def become_subreaper() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def _raise_stopped(signum, _frame) -> None:
    for other in STOP_SIGNALS:  # a second signal must not interrupt the clean-up
        signal.signal(other, signal.SIG_IGN)
    raise Stopped(signum)


def install_stop_handlers() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_stopped)


@contextlib.contextmanager
def sigint_left_to(child_owns_it: bool):
    """While an interactive child reads the terminal (gdb), Ctrl-C is its own: the
    driver lets SIGINT pass without stopping. SIGTERM and SIGHUP still stop everything."""
    if not child_owns_it:
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda *_: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process visible in /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended while we looked
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        fields = stat[stat.rindex(")") + 2:].split()
        parents[int(entry.name)] = int(fields[1])
    return parents


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for child, parent in _parents().items():
        children.setdefault(parent, []).append(child)
    found, frontier = [], [pid]
    while frontier:
        below = [c for p in frontier for c in children.get(p, [])]
        found += below
        frontier = below
    return found


def _signal_all(pids: list[int], signum: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass


def _reap_children() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def stop_descendants(grace: float = 5.0) -> None:
    """Ends every process below the driver: SIGTERM first, SIGKILL after `grace` seconds."""
    me = os.getpid()
    _signal_all(descendants(me), signal.SIGTERM)
    deadline = time.monotonic() + grace
    while descendants(me) and time.monotonic() < deadline:
        _reap_children()
        time.sleep(0.05)
    while left := descendants(me):
        _signal_all(left, signal.SIGKILL)
        _reap_children()
        time.sleep(0.05)
    _reap_children()


def exit_by_signal(signum: int) -> None:
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    os._exit(128 + signum)  # only if the signal's default action did not end us
