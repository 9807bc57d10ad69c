"""update_helpers.py — what the live-update system tests share: running
`update` and reading its verdict, and rs's and pm's views of the servers
(endpoint, restarts, pid, version) to check that an update kept a server's
identity and changed only what it should."""
import re

SERVERS = ("pm", "vfs", "ds", "tty")
FAULTS = ("crash-init", "fail-init", "hang-init", "bad-invariant", "crash-after-transfer", "no-hook")


def service_table(session):
    """`service list` as {name: {endpoint, state, restarts, pid, version}}."""
    rows = {}
    for line in session.run_command("service list").splitlines():
        fields = line.split()
        if len(fields) == 6 and fields[1].isdigit():
            rows[fields[0]] = {"endpoint": int(fields[1]), "state": fields[2], "restarts": int(fields[3]),
                               "pid": int(fields[4]), "version": fields[5]}
    return rows


# Lines the kernel and the servers log on the same serial console.
CONSOLE_LOG = re.compile(r"^(proc|rs|kernel|ipc|pm|vfs|ds|tty|update agent|libupdate): ")


def shell_output(text):
    """What the shell printed, without the log lines interleaved with it."""
    return "".join(line for line in text.splitlines(keepends=True) if not CONSOLE_LOG.match(line))


def update(session, arguments, timeout=120):
    """Runs `update <arguments>`; returns (verdict, output) with verdict one of
    committed, rolled back, prepared or refused."""
    output = shell_output(session.run_command(f"update {arguments}", timeout=timeout))
    if re.search(r"^committed in \d+ us; blackout \d+ us$", output, re.MULTILINE):
        return "committed", output
    if re.search(r"^rolled back: .+$", output, re.MULTILINE):
        return "rolled back", output
    if re.search(r"^prepared: ", output, re.MULTILINE):
        return "prepared", output
    return "refused", output


def expect_commit(session, arguments, timeout=120):
    verdict, output = update(session, arguments, timeout)
    assert verdict == "committed", f"update {arguments}:\n{output}"
    return output


def expect_rollback(session, arguments, reason_pattern, timeout=120):
    verdict, output = update(session, arguments, timeout)
    assert verdict == "rolled back", f"update {arguments}:\n{output}"
    reason = re.search(r"^rolled back: (.+)$", output, re.MULTILINE).group(1)
    assert re.search(reason_pattern, reason), f"update {arguments}: reason {reason!r}"
    return reason


def same_identity(before, after, server):
    """A server keeps its endpoint and restart count across updates and rollbacks."""
    assert after[server]["endpoint"] == before[server]["endpoint"], server
    assert after[server]["restarts"] == before[server]["restarts"], server
    assert after[server]["state"] == "running", server


def start_kvd(session):
    """Starts the updatable key-value service in the background, ready for requests."""
    started = session.run_command("kvd &")
    if "kvd: ready" not in started:
        session.expect("kvd: ready", 30)
