#!/usr/bin/env python3
"""fetch_lua.py — obtain Lua 5.4's source from Debian's source package.

Through tools/debian_source.py (the deb-src entry derived at run time from
the system's deb822 sources, `apt-get source --download-only lua5.4`): the
upstream tarball and Debian's packaging (whose debian/patches series holds
the package's bug fixes). Cached in the work directory, so only the first run
downloads. Any failure raises FetchError with the reason: a missing download
is a failed test, never a skipped one.

Entry point: fetch_lua_source(work_dir) -> (source tree, debian/patches directory).
"""
import glob
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from debian_source import FetchError, download, tarballs, unpack  # noqa: E402

PACKAGE = "lua5.4"


def lua_tree(root):
    """The directory of an unpacked Lua tree (has src/lua.h and src/lapi.c)."""
    for header in glob.glob(os.path.join(root, "*", "src", "lapi.c")):
        return os.path.dirname(os.path.dirname(header))
    return None


def fetch_lua_source(work_dir):
    unpacked = os.path.join(work_dir, "source")
    patches = os.path.join(unpacked, "debian", "patches")
    tree = lua_tree(unpacked)
    if tree and os.path.exists(os.path.join(patches, "series")):
        return tree, patches
    directory = os.path.join(work_dir, "download")
    download(PACKAGE, directory, want_packaging=True)
    upstream = tarballs(PACKAGE, directory, "orig")[0]
    packaging = tarballs(PACKAGE, directory, "debian")[0]
    unpack(upstream, unpacked)
    unpack(packaging, unpacked)
    tree = lua_tree(unpacked)
    if not tree or not os.path.exists(os.path.join(patches, "series")):
        raise FetchError(f"{upstream} and {packaging} do not hold a Lua tree and its patch series")
    return tree, patches


if __name__ == "__main__":
    print(fetch_lua_source(sys.argv[1] if len(sys.argv) > 1 else "."))
