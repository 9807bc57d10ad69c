"""test_boot_tools.py — the boot image is reproducible and well-formed, bad arguments are
refused, and the corrupt-ELF generator damages exactly what it says."""
import io
import struct
import subprocess
import sys
import tarfile

import pytest

from conftest import REPO

import corrupt_elf

MKBOOTIMG = REPO / "boot" / "mkbootimg.py"


def build_image(tmp_path, name, *entries):
    output = tmp_path / name
    result = subprocess.run([sys.executable, str(MKBOOTIMG), str(output), *entries],
                            capture_output=True, text=True)
    return output, result


def test_image_is_reproducible_sorted_and_has_parent_directories(tmp_path):
    (tmp_path / "a").write_bytes(b"\x7fELF" + b"\0" * 60)
    (tmp_path / "b").write_text("config\n")
    entries = [f"{tmp_path / 'b'}=/etc/x.conf", f"{tmp_path / 'a'}=/bin/prog"]
    first, result = build_image(tmp_path, "one.tar", *entries)
    assert result.returncode == 0, result.stderr
    second, _ = build_image(tmp_path, "two.tar", *reversed(entries))
    assert first.read_bytes() == second.read_bytes()
    with tarfile.open(first) as archive:
        members = archive.getmembers()
        assert [m.name for m in members] == ["bin", "etc", "bin/prog", "etc/x.conf"]
        assert members[2].mode == 0o755 and members[3].mode == 0o644
        assert all(m.mtime == 0 and m.uid == 0 for m in members)
        assert archive.extractfile("etc/x.conf").read() == b"config\n"


@pytest.mark.parametrize("entry", ["relative=bin/x", "noequals", "=/bin/x"])
def test_image_builder_refuses_malformed_entries(tmp_path, entry):
    output, result = build_image(tmp_path, "bad.tar", entry)
    assert result.returncode != 0 and "mkbootimg:" in result.stderr
    assert not output.exists()


def test_image_builder_refuses_duplicate_paths(tmp_path):
    (tmp_path / "a").write_text("x")
    _, result = build_image(tmp_path, "dup.tar", f"{tmp_path / 'a'}=/x", f"{tmp_path / 'a'}=/x")
    assert result.returncode != 0 and "given twice" in result.stderr


def minimal_elf(segment_size=0x400):
    """An ELF64 header, one PT_LOAD program header, then the segment's bytes."""
    header = bytearray(64)
    header[:7] = b"\x7fELF\x02\x01\x01"
    struct.pack_into("<HHIQQQIHHHHHH", header, 16, 2, 62, 1, 0x401000, 64, 0, 0, 64, 56, 1, 0, 0, 0)
    phdr = struct.pack("<IIQQQQQQ", 1, 5, 0x1000, 0x401000, 0x401000, segment_size, segment_size,
                       0x1000)
    body = bytes(header) + phdr
    return body + b"\0" * (0x1000 - len(body)) + b"\x90" * segment_size


def test_corrupt_variants_damage_what_they_name():
    data = minimal_elf()
    variants = corrupt_elf.variants(data)
    phoff, = struct.unpack_from("<Q", variants["phoff-out-of-file"], 32)
    assert phoff > len(data)
    assert len(variants["truncated"]) == 0x1000 + 0x200
    machine, = struct.unpack_from("<H", variants["wrong-machine"], 18)
    assert machine == corrupt_elf.EM_AARCH64
    assert all(v[:4] == b"\x7fELF" for v in variants.values())


def test_corrupt_generator_refuses_non_elf_input():
    with pytest.raises(SystemExit):
        corrupt_elf.variants(b"not an executable at all")
