// run_program.cpp — spawn + wait of /bin programs (see run_program.h).
//
// Entry points: run_program, report_ending. A bare name is looked up as
// /bin/<name>; a name with a '/' is used as the path. A background job is
// announced as "[<pid>] <name>" and recorded in the job table. Endings other than exit status 0 print one
// line: "<name>: exited with status N", "<name>: crashed (<exception>)" or
// "<name>: killed".
#include <protocol/pm.h>
#include <protocol/vfs.h>
#include <sys/cstring.h>
#include <sys/format.h>
#include <sys/pm_client.h>
#include <sys/vfs_client.h>

#include "jobs.h"
#include "output.h"
#include "run_program.h"

namespace shell {
namespace {

using neurath::Error;
using neurath::error_name;

const char* exception_name(int32_t vector) {
    switch (vector) {
    case 0: return "divide error";
    case 6: return "invalid opcode";
    case 13: return "general protection fault";
    case 14: return "page fault";
    default: return "CPU exception";
    }
}

sys::Result<void> program_path(const char* name, char* path, size_t capacity) {
    const bool has_slash = sys::str::strchr(name, '/') != nullptr;
    const int length = sys::format(path, capacity, has_slash ? "%s" : "/bin/%s", name);
    if (length < 0 || static_cast<size_t>(length) >= capacity) return Error::NameTooLong;
    const sys::vfs::StatReply info = TRY(sys::vfs::stat(path));
    if (info.type == protocol::vfs::FileType::Directory) return Error::IsADirectory;
    return {};
}

}  // namespace

int report_ending(const char* name, const sys::pm::WaitReply& ending) {
    switch (ending.kind) {
    case protocol::pm::ExitKind::Exited:
        if (ending.status == 0) return 0;
        report_error(name, "exited with status %d", ending.status);
        return 1;
    case protocol::pm::ExitKind::Faulted:
        report_error(name, "crashed (%s, vector %d)", exception_name(ending.status), ending.status);
        return 1;
    case protocol::pm::ExitKind::Killed:
        report_error(name, "killed");
        return 1;
    }
    report_error(name, "ended in an unknown way");
    return 1;
}

namespace {

int start_background(const char* name, const sys::pm::SpawnReply& child) {
    const sys::Result<void> added = jobs().add(child.endpoint, child.pid, name);
    if (added.is_error()) {
        // Cannot track it: stop it rather than leave an unreaped process.
        (void)sys::pm::kill(child.endpoint, 1);
        (void)sys::pm::wait(child.endpoint);
        report_error(name, "too many background jobs (at most %u)", static_cast<unsigned>(kMaxJobs));
        return 1;
    }
    Output console = Output::console();
    console.print("[%llu] %s\n", static_cast<unsigned long long>(child.pid), name);
    return 0;
}

}  // namespace

int run_program(const CommandLine& command) {
    const char* name = command.argv[0];
    if (command.redirect != RedirectKind::None) {
        report_error(name, "redirection works with builtins only");
        return 1;
    }
    char path[protocol::vfs::kMaxPath + 1];
    const sys::Result<void> found = program_path(name, path, sizeof path);
    if (found.is_error()) {
        if (found.error() == Error::NotFound) report_error(name, "command not found (try help)");
        else report_error(name, "%s", error_name(found.error()));
        return 1;
    }
    const sys::Result<sys::pm::SpawnReply> spawned =
        sys::pm::spawn(path, static_cast<int>(command.argc), command.argv);
    if (spawned.is_error()) {
        report_error(name, "cannot run: %s", error_name(spawned.error()));
        return 1;
    }
    if (command.background) return start_background(name, spawned.value());
    const sys::Result<sys::pm::WaitReply> ending = sys::pm::wait(spawned.value().endpoint);
    if (ending.is_error()) {
        report_error(name, "wait: %s", error_name(ending.error()));
        return 1;
    }
    return report_ending(name, ending.value());
}

}  // namespace shell
