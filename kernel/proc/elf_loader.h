// elf_loader.h — maps a validated executable into a fresh address space and
// prepares the user stack with argc/argv.
//
// Entry points: load_executable(space, source, layout), build_user_stack(space,
// args, args_length, frame).
// Entry ABI: rdi = argc, rsi = argv, rsp 16-byte aligned minus 8 (as after a
// call), rflags.IF = 1; the 256 KiB stack ends at kUserStackTop.
#pragma once

#include "arch/trap_frame.h"
#include "core/result.h"
#include "memory/address_space.h"
#include "proc/elf_image.h"
#include "proc/lifecycle.h"

namespace kernel {

Result<ElfLayout> read_and_validate(const ImageSource& source);
Result<void> load_executable(AddressSpace& space, const ImageSource& source, const ElfLayout& layout);
Result<void> build_user_stack(AddressSpace& space, const char* args, uint32_t args_length, TrapFrame& frame);

}  // namespace kernel
