// process_lookup.h — rs's view of the kernel's process list (ProcList):
// which process runs at an endpoint, and which process a user means by a
// name or a pid.
//
// Entry points: rs::process_at (libsys's sys::process_at), rs::find_process.
#pragma once

#include <neurath/syscall.h>
#include <sys/kernel_processes.h>
#include <sys/result.h>

namespace rs {

using sys::Result;

// The live process at `endpoint`; NotFound when there is none.
using sys::process_at;

// A process named `name`, or with pid `name` when it is all digits. NotFound,
// or Busy when several processes have that name (`count` says how many).
Result<neurath::ProcessInfo> find_process(const char* name, uint32_t& count);

}  // namespace rs
