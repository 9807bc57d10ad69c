// pm_client.h — client stubs for the process manager (protocol/pm.h).
//
// Entry points: sys::pm::spawn (argv array), spawn_line (one command line),
// wait, kill, getpid, process_list, exit.
#pragma once

#include <protocol/pm.h>
#include <sys/kcall.h>
#include <sys/result.h>

namespace sys::pm {

using protocol::pm::GetPidReply;
using protocol::pm::ProcessEntry;
using protocol::pm::ProcessListReply;
using protocol::pm::SpawnReply;
using protocol::pm::WaitReply;

// argv[0] is conventionally the program name; argc may be 0 (argv = { path }).
Result<SpawnReply> spawn(const char* path, int argc, const char* const* argv);
Result<WaitReply> wait(Endpoint child);
Result<void> kill(Endpoint target, int32_t status);
Result<GetPidReply> getpid();
Result<ProcessListReply> process_list(ProcessEntry* entries, uint32_t capacity);
// Ends the calling process (the kernel reports the exit to pm).
[[noreturn]] void exit(int32_t status);

}  // namespace sys::pm
