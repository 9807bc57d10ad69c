"""cluster_run.py — `./neurath cluster N`: N Neurath instances on one virtual LAN.

A Cluster boots N QEMUs, each with a virtio-net NIC on a `dgram` netdev joined
to one LanSwitch (lan_switch.py; every socket on 127.0.0.1) and its own
net.conf boot module (cluster_nodes.py, written to a temporary folder removed
at the end). Each instance's output is printed line by line prefixed with its
name (`node2| ...`). Lines typed or piped in follow cluster_script.py: piped
input is parsed whole before anything boots, then each line is typed after the
target's prompt, in order; a terminal's lines are typed at once. The run ends
when every instance has powered off, or, when input ends, after powering off
the ones still running. Every QEMU is stopped by its PID when the Cluster
closes, whatever happened.

Entry points:
    Cluster(paths, count)       a context manager; .run_script(actions, timeout),
                                .run_interactive(timeout) -> exit status (0: every
                                instance shut down with status 0)
"""
from __future__ import annotations

import contextlib
import os
import selectors
import sys
import tempfile
import threading
from pathlib import Path

import cluster_nodes
import cluster_script
import frame_audit
from lan_switch import LanSwitch
from qemu_session import PROMPT, BuildPaths, QemuSession, SessionError, decode_exit_status, qemu_command

POWEROFF = "poweroff"


class PrefixedOutput:
    """Turns one instance's output chunks into whole lines prefixed with its name.
    With `show_prompts`, a prompt is printed when it appears (a terminal user waits
    for it); otherwise it stays at the start of the line the user types after it."""

    def __init__(self, name: str, lock: threading.Lock, show_prompts: bool, stream=None):
        self._name, self._lock, self._show_prompts = name, lock, show_prompts
        self._stream = stream or sys.stdout
        self._partial = ""

    def __call__(self, text: str) -> None:
        lines = (self._partial + text).split("\n")
        self._partial = lines.pop()
        if self._show_prompts and self._partial.endswith(PROMPT):
            lines.append(self._partial)
            self._partial = ""
        self._write(lines)

    def flush(self) -> None:
        if self._partial:
            self._write([self._partial])
            self._partial = ""

    def _write(self, lines: list[str]) -> None:
        if not lines:
            return
        with self._lock:
            self._stream.write("".join(f"{self._name}| {line}\n" for line in lines))
            self._stream.flush()


class Instance:
    """One booted node: its QEMU session and what became of it."""

    def __init__(self, node: cluster_nodes.Node, session: QemuSession, output: PrefixedOutput):
        self.node, self.session, self.output = node, session, output
        self.failure: str | None = None  # why this instance counts as failed
        self.powering_off = False
        self._prompts_used = 0
        self._typed_at = 0

    @property
    def running(self) -> bool:
        return self.session.process.poll() is None

    def type_after_prompt(self, text: str, timeout: float) -> None:
        """Type `text` once the shell shows a prompt not yet used by an earlier line
        (prompts are counted: a background job may print after its prompt)."""
        ready = lambda output: output.count(PROMPT) > self._prompts_used
        output = self.session.wait_until(ready, f"{self.node.name}'s prompt", timeout)
        self._prompts_used = output.count(PROMPT)
        self._typed_at = len(output)
        self.send(text)

    def wait_for_text(self, text: str, timeout: float) -> None:
        """Wait until `text` appears after the echo of the line last typed here."""
        def printed(output: str) -> bool:
            echo_end = output.find("\n", self._typed_at)
            return echo_end >= 0 and text in output[echo_end + 1:]
        self.session.wait_until(printed, f"{self.node.name} to print {text!r}", timeout)

    def send(self, text: str) -> None:
        self.session.send_line(text)
        if text.strip() == POWEROFF:
            self.powering_off = True

    def outcome(self) -> str | None:
        """None when the OS shut down with status 0, else what went wrong."""
        if self.failure:
            return self.failure
        code = decode_exit_status(self.session.process.returncode)
        if code is None:
            return f"QEMU ended without a shutdown by the OS (status {self.session.process.returncode})"
        return None if code == 0 else f"the OS shut down with status {code}"


class Cluster:
    def __init__(self, paths: BuildPaths, count: int, show_prompts: bool = False):
        self._paths = paths
        self._nodes = cluster_nodes.nodes(count)
        self._show_prompts = show_prompts
        self._lock = threading.Lock()
        self._stack = contextlib.ExitStack()
        self.instances: list[Instance] = []

    # -- lifetime -------------------------------------------------------------
    def __enter__(self) -> "Cluster":
        try:
            folder = Path(self._stack.enter_context(tempfile.TemporaryDirectory(prefix="neurath-cluster-")))
            switch = LanSwitch(len(self._nodes))
            self._stack.callback(switch.stop)
            links = switch.links([node.mac for node in self._nodes])
            switch.start()
            for node, link in zip(self._nodes, links):
                self.instances.append(self._boot(node, link, folder))
        except BaseException:
            self._stack.close()
            raise
        return self

    def _boot(self, node, link, folder: Path) -> Instance:
        config = cluster_nodes.write_net_conf(node, folder)
        command = qemu_command(self._paths, lan=link, extra_modules=[config])
        output = PrefixedOutput(node.name, self._lock, self._show_prompts)
        session = self._stack.enter_context(QemuSession(command, echo=output))
        self._say(f"{node.name} {node.address} {node.mac} booting (QEMU pid {session.process.pid})")
        return Instance(node, session, output)

    def __exit__(self, *exc) -> None:
        self._stack.close()

    def _say(self, text: str) -> None:
        with self._lock:
            print(f"neurath: {text}", file=sys.stderr, flush=True)

    def _instance(self, number: int) -> Instance:
        return self.instances[number - 1]

    # -- piped input ----------------------------------------------------------
    def run_script(self, actions: list, timeout: float) -> int:
        for action in actions:
            if isinstance(action, cluster_script.Retarget):
                continue
            for number in action.targets:
                self._perform(self._instance(number), action, timeout)
        return self.finish(timeout)

    def _perform(self, instance: Instance, action, timeout: float) -> None:
        if instance.failure:
            return
        if not instance.running:
            instance.failure = f"had ended before {action.text!r} could be typed"
            return
        try:
            if isinstance(action, cluster_script.Wait):
                instance.wait_for_text(action.text, timeout)
            else:
                instance.type_after_prompt(action.text, timeout)
        except SessionError as error:
            if instance.running:
                instance.failure = str(error).splitlines()[0]
            elif isinstance(action, cluster_script.Wait) or action.text.strip() != POWEROFF:
                instance.failure = f"ended while waiting to handle {action.text!r}"

    # -- a terminal -----------------------------------------------------------
    def run_interactive(self, timeout: float) -> int:
        self._say(f"cluster of {len(self.instances)}: `@2 <command>` types into node2, `@all <command>` "
                  "into every instance, `@2` alone makes node2 the target of plain lines (at first: all); "
                  "`@all poweroff` or Ctrl-D powers them off, Ctrl-C kills them")
        current = tuple(range(1, len(self.instances) + 1))
        pending = b""  # typed bytes not yet ending in a newline
        with selectors.DefaultSelector() as selector:
            selector.register(sys.stdin.fileno(), selectors.EVENT_READ)
            while any(instance.running for instance in self.instances):
                if not selector.select(timeout=0.2):
                    continue
                chunk = os.read(sys.stdin.fileno(), 4096)  # unbuffered: a pasted block is seen whole
                if not chunk:
                    break
                *lines, pending = (pending + chunk).split(b"\n")
                for line in lines:
                    current = self._interactive_line(line.decode(errors="replace").rstrip("\r"), current)
        return self.finish(timeout)

    def _interactive_line(self, line: str, current: tuple[int, ...]) -> tuple[int, ...]:
        try:
            action = cluster_script.parse_line(line, len(self.instances), current)
        except cluster_script.ScriptError as error:
            self._say(str(error))
            return current
        if isinstance(action, cluster_script.Retarget):
            self._say("plain lines go to " + ", ".join(cluster_script.instance_name(n) for n in action.targets))
            return action.targets
        for number in action.targets:
            instance = self._instance(number)
            if not instance.running:
                self._say(f"{instance.node.name} has ended; not typed there")
            elif isinstance(action, cluster_script.Wait):
                self._perform(instance, action, 30.0)
            else:
                instance.send(action.text)
        return current

    # -- the end --------------------------------------------------------------
    def finish(self, timeout: float) -> int:
        """Power off what still runs, wait for every instance, report; 0 only if all
        shut down with status 0."""
        for instance in self.instances:
            if instance.running and not instance.failure and not instance.powering_off:
                with contextlib.suppress(SessionError, OSError):
                    instance.type_after_prompt(POWEROFF, timeout)
        status = 0
        for instance in self.instances:
            status |= self._report(instance, timeout)
        return status

    def _report(self, instance: Instance, timeout: float) -> int:
        name = instance.node.name
        if not instance.failure:
            try:
                instance.session.wait_exit(timeout)
            except SessionError:
                instance.failure = f"did not power off within {timeout:.0f}s"
        instance.session.close()
        instance.output.flush()
        problem = instance.outcome()
        audit = frame_audit.parse(instance.session.output)
        if problem:
            self._say(f"{name} failed: {problem}")
            return 1
        self._say(f"{name} powered off" + (f"; {audit.describe()}" if audit else ""))
        return 0
