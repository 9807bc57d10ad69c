// trap.h — kernel entry dispatch (see trap.cpp) and the jump into the first
// user process.
//
// Entry points: start_first_process(); trap_dispatch and syscall_from_user
// are called from assembly and return the frame to resume.
#pragma once

#include "arch/trap_frame.h"

extern "C" kernel::TrapFrame* trap_dispatch(kernel::TrapFrame* frame);
extern "C" kernel::TrapFrame* syscall_from_user();

namespace kernel {

[[noreturn]] void start_first_process();

}  // namespace kernel
