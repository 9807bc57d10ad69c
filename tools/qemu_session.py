"""qemu_session.py — boot Neurath in QEMU and drive its shell over the serial line.

Used by the `neurath` driver (run, bench) and by the QEMU system tests. One
QemuSession is one QEMU process, started with the serial port on its standard
input/output. Output is read on a background thread into a buffer, so callers
wait for events (`expect`) rather than sleeping. Every QEMU started here is
stopped by its own PID when the session closes.

Entry points:
    qemu_command(paths, iso=False, icount=False, gdb=False, network=None,
                 lan=None, extra_modules=(), idle_in_real_time=False) -> list[str]
    QemuSession(command, echo=None)   .expect(), .wait_until(), .send_line(),
                                      .run_command(), .wait_exit(), .close()
    decode_exit_status(qemu_status) -> the OS's own exit code or None
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from qemu_network import DatagramLink, PortForward, datagram_arguments, network_arguments

PROMPT = "neurath$ "
BOOT_MODULES = ("rs", "pm", "vfs", "ds", "tty", "bootimage")


@dataclass(frozen=True)
class BuildPaths:
    """Where the target build puts what QEMU boots."""

    target_dir: Path

    @property
    def kernel(self) -> Path:
        return self.target_dir / "kernel" / "kernel.elf"

    @property
    def boot_dir(self) -> Path:
        return self.target_dir / "boot"

    @property
    def iso(self) -> Path:
        return self.boot_dir / "neurath.iso"

    def module(self, name: str) -> Path:
        return self.boot_dir / "modules" / name


def qemu_command(paths: BuildPaths, iso: bool = False, icount: bool = False,
                 gdb: bool = False, memory_mb: int = 256,
                 network: list[PortForward] | None = None, lan: DatagramLink | None = None,
                 extra_modules: tuple[Path, ...] | list[Path] = (), idle_in_real_time: bool = False) -> list[str]:
    """The QEMU command line that boots Neurath headless with the serial port on stdio;
    with `network` (a list of port forwards, possibly empty) also a NIC on a restricted
    user network, with `lan` a NIC on a dgram netdev (qemu_network.py). `extra_modules`
    are files added after the boot modules (a module's name is its file's basename).
    With `icount` the guest clock counts instructions; while the guest idles it jumps
    to the next timer (sleep=off), or with `idle_in_real_time` follows the host's
    clock (sleep=on: a guest waiting for a host peer keeps real timeouts)."""
    if network is not None and lan is not None:
        raise ValueError("a machine has one NIC: user network or datagram link, not both")
    cmd = ["qemu-system-x86_64", "-machine", "pc", "-cpu", "max", "-m", str(memory_mb),
           "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if iso:
        cmd += ["-cdrom", str(paths.iso), "-boot", "d"]
    else:
        files = [paths.module(name) for name in BOOT_MODULES] + list(extra_modules)
        cmd += ["-kernel", str(paths.kernel), "-initrd", ",".join(_module_item(f) for f in files)]
    if icount:
        cmd += ["-icount", "shift=0,align=off,sleep=" + ("on" if idle_in_real_time else "off")]
    if gdb:
        cmd += ["-s", "-S"]
    if network is not None:
        cmd += network_arguments(network)
    if lan is not None:
        cmd += datagram_arguments(lan)
    return cmd


def _module_item(path: Path) -> str:
    """One -initrd entry: QEMU splits the list at commas and a module's command line
    at spaces, so a path holding either cannot be passed."""
    text = str(path)
    if "," in text or " " in text:
        raise ValueError(f"boot module path {text!r} holds a comma or a space; QEMU cannot load it")
    return text


def decode_exit_status(status: int) -> int | None:
    """isa-debug-exit makes QEMU exit with (code << 1) | 1; return code, or None if QEMU
    ended another way (killed, crashed, closed by a signal)."""
    if status > 0 and status & 1:
        return status >> 1
    return None


class SessionError(RuntimeError):
    """The guest did not do what was expected; carries the output seen so far."""


class QemuSession:
    """One running QEMU whose serial line is driven by the caller."""

    def __init__(self, command: list[str], echo=None):
        self._echo = echo
        self._buffer = ""
        self._consumed = 0
        self._cond = threading.Condition()
        self._eof = False
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        self._reader = threading.Thread(target=self._read_output, daemon=True)
        self._reader.start()

    # -- output ---------------------------------------------------------------
    def _read_output(self) -> None:
        stream = self.process.stdout
        while True:
            try:
                chunk = os.read(stream.fileno(), 4096)
            except (OSError, ValueError):  # close() closed the pipe under us
                break
            if not chunk:
                break
            text = chunk.decode("utf-8", errors="replace").replace("\r", "")
            if self._echo is not None:
                self._echo(text)
            with self._cond:
                self._buffer += text
                self._cond.notify_all()
        with self._cond:
            self._eof = True
            self._cond.notify_all()

    @property
    def output(self) -> str:
        """Everything the guest has printed so far."""
        with self._cond:
            return self._buffer

    def expect(self, pattern: str, timeout: float = 30.0, regex: bool = False) -> str:
        """Wait until `pattern` appears after the last match; return the text up to and
        including it. Raises SessionError on timeout or if QEMU exits first."""
        matcher = re.compile(pattern if regex else re.escape(pattern))
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = matcher.search(self._buffer, self._consumed)
                if found:
                    text = self._buffer[self._consumed:found.end()]
                    self._consumed = found.end()
                    return text
                remaining = deadline - time.monotonic()
                if self._eof or remaining <= 0:
                    why = "QEMU exited" if self._eof else f"timed out after {timeout:.0f}s"
                    raise SessionError(f"waiting for {pattern!r}: {why}; output so far:\n"
                                       f"{self._buffer[-4000:]}")
                self._cond.wait(remaining)

    def wait_until(self, condition, what: str, timeout: float = 30.0) -> str:
        """Wait until condition(all output so far) holds; return that output. Raises
        SessionError naming `what` on timeout or if QEMU exits first."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not condition(self._buffer):
                remaining = deadline - time.monotonic()
                if self._eof or remaining <= 0:
                    why = "QEMU exited" if self._eof else f"timed out after {timeout:.0f}s"
                    raise SessionError(f"waiting for {what}: {why}; output so far:\n{self._buffer[-4000:]}")
                self._cond.wait(remaining)
            return self._buffer

    # -- input ----------------------------------------------------------------
    def send_raw(self, data: str) -> None:
        self.process.stdin.write(data.encode())
        self.process.stdin.flush()

    def send_line(self, line: str) -> None:
        self.send_raw(line + "\r")

    def wait_prompt(self, timeout: float = 30.0) -> str:
        return self.expect(PROMPT, timeout)

    def run_command(self, line: str, timeout: float = 30.0) -> str:
        """Type one shell command after a prompt has been seen; return what it printed
        (without the echoed command line and without the next prompt)."""
        self.send_line(line)
        text = self.expect(PROMPT, timeout)
        body = text[: -len(PROMPT)]
        first_newline = body.find("\n")
        return body[first_newline + 1:] if first_newline >= 0 else ""

    # -- lifetime -------------------------------------------------------------
    def wait_exit(self, timeout: float = 30.0) -> int:
        """Wait for QEMU to end by itself; return its exit status."""
        try:
            status = self.process.wait(timeout)
        except subprocess.TimeoutExpired as exc:
            raise SessionError(f"QEMU did not exit within {timeout:.0f}s; output:\n"
                               f"{self.output[-4000:]}") from exc
        self._reader.join(timeout=5)
        return status

    def close(self) -> None:
        """Stop QEMU (by its own PID) if it still runs."""
        if self.process.poll() is None:
            try:
                os.kill(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.kill(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def __enter__(self) -> "QemuSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
