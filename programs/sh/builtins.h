// builtins.h — the commands the shell runs itself, in one table.
//
// Each builtin gets its parsed words (argv[0] is its name) and an Output for
// its normal output (console or a redirection file); it reports problems with
// report_error and returns 0 on success, 1 on failure (`update`: 2 for bad
// arguments). Files and directories: builtins_files.cpp; processes and the
// system: builtins_system.cpp; background jobs: builtins_jobs.cpp; live
// update: builtins_update.cpp; the data store: builtins_ds.cpp.
//
// Entry points: find_builtin, builtin_table, builtin_count.
#pragma once

#include <stddef.h>

#include "command_line.h"
#include "output.h"

namespace shell {

struct Builtin {
    const char* name;
    const char* usage;        // arguments, for help and usage errors
    const char* description;  // one line
    const char* details;      // nullptr, or further lines for `help` (forms, options)
    int (*run)(const CommandLine& command, Output& out);
};

const Builtin* builtin_table();
size_t builtin_count();
const Builtin* find_builtin(const char* name);

// The builtins (table order is help order).
int builtin_help(const CommandLine& command, Output& out);
int builtin_echo(const CommandLine& command, Output& out);
int builtin_cat(const CommandLine& command, Output& out);
int builtin_ls(const CommandLine& command, Output& out);
int builtin_mkdir(const CommandLine& command, Output& out);
int builtin_rm(const CommandLine& command, Output& out);
int builtin_mv(const CommandLine& command, Output& out);
int builtin_ps(const CommandLine& command, Output& out);
int builtin_kill(const CommandLine& command, Output& out);
int builtin_exit(const CommandLine& command, Output& out);
int builtin_uptime(const CommandLine& command, Output& out);
int builtin_service(const CommandLine& command, Output& out);
int builtin_ds(const CommandLine& command, Output& out);
int builtin_update(const CommandLine& command, Output& out);
int builtin_updates(const CommandLine& command, Output& out);
int builtin_jobs(const CommandLine& command, Output& out);
int builtin_wait(const CommandLine& command, Output& out);

// Waits for background job `index` (jobs.h), drops it from the table and
// reports how it ended; returns its shell status.
int collect_job(size_t index);
int builtin_poweroff(const CommandLine& command, Output& out);

// "usage: <name> <usage>" on the console; returns 1.
int usage_error(const CommandLine& command);

}  // namespace shell
