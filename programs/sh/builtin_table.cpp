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

const char kUpdateDetails[] =
    "             update <name> <binary> [options]   <name>: a service, a program or a pid\n"
    "             update <name>:<binary> <name>:<binary> ...   up to 6 at once, all or nothing\n"
    "             update --undo <name>               revert its last committed update\n"
    "             --state EXPR    update only where EXPR holds on its state (quote it:\n"
    "                             --state \"state.store.count_ > 0\"); default: at its quiescent point\n"
    "             --timeout MS    deadline for quiescence and each phase (default 2000)\n"
    "             --prepare-only  quiesce and report, then resume the old version\n"
    "             --round-trip    also transfer the state back and compare before committing\n";

const Builtin kBuiltins[] = {
    {"help", "", "list every command with a one-line description", nullptr, builtin_help},
    {"echo", "[word...] [> file | >> file]", "print the words (redirect to a file with > or >>)", nullptr,
     builtin_echo},
    {"cat", "file...", "print the contents of files", nullptr, builtin_cat},
    {"ls", "[path...]", "list a directory (directories end in /) or name a file", nullptr, builtin_ls},
    {"mkdir", "dir...", "create directories", nullptr, builtin_mkdir},
    {"rm", "path...", "remove files or empty directories", nullptr, builtin_rm},
    {"mv", "from to", "rename or move a file or directory (into `to` if it is a directory)", nullptr, builtin_mv},
    {"ps", "", "list every process: pid, endpoint, state, version (build identity), name", nullptr, builtin_ps},
    {"kill", "pid", "kill a process of yours: this shell's jobs and their descendants (not init or servers)",
     nullptr, builtin_kill},
    {"jobs", "", "list programs started in the background with a final &", nullptr, builtin_jobs},
    {"wait", "[pid]", "collect finished background jobs and say how they ended", nullptr, builtin_wait},
    {"uptime", "", "time since boot", nullptr, builtin_uptime},
    {"service", "list | info <name> | crash <name>",
     "list system services (with versions), show one in detail (rs.next), or inject a crash into one", nullptr,
     builtin_service},
    {"ds", "list | get <key> | put <key> <word>... | rm <key> | count [prefix]",
     "the data store: list entries, read, publish or delete a value, count a key prefix", nullptr, builtin_ds},
    {"update",
     "<name> <binary> [--state EXPR] [--timeout MS] [--prepare-only] [--round-trip] | "
     "<name>:<binary>... [options] | --undo <name>",
     "live-update a running service or program to a new binary, keeping its state", kUpdateDetails,
     builtin_update},
    {"updates", "", "live updates since boot: versions, phase times, blackout, result", nullptr, builtin_updates},
    {"exit", "[status]", "end this shell; as init, pm starts a new one at once", nullptr, builtin_exit},
    {"poweroff", "", "shut the machine down", nullptr, builtin_poweroff},
};

struct ProgramNote {
    const char* name;
    const char* description;
};

const ProgramNote kProgramNotes[] = {
    {"sh", "this shell; sh -c '<line>' runs one line and exits (a builtin as a job: sh -c 'update ...' &)"},
    {"crash", "crash on purpose: crash [null|kernel|divide|opcode|singlestep|badstack]"},
    {"msgfuzz", "send malformed messages to every server, then check they still answer"},
    {"kcallfuzz", "fuzz every kernel call, check registers, flags and refusals: kcallfuzz [rounds] [seed]"},
    {"stallfuzz", "send and notify every server without ever taking an answer, then check each answers "
                  "promptly: stallfuzz [count] [seed] [hold]"},
    {"ipcstress", "stress IPC with many verified round trips and worker processes"},
    {"denied", "try forbidden IPC, privileged kernel calls and kills: denied [endpoint...]"},
    {"bench", "measure IPC, kernel-call, spawn and file-read costs"},
    {"benchpeer", "echo partner for bench and ipcstress (try: benchpeer &, ps, kill <pid>)"},
    {"limitprobe", "run into a limit on purpose: limitprobe memory <KiB> | processes <count>"},
    {"memchurn", "memory goes back: memchurn heap <rounds> <KiB> | write <path> <KiB> | check <path> <KiB>"},
    {"kvd", "key-value service, registered in ds as \"kvd\" (start it with: kvd &)"},
    {"kvd.v2", "kvd's next version (64-bit values, per-record write counts): update kvd /bin/kvd.v2"},
    {"kvload", "checked puts, gets and deletes against kvd: kvload [count] (default 20000)"},
    {"hammer", "checked requests to a system server: hammer <ds|vfs|pm> [count]"},
    {"ifconfig", "the network (./neurath run --net): link, MAC, address (DHCP or net.conf), sockets, counters"},
    {"arping", "ARP through inet and the NIC: arping <a.b.c.d> (try: arping 10.0.2.2)"},
    {"ping", "ICMP echo through inet: ping <a.b.c.d> [count] (try: ping 10.0.2.2)"},
    {"nc", "TCP/UDP lines both ways: nc [-u] <a.b.c.d> <port>, nc -l <port> (a line '.' ends), nc -u -l <port>"},
    {"echod", "echo server: echod <port> [-u] [connections] (e.g. echod 7000 & with --forward 7000:7000)"},
    {"httpd", "HTTP/1.1 file server for vfs: httpd [port] (default 80; run --net --forward 8080:80)"},
    {"kvnet", "kvd over TCP, line commands put/get/del/count: kvnet [port] (default 7070; start kvd & first)"},
    {"kvnetload", "checked load on kvnet: kvnetload <a.b.c.d> <port> [count] (try: kvnetload 10.0.2.15 7070)"},
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
    for (const Builtin& builtin : kBuiltins) {
        out.print("  %-10s %s\n", builtin.name, builtin.description);
        if (builtin.details != nullptr) out.write(builtin.details, sys::str::strlen(builtin.details));
    }
    list_programs(out);
    return 0;
}

int usage_error(const CommandLine& command) {
    const Builtin* builtin = find_builtin(command.argv[0]);
    report_error(command.argv[0], "usage: %s %s", command.argv[0], builtin ? builtin->usage : "");
    return 1;
}

}  // namespace shell
