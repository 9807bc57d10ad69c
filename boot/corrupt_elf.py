#!/usr/bin/env python3
"""corrupt_elf.py — derive deliberately malformed executables for the system tests.

Given a valid ELF64 executable, writes variants that a loader must refuse:
  phoff-out-of-file   the program-header table points past the end of the file
  truncated           the file is cut in the middle of its first loadable segment
  wrong-machine       e_machine says AArch64 instead of x86_64
Usage: corrupt_elf.py VALID_ELF OUTPUT_DIR
"""
import struct
import sys
from pathlib import Path

PT_LOAD = 1
E_MACHINE_OFFSET = 18
E_PHOFF_OFFSET = 32
EM_AARCH64 = 183


def middle_of_largest_segment(data: bytes) -> int:
    """A file offset in the middle of the biggest loadable segment's file bytes."""
    phoff, = struct.unpack_from("<Q", data, E_PHOFF_OFFSET)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    best_offset, best_size = 0, 0
    for index in range(phnum):
        kind, _flags, offset, _vaddr, _paddr, filesz = struct.unpack_from(
            "<IIQQQQ", data, phoff + index * phentsize)
        if kind == PT_LOAD and filesz > best_size:
            best_offset, best_size = offset, filesz
    if best_size == 0:
        sys.exit("corrupt_elf: input has no loadable segment with file contents")
    return best_offset + best_size // 2


def variants(data: bytes) -> dict[str, bytes]:
    if data[:4] != b"\x7fELF" or data[4] != 2:
        sys.exit("corrupt_elf: input is not an ELF64 file")
    out_of_file = bytearray(data)
    struct.pack_into("<Q", out_of_file, E_PHOFF_OFFSET, len(data) + 0x1000)
    wrong_machine = bytearray(data)
    struct.pack_into("<H", wrong_machine, E_MACHINE_OFFSET, EM_AARCH64)
    return {
        "phoff-out-of-file": bytes(out_of_file),
        "truncated": data[: middle_of_largest_segment(data)],
        "wrong-machine": bytes(wrong_machine),
    }


def main(arguments: list[str]) -> None:
    if len(arguments) != 2:
        sys.exit(__doc__)
    data = Path(arguments[0]).read_bytes()
    output = Path(arguments[1])
    output.mkdir(parents=True, exist_ok=True)
    for name, content in variants(data).items():
        (output / name).write_bytes(content)


if __name__ == "__main__":
    main(sys.argv[1:])
