"""frame_audit.py — read the kernel's frame-leak check from a run's serial output.

The kernel prints how many physical frames are free after boot (before the first
process starts) and, at poweroff, one line per process still there with the frames
its memory held, then the free count once every process's memory has been returned
(kernel/proc/memory_audit.h). The two counts must be equal: a difference is memory the
kernel lost. The processes still there at poweroff show what was never ended; after
a session they should be only the system servers and the shell.

Entry points:
    parse(output) -> FrameAudit | None   (None when the run did not reach poweroff)
    FrameAudit.difference, .leftovers(expected), .describe()
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

AFTER_BOOT = re.compile(r"memory: (\d+) frames free after boot")
HELD = re.compile(r"memory: at poweroff (\S+) pid (\d+) endpoint (-?\d+) held (\d+) frames")
AT_POWEROFF = re.compile(r"memory: (\d+) frames free at poweroff once every process ended")
# What a session leaves at poweroff: the system servers and the shell (netdrv
# and inet, servers too, only on a machine with a NIC).
SYSTEM_PROCESSES = ("rs", "pm", "vfs", "ds", "tty", "netdrv", "inet", "sh")


@dataclass(frozen=True)
class HeldMemory:
    """A process still there at poweroff and the frames its memory held."""

    name: str
    pid: int
    endpoint: int
    frames: int


@dataclass(frozen=True)
class FrameAudit:
    after_boot: int
    at_poweroff: int
    held: list[HeldMemory] = field(default_factory=list)

    @property
    def difference(self) -> int:
        """Frames free after boot that were not free at poweroff: lost by the kernel."""
        return self.after_boot - self.at_poweroff

    def leftovers(self, expected=SYSTEM_PROCESSES) -> list[HeldMemory]:
        """Processes at poweroff beyond one of each expected name."""
        unclaimed = list(expected)
        extra = []
        for process in self.held:
            if process.name in unclaimed:
                unclaimed.remove(process.name)
            else:
                extra.append(process)
        return extra

    def describe(self) -> str:
        """One line for the driver: the two counts, their difference, what was left."""
        verdict = "no frame lost" if self.difference == 0 else f"{self.difference} FRAMES LOST"
        text = (f"frames free after boot {self.after_boot}, at poweroff {self.at_poweroff} "
                f"(difference {self.difference}: {verdict})")
        extra = self.leftovers()
        if extra:
            held = sum(process.frames for process in extra)
            names = ", ".join(f"{p.name} (pid {p.pid}, {p.frames} frames)" for p in extra)
            text += f"; still running at poweroff besides the servers and the shell: {names}, {held} frames"
        return text


def parse(output: str) -> FrameAudit | None:
    """The audit of the last boot in `output`, or None if it did not reach poweroff."""
    boots = AFTER_BOOT.findall(output)
    final = AT_POWEROFF.findall(output)
    if not boots or not final:
        return None
    last_boot = output.rfind("memory: " + boots[-1] + " frames free after boot")
    held = [HeldMemory(name, int(pid), int(endpoint), int(frames))
            for name, pid, endpoint, frames in HELD.findall(output[last_boot:])]
    return FrameAudit(int(boots[-1]), int(final[-1]), held)
