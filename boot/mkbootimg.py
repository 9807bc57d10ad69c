#!/usr/bin/env python3
"""mkbootimg.py — build Neurath's boot image: a reproducible ustar archive.

The boot image is the initial file system that vfs mounts at / (and from
which rs reads etc/system.conf). Every member gets mtime 0, uid/gid 0 and
mode 0755 (directories, executables) or 0644 (data), and members are sorted,
so the same inputs always give the same bytes.

Usage: mkbootimg.py OUTPUT SOURCE=IMAGE_PATH...
    IMAGE_PATH is absolute inside Neurath, e.g. /bin/sh; parent directories are
    added automatically.
"""
import io
import os
import sys
import tarfile


def parse_entries(arguments):
    entries = {}
    for argument in arguments:
        source, separator, image_path = argument.rpartition("=")
        if not separator or not source or not image_path.startswith("/"):
            sys.exit(f"mkbootimg: expected SOURCE=/absolute/path, got {argument!r}")
        member = image_path.strip("/")
        if member in entries:
            sys.exit(f"mkbootimg: {image_path} given twice")
        if len(member) > 99:
            sys.exit(f"mkbootimg: {image_path} is longer than ustar allows")
        entries[member] = source
    return entries


def directories_of(members):
    directories = set()
    for member in members:
        parts = member.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            directories.add("/".join(parts[:depth]))
    return sorted(directories)


def tar_info(name, size, mode, kind):
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.type = size, mode, kind
    info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "root", "root"
    return info


def main(arguments):
    if len(arguments) < 2:
        sys.exit(__doc__)
    output, entries = arguments[0], parse_entries(arguments[1:])
    with tarfile.open(output + ".tmp", "w", format=tarfile.USTAR_FORMAT) as archive:
        for directory in directories_of(entries):
            archive.addfile(tar_info(directory, 0, 0o755, tarfile.DIRTYPE))
        for member in sorted(entries):
            with open(entries[member], "rb") as source:
                data = source.read()
            executable = data[:4] == b"\x7fELF"
            info = tar_info(member, len(data), 0o755 if executable else 0o644, tarfile.REGTYPE)
            archive.addfile(info, io.BytesIO(data))
    os.replace(output + ".tmp", output)


if __name__ == "__main__":
    main(sys.argv[1:])
