#!/usr/bin/env python3
"""fetch_source.py — obtain SQLite's source from Debian's source package.

Through tools/debian_source.py (the deb-src entry derived at run time from the
system's deb822 sources, `apt-get source --download-only sqlite3`), cached in
the work directory, so only the first run downloads. Any failure raises
FetchError with the reason: a missing download is a failed test, never a
skipped one.

Entry point: fetch_sqlite_source(work_dir) -> path of the source tree.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from debian_source import FetchError, download, ensure_deb_src, fetch_upstream, run, tarballs, unpack  # noqa: E402,F401


def is_sqlite_tree(directory):
    """An unpacked SQLite tree has configure and src/sqlite.h.in."""
    return os.path.exists(os.path.join(directory, "configure")) and os.path.exists(
        os.path.join(directory, "src", "sqlite.h.in"))


def fetch_sqlite_source(work_dir):
    return fetch_upstream("sqlite3", work_dir, is_sqlite_tree)


def fetch_sqlite_patches(work_dir):
    """The debian/patches directory of Debian's sqlite3 packaging (cached)."""
    patches = os.path.join(work_dir, "packaging", "debian", "patches")
    if os.path.exists(os.path.join(patches, "series")):
        return patches
    directory = os.path.join(work_dir, "download")
    download("sqlite3", directory, want_packaging=True)
    unpack(tarballs("sqlite3", directory, "debian")[0], os.path.join(work_dir, "packaging"))
    if not os.path.exists(os.path.join(patches, "series")):
        raise FetchError(f"Debian's sqlite3 packaging in {directory} holds no patch series")
    return patches


if __name__ == "__main__":
    print(fetch_sqlite_source(sys.argv[1] if len(sys.argv) > 1 else "."))
