// run_program.h — running a program from /bin: spawn through pm, wait for
// it, and say how it ended when that was not a clean exit.
//
// Entry point: run_program (returns the shell status: 0 for exit 0).
#pragma once

#include "command_line.h"

namespace shell {

int run_program(const CommandLine& command);

}  // namespace shell
