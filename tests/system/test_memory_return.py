"""test_memory_return.py — memory a process frees goes back to the kernel
(docs/architecture.md#security-model, "Memory a process frees goes back";
issue 8, finding 7: "vfs keeps about 65 MiB of heap after its files are
deleted").

vfs keeps file contents in its heap; once the files are deleted, its memory
(`ps` MEM, the kernel's count of its user pages) must come back to about
where it started. A program that mallocs and frees big blocks far beyond its
64 MiB limit must never reach the limit. A live update of vfs moves big files
(large heap blocks) into the new version, which gives their memory back when
they are deleted. The kernel's frame-leak check at poweroff must still find
every frame."""
from conftest import poweroff

import frame_audit
from update_helpers import expect_commit

FILES = 8
FILE_KIB = 4096          # 8 x 4 MiB = 32 MiB of file contents
SLACK_KIB = 1024         # what vfs may keep besides (small arena blocks, page tables aside)


def mem_kib(session, name):
    """MEM of the one process called `name` in `ps` (the column before the name)."""
    rows = [line.split() for line in session.run_command("ps").splitlines()[1:] if line.split()]
    header = session.run_command("ps").splitlines()[0].split()
    column = header.index("MEM")
    matches = [int(row[column]) for row in rows if row[-1] == name]
    assert len(matches) == 1, rows
    return matches[0]


def test_vfs_gives_back_the_memory_of_deleted_files(neurath):
    before = mem_kib(neurath, "vfs")
    for index in range(FILES):
        out = neurath.run_command(f"memchurn write /big{index} {FILE_KIB}", timeout=180)
        assert f"memchurn: wrote {FILE_KIB} KiB to /big{index}" in out, out
    full = mem_kib(neurath, "vfs")
    assert full >= before + FILES * FILE_KIB, (before, full)
    for index in range(FILES):
        assert neurath.run_command(f"rm /big{index}").strip() == ""
    after = mem_kib(neurath, "vfs")
    assert after <= before + SLACK_KIB, (before, full, after)
    print(f"vfs MEM: {before} KiB at start, {full} KiB with the files, {after} KiB after rm")
    assert poweroff(neurath) == 1
    audit = frame_audit.parse(neurath.output)
    assert audit is not None and audit.difference == 0, audit.describe() if audit else neurath.output[-3000:]


def test_a_program_that_frees_what_it_mallocs_stays_under_its_limit(neurath):
    # 24 rounds of 8 MiB: 192 MiB in all, three times the 64 MiB limit.
    out = neurath.run_command("memchurn heap 24 8192", timeout=180)
    assert "memchurn: 24 rounds of 8192 KiB, heap holds 0 KiB of large blocks" in out, out


def test_vfs_update_moves_big_files_and_the_new_version_gives_them_back(neurath):
    before = mem_kib(neurath, "vfs")
    for index in range(2):
        out = neurath.run_command(f"memchurn write /big{index} {FILE_KIB}", timeout=180)
        assert f"wrote {FILE_KIB} KiB" in out, out
    expect_commit(neurath, "vfs /sbin/vfs.next")
    for index in range(2):
        out = neurath.run_command(f"memchurn check /big{index} {FILE_KIB}", timeout=180)
        assert f"memchurn: /big{index} holds {FILE_KIB} KiB as written" in out, out
    updated = mem_kib(neurath, "vfs")
    assert updated >= before + 2 * FILE_KIB, (before, updated)
    for index in range(2):
        assert neurath.run_command(f"rm /big{index}").strip() == ""
    after = mem_kib(neurath, "vfs")
    assert after <= updated - 2 * FILE_KIB + SLACK_KIB, (before, updated, after)
    assert poweroff(neurath) == 1
    audit = frame_audit.parse(neurath.output)
    assert audit is not None and audit.difference == 0, audit.describe() if audit else neurath.output[-3000:]
