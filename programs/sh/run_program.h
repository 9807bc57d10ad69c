// run_program.h — running a program from /bin: spawn through pm, wait for
// it, and say how it ended when that was not a clean exit; with a final `&`,
// start it as a background job instead (see jobs.h).
//
// Entry points: run_program (returns the shell status: 0 for exit 0),
// report_ending (one line unless the program exited 0; returns the status).
#pragma once

#include <sys/pm_client.h>

#include "command_line.h"

namespace shell {

int run_program(const CommandLine& command);
int report_ending(const char* name, const sys::pm::WaitReply& ending);

}  // namespace shell
