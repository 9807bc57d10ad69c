#!/usr/bin/env python3
"""fetch_source.py — obtain SQLite's source from Debian's source package.

Adds a deb-src entry derived at run time from the system's deb822 file
/etc/apt/sources.list.d/debian.sources (same URIs, suites, components and
keyring; no mirror name is written into the repository), runs
`apt-get update` and `apt-get source --download-only sqlite3`, and unpacks
the upstream tarball. The unpacked tree is cached in the work directory, so
only the first run downloads. Any failure raises FetchError with the reason:
a missing download is a failed test, never a skipped one.

Entry point: fetch_sqlite_source(work_dir) -> path of the source tree.
"""
import glob
import os
import subprocess
import tarfile

DEBIAN_SOURCES = "/etc/apt/sources.list.d/debian.sources"
DEB_SRC_FILE = "/etc/apt/sources.list.d/neurath-deb-src.sources"


class FetchError(RuntimeError):
    pass


def deb_src_stanzas(text):
    """The deb822 stanzas of `text` whose Types include deb, retyped deb-src."""
    stanzas = []
    for block in text.split("\n\n"):
        fields = {}
        for line in block.splitlines():
            if line.startswith("#") or ":" not in line or line[0].isspace():
                continue
            key, value = line.split(":", 1)
            fields[key.strip()] = value.strip()
        if "deb" in fields.get("Types", "").split() and "URIs" in fields:
            fields["Types"] = "deb-src"
            stanzas.append("\n".join(f"{k}: {v}" for k, v in fields.items()))
    return "\n\n".join(stanzas) + "\n"


def ensure_deb_src():
    if not os.path.exists(DEBIAN_SOURCES):
        raise FetchError(f"cannot derive a deb-src entry: {DEBIAN_SOURCES} does not exist")
    with open(DEBIAN_SOURCES) as f:
        wanted = deb_src_stanzas(f.read())
    current = open(DEB_SRC_FILE).read() if os.path.exists(DEB_SRC_FILE) else None
    if current == wanted:
        return
    if os.geteuid() != 0:
        raise FetchError("adding a deb-src entry needs root (apt-get source must run as root)")
    with open(DEB_SRC_FILE, "w") as f:
        f.write(wanted)
    run(["apt-get", "update", "-qq"], "apt-get update")


def run(command, what, cwd=None):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise FetchError(f"{what} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    return result.stdout


def source_tree(root):
    """The directory of an unpacked SQLite tree (has configure and src/)."""
    for configure in glob.glob(os.path.join(root, "*", "configure")):
        directory = os.path.dirname(configure)
        if os.path.exists(os.path.join(directory, "src", "sqlite.h.in")):
            return directory
    return None


def fetch_sqlite_source(work_dir):
    unpacked = os.path.join(work_dir, "source")
    cached = source_tree(unpacked)
    if cached:
        return cached
    download = os.path.join(work_dir, "download")
    os.makedirs(download, exist_ok=True)
    ensure_deb_src()
    if not glob.glob(os.path.join(download, "sqlite3_*.orig.tar.*")):
        try:
            run(["apt-get", "source", "--download-only", "-qq", "sqlite3"], "apt-get source sqlite3", cwd=download)
        except FetchError:
            # A stale package list (e.g. a point release since the last update) is the usual cause.
            run(["apt-get", "update", "-qq"], "apt-get update")
            run(["apt-get", "source", "--download-only", "-qq", "sqlite3"], "apt-get source sqlite3", cwd=download)
    tarballs = [t for t in glob.glob(os.path.join(download, "sqlite3_*.orig.tar.*")) if "www" not in t]
    if not tarballs:
        raise FetchError(f"apt-get source sqlite3 left no upstream tarball in {download}")
    os.makedirs(unpacked, exist_ok=True)
    with tarfile.open(tarballs[0]) as archive:
        archive.extractall(unpacked)
    tree = source_tree(unpacked)
    if not tree:
        raise FetchError(f"{tarballs[0]} does not hold a SQLite source tree")
    return tree


if __name__ == "__main__":
    import sys
    print(fetch_sqlite_source(sys.argv[1] if len(sys.argv) > 1 else "."))
