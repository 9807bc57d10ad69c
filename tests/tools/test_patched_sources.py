"""test_patched_sources.py — the build step behind neurath_program_version
(cmake/apply_patch.cmake): a patch that applies exactly gives a patched copy;
one that does not (changed context, needing fuzz, already applied) fails with
a message naming the patch and the folder and leaves the previous copy alone;
and kvd's v2 patch applies to kvd's sources as they are."""
import shutil
import subprocess

import pytest

from conftest import REPO

SCRIPT = REPO / "cmake" / "apply_patch.cmake"
ORIGINAL = "alpha\nbeta\ngamma\ndelta\nepsilon\n"
PATCH = """--- a/notes.txt
+++ b/notes.txt
@@ -2,3 +2,3 @@
 beta
-gamma
+GAMMA
 delta
"""


def apply(tmp_path, source, patch_text, name="copy"):
    patch_file = tmp_path / f"{name}.patch"
    patch_file.write_text(patch_text)
    target = tmp_path / name
    result = subprocess.run(
        ["cmake", f"-DFROM={source}", f"-DTO={target}", f"-DPATCH_FILE={patch_file}",
         f"-DPATCH_PROGRAM={shutil.which('patch')}", f"-DSTAMP={tmp_path / name}.stamp", "-P", str(SCRIPT)],
        capture_output=True, text=True)
    return target, result


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "notes.txt").write_text(ORIGINAL)
    (folder / "other.txt").write_text("untouched\n")
    return folder


def test_exact_patch_gives_a_patched_copy_and_leaves_the_source(tmp_path, source):
    target, result = apply(tmp_path, source, PATCH)
    assert result.returncode == 0, result.stderr
    assert (target / "notes.txt").read_text() == ORIGINAL.replace("gamma", "GAMMA")
    assert (target / "other.txt").read_text() == "untouched\n"
    assert (tmp_path / "copy.stamp").exists()
    assert (source / "notes.txt").read_text() == ORIGINAL
    assert not (tmp_path / "copy.new").exists()


def test_patch_whose_context_changed_fails_and_keeps_the_old_copy(tmp_path, source):
    target, result = apply(tmp_path, source, PATCH)
    assert result.returncode == 0, result.stderr
    (source / "notes.txt").write_text(ORIGINAL.replace("delta", "DELTA"))
    target, result = apply(tmp_path, source, PATCH)
    assert result.returncode != 0
    assert "does not apply to" in result.stderr and str(source) in result.stderr
    assert "copy.patch" in result.stderr
    assert (target / "notes.txt").read_text() == ORIGINAL.replace("gamma", "GAMMA")
    assert not (tmp_path / "copy.new").exists()


def test_patch_that_needs_fuzz_fails(tmp_path, source):
    (source / "notes.txt").write_text("zeta\n" + ORIGINAL.replace("epsilon", "EPSILON"))
    shifted = PATCH.replace(" delta\n", " delta\n epsilon\n").replace("@@ -2,3 +2,3 @@", "@@ -2,4 +2,4 @@")
    _, result = apply(tmp_path, source, shifted)
    assert result.returncode != 0 and "does not apply" in result.stderr


def test_already_applied_patch_fails(tmp_path, source):
    (source / "notes.txt").write_text(ORIGINAL.replace("gamma", "GAMMA"))
    _, result = apply(tmp_path, source, PATCH)
    assert result.returncode != 0 and "does not apply" in result.stderr


def test_kvd_v2_patch_applies_to_kvd_as_it_is(tmp_path):
    kvd = REPO / "programs" / "kvd"
    target, result = apply(tmp_path, kvd, (kvd / "versions" / "v2.patch").read_text(), name="kvd_v2")
    assert result.returncode == 0, result.stderr
    records = (target / "records.h").read_text()
    assert "uint64_t value;" in records and "uint32_t writes;" in records
    assert "kStats" in (target / "handlers.cpp").read_text()
