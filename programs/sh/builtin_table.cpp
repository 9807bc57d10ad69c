// builtin_table.cpp — the shell's command table and `help`.
//
// Entry points: builtin_table, builtin_count, find_builtin, builtin_help,
// usage_error. `help` also lists the programs found in /bin, with a
// description for the ones shipped in the boot image.
#include <protocol/vfs.h>
#include <sys/cstring.h>
#include <sys/vfs_client.h>

#include "builtins.h"

namespace shell {
namespace {

const Builtin kBuiltins[] = {
    {"help", "", "list every command with a one-line description", builtin_help},
    {"echo", "[word...] [> file | >> file]", "print the words (redirect to a file with > or >>)", builtin_echo},
    {"cat", "file...", "print the contents of files", builtin_cat},
    {"ls", "[path...]", "list a directory (directories end in /) or name a file", builtin_ls},
    {"mkdir", "dir...", "create directories", builtin_mkdir},
    {"rm", "path...", "remove files or empty directories", builtin_rm},
    {"mv", "from to", "rename or move a file or directory (into `to` if it is a directory)", builtin_mv},
    {"ps", "", "list every process: pid, endpoint, state, name", builtin_ps},
    {"kill", "pid", "kill the process with this pid", builtin_kill},
    {"jobs", "", "list programs started in the background with a final &", builtin_jobs},
    {"wait", "[pid]", "collect finished background jobs and say how they ended", builtin_wait},
    {"uptime", "", "time since boot", builtin_uptime},
    {"service", "list | crash <name>", "list system services, or inject a crash into one", builtin_service},
    {"poweroff", "", "shut the machine down", builtin_poweroff},
};

struct ProgramNote {
    const char* name;
    const char* description;
};

const ProgramNote kProgramNotes[] = {
    {"sh", "this shell"},
    {"crash", "crash on purpose: crash [null|kernel|divide|opcode]"},
    {"msgfuzz", "send malformed messages to every server, then check they still answer"},
    {"ipcstress", "stress IPC with many verified round trips and worker processes"},
    {"denied", "try a forbidden IPC send and a privileged kernel call"},
    {"bench", "measure IPC, kernel-call, spawn and file-read costs"},
    {"benchpeer", "echo partner for bench and ipcstress (try: benchpeer &, ps, kill <pid>)"},
};

const char* note_for(const char* program) {
    for (const ProgramNote& note : kProgramNotes) {
        if (sys::str::strcmp(note.name, program) == 0) return note.description;
    }
    return "program in /bin";
}

void list_programs(Output& out) {
    const sys::Result<int> dir = sys::vfs::open("/bin", protocol::vfs::kOpenRead | protocol::vfs::kOpenDirectory);
    if (dir.is_error()) return;
    out.print("programs in /bin (run by name, with arguments):\n");
    for (uint32_t index = 0;; ++index) {
        const sys::Result<sys::vfs::DirEntry> entry = sys::vfs::readdir(dir.value(), index);
        if (entry.is_error()) break;
        out.print("  %-10s %s\n", entry.value().name, note_for(entry.value().name));
    }
    (void)sys::vfs::close(dir.value());
}

}  // namespace

const Builtin* builtin_table() { return kBuiltins; }
size_t builtin_count() { return sizeof kBuiltins / sizeof kBuiltins[0]; }

const Builtin* find_builtin(const char* name) {
    for (const Builtin& builtin : kBuiltins) {
        if (sys::str::strcmp(builtin.name, name) == 0) return &builtin;
    }
    return nullptr;
}

int builtin_help(const CommandLine& command, Output& out) {
    out.print("builtin commands:\n");
    for (const Builtin& builtin : kBuiltins) out.print("  %-10s %s\n", builtin.name, builtin.description);
    list_programs(out);
    return 0;
}

int usage_error(const CommandLine& command) {
    const Builtin* builtin = find_builtin(command.argv[0]);
    report_error(command.argv[0], "usage: %s %s", command.argv[0], builtin ? builtin->usage : "");
    return 1;
}

}  // namespace shell
