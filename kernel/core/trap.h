// trap.h — kernel entry dispatch (see trap.cpp) and the jump into the first
// user process.
//
// Entry points: start_first_process(); trap_dispatch is called from assembly.
#pragma once

#include "arch/trap_frame.h"

extern "C" void trap_dispatch(kernel::TrapFrame* frame);

namespace kernel {

[[noreturn]] void start_first_process();

}  // namespace kernel
