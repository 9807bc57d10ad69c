#!/usr/bin/env python3
"""fetch_lua.py — obtain Lua 5.4's source from Debian's source package.

Uses the same deb-src entry as the SQLite evaluation (derived at run time
from the system's deb822 sources; eval/sqlite/fetch_source.py), runs
`apt-get source --download-only lua5.4`, and unpacks the upstream tarball and
Debian's packaging (whose debian/patches series holds the package's bug
fixes). Cached in the work directory, so only the first run downloads. Any
failure raises FetchError with the reason: a missing download is a failed
test, never a skipped one.

Entry point: fetch_lua_source(work_dir) -> (source tree, debian/patches directory).
"""
import glob
import os
import sys
import tarfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sqlite"))
from fetch_source import FetchError, ensure_deb_src, run  # noqa: E402

PACKAGE = "lua5.4"


def lua_tree(root):
    """The directory of an unpacked Lua tree (has src/lua.h and src/lapi.c)."""
    for header in glob.glob(os.path.join(root, "*", "src", "lapi.c")):
        return os.path.dirname(os.path.dirname(header))
    return None


def download(directory):
    if glob.glob(os.path.join(directory, f"{PACKAGE}_*.orig.tar.*")) and glob.glob(os.path.join(directory, f"{PACKAGE}_*.debian.tar.*")):
        return
    ensure_deb_src()
    command = ["apt-get", "source", "--download-only", "-qq", PACKAGE]
    try:
        run(command, f"apt-get source {PACKAGE}", cwd=directory)
    except FetchError:
        # A stale package list (e.g. a point release since the last update) is the usual cause.
        run(["apt-get", "update", "-qq"], "apt-get update")
        run(command, f"apt-get source {PACKAGE}", cwd=directory)


def unpack(tarball, into):
    os.makedirs(into, exist_ok=True)
    with tarfile.open(tarball) as archive:
        archive.extractall(into)


def fetch_lua_source(work_dir):
    unpacked = os.path.join(work_dir, "source")
    patches = os.path.join(unpacked, "debian", "patches")
    tree = lua_tree(unpacked)
    if tree and os.path.exists(os.path.join(patches, "series")):
        return tree, patches
    directory = os.path.join(work_dir, "download")
    os.makedirs(directory, exist_ok=True)
    download(directory)
    upstream = glob.glob(os.path.join(directory, f"{PACKAGE}_*.orig.tar.*"))
    packaging = glob.glob(os.path.join(directory, f"{PACKAGE}_*.debian.tar.*"))
    if not upstream or not packaging:
        raise FetchError(f"apt-get source {PACKAGE} left no upstream or Debian tarball in {directory}")
    unpack(upstream[0], unpacked)
    unpack(packaging[0], unpacked)
    tree = lua_tree(unpacked)
    if not tree or not os.path.exists(os.path.join(patches, "series")):
        raise FetchError(f"{upstream[0]} and {packaging[0]} do not hold a Lua tree and its patch series")
    return tree, patches


if __name__ == "__main__":
    print(fetch_lua_source(sys.argv[1] if len(sys.argv) > 1 else "."))
