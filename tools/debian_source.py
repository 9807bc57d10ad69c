#!/usr/bin/env python3
"""debian_source.py — obtain a source package from Debian's own archive.

The one way the build and the evaluations fetch third-party sources. Adds a
deb-src entry derived at run time from the system's deb822 file
/etc/apt/sources.list.d/debian.sources (same URIs, suites, components and
keyring; no mirror name is written into the repository), runs
`apt-get source --download-only <package>` and unpacks the upstream tarball
(and, on request, Debian's packaging with its patch series). Downloads and
unpacked trees are cached in the caller's work directory, so only the first
run downloads. Any failure raises FetchError with the reason: a missing
download is a failed build or test, never a skipped one.

Entry points: ensure_deb_src(), run(command, what, cwd), download(package,
directory, want_packaging), unpack(tarball, into), FetchError.
Command line: debian_source.py <package> <work-dir> prints the unpacked
upstream tree's top directory.
"""
import glob
import os
import subprocess
import sys
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


def tarballs(package, directory, kind):
    """Downloaded tarballs of `package`: kind "orig" (upstream) or "debian" (packaging)."""
    found = glob.glob(os.path.join(directory, f"{package}_*.{kind}.tar.*"))
    return sorted(t for t in found if not t.endswith(".asc"))


def download(package, directory, want_packaging=False):
    """Leaves `package`'s tarballs in `directory` (downloads only when missing)."""
    os.makedirs(directory, exist_ok=True)
    have = tarballs(package, directory, "orig") and (not want_packaging or tarballs(package, directory, "debian"))
    if have:
        return
    ensure_deb_src()
    command = ["apt-get", "source", "--download-only", "-qq", package]
    try:
        run(command, f"apt-get source {package}", cwd=directory)
    except FetchError:
        # A stale package list (e.g. a point release since the last update) is the usual cause.
        run(["apt-get", "update", "-qq"], "apt-get update")
        run(command, f"apt-get source {package}", cwd=directory)
    if not tarballs(package, directory, "orig"):
        raise FetchError(f"apt-get source {package} left no upstream tarball in {directory}")
    if want_packaging and not tarballs(package, directory, "debian"):
        raise FetchError(f"apt-get source {package} left no Debian packaging tarball in {directory}")


def unpack(tarball, into):
    os.makedirs(into, exist_ok=True)
    with tarfile.open(tarball) as archive:
        archive.extractall(into)


def fetch_upstream(package, work_dir, is_tree):
    """The unpacked upstream tree of `package` under work_dir/source: the first
    top-level directory for which is_tree(path) holds (cached)."""
    unpacked = os.path.join(work_dir, "source")
    for candidate in sorted(glob.glob(os.path.join(unpacked, "*"))):
        if is_tree(candidate):
            return candidate
    directory = os.path.join(work_dir, "download")
    download(package, directory)
    unpack(tarballs(package, directory, "orig")[0], unpacked)
    for candidate in sorted(glob.glob(os.path.join(unpacked, "*"))):
        if is_tree(candidate):
            return candidate
    raise FetchError(f"the upstream tarball of {package} in {directory} does not hold the expected tree")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: debian_source.py <package> <work-dir>")
    try:
        print(fetch_upstream(sys.argv[1], sys.argv[2], os.path.isdir))
    except FetchError as error:
        sys.exit(f"debian_source.py: {error}")
