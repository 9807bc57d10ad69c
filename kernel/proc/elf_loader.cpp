// elf_loader.cpp — loading executables and building the initial user stack.
//
// Entry points: read_and_validate, load_executable, build_user_stack.
#include "proc/elf_loader.h"

#include "core/string.h"
#include "memory/paging.h"
#include "memory/physical_memory.h"
#include "memory/user_memory.h"

namespace kernel {
namespace {

// Maps every page of the segment; a page shared with an earlier segment is
// reused and gets the union of both segments' permissions.
Result<void> map_segment_pages(AddressSpace& space, const ElfSegment& segment) {
    uint64_t first = page_round_down(segment.vaddr);
    uint64_t end = page_round_up(segment.vaddr + segment.memory_size);
    bool writable = (segment.flags & kSegmentWrite) != 0;
    bool executable = (segment.flags & kSegmentExecute) != 0;
    for (uint64_t page = first; page < end; page += kPageSize) {
        if (space.is_mapped(page)) {
            TRY(space.widen_page(page, writable, executable));
            continue;
        }
        uint64_t frame = TRY(frame_allocate_zeroed());
        Result<void> mapped = space.map_page(page, frame, writable, executable);
        if (mapped.is_error()) {
            frame_release(frame);
            return mapped.error();
        }
    }
    return {};
}

// Copies the segment's file bytes straight into its frames.
Result<void> copy_segment_bytes(AddressSpace& space, const ImageSource& source, const ElfSegment& segment) {
    uint64_t copied = 0;
    while (copied < segment.file_size) {
        uint64_t vaddr = segment.vaddr + copied;
        uint64_t chunk = kPageSize - (vaddr & (kPageSize - 1));
        if (chunk > segment.file_size - copied) chunk = segment.file_size - copied;
        uint64_t physical = TRY(space.translate(vaddr, Access::Read));
        TRY(source.read(source.context, segment.file_offset + copied, phys_to_virt(physical), chunk));
        copied += chunk;
    }
    return {};
}

}  // namespace

Result<ElfLayout> read_and_validate(const ImageSource& source) {
    uint8_t header_bytes[kElfHeaderSize];
    if (source.length < kElfHeaderSize) return Error::BadExecutable;
    TRY(source.read(source.context, 0, header_bytes, kElfHeaderSize));
    ElfHeaderInfo header = TRY(parse_elf_header(header_bytes, source.length));
    uint8_t program_headers[kMaxProgramHeaders * kElfPhdrSize];
    TRY(source.read(source.context, header.program_header_offset, program_headers,
                    uint64_t{header.program_header_count} * kElfPhdrSize));
    return validate_elf(header, program_headers, source.length);
}

Result<void> load_executable(AddressSpace& space, const ImageSource& source, const ElfLayout& layout) {
    for (uint32_t i = 0; i < layout.segment_count; ++i) TRY(map_segment_pages(space, layout.segments[i]));
    for (uint32_t i = 0; i < layout.segment_count; ++i) TRY(copy_segment_bytes(space, source, layout.segments[i]));
    return {};
}

Result<void> build_user_stack(AddressSpace& space, const char* args, uint32_t args_length, TrapFrame& frame) {
    TRY(space.map_zeroed_range(kUserStackTop - kUserStackSize, kUserStackSize, true, false));
    if (args_length > neurath::kArgBlockSize) return Error::InvalidArgument;
    uint64_t argc = 0;
    for (uint32_t i = 0; i < args_length; ++i) {
        if (args[i] == '\0' || i + 1 == args_length) ++argc;
    }
    // Strings (with a guaranteed final NUL) at the top, the argv array below them.
    uint64_t strings = (kUserStackTop - (args_length + 1)) & ~uint64_t{15};
    TRY(copy_to_user(space, strings, args, args_length));
    uint64_t argv = (strings - (argc + 1) * 8) & ~uint64_t{15};
    uint64_t cursor = strings;
    for (uint64_t index = 0; index < argc; ++index) {
        TRY(write_user(space, UserPtr<uint64_t>(argv + index * 8), cursor));
        while (cursor < strings + args_length && *(args + (cursor - strings)) != '\0') ++cursor;
        ++cursor;
    }
    TRY(write_user(space, UserPtr<uint64_t>(argv + argc * 8), uint64_t{0}));
    frame.rdi = argc;
    frame.rsi = argv;
    frame.rsp = argv - 8;  // as if a return address had been pushed
    TRY(write_user(space, UserPtr<uint64_t>(frame.rsp), uint64_t{0}));
    frame.rflags = kRflagsInterrupts | 0x2;
    frame.cs = kUserCode;
    frame.ss = kUserData;
    return {};
}

}  // namespace kernel
