// main.cpp — /bin/sh, the Neurath shell: prompt, read a line (edited by the
// tty line discipline), parse it, run a builtin or a /bin program.
//
// Entry point: main. The loop never ends on user input: every error is one
// line on the console and the prompt comes back. The prompt is exactly
// "neurath$ " (system tests wait for it). `sh -c '<line>'` runs one line
// and exits with its status, so a builtin can run as a background job
// (`sh -c 'update ...' &`).
#include <sys/cstring.h>
#include <sys/ds_client.h>
#include <sys/format.h>
#include <sys/kcall.h>
#include <sys/tty_client.h>

#include "builtins.h"
#include "command_line.h"
#include "output.h"
#include "paths.h"
#include "run_program.h"

namespace {

constexpr char kPrompt[] = "neurath$ ";
// ds key holding the guest time (ns, decimal) of the first prompt; /bin/bench
// reports it as boot_to_prompt.
constexpr char kFirstPromptKey[] = "sh.first_prompt_ns";

void publish_first_prompt_time() {
    char text[24];
    const int length = sys::format(text, sizeof text, "%llu", static_cast<unsigned long long>(sys::uptime_ns()));
    if (length > 0) (void)sys::ds::publish(kFirstPromptKey, text, static_cast<size_t>(length));
}

// Runs a builtin with its output going to the `>`/`>>` file.
int run_redirected(const shell::Builtin& builtin, const shell::CommandLine& command) {
    const bool append = command.redirect == shell::RedirectKind::Append;
    const shell::AbsolutePath path(command.redirect_path);
    sys::Result<shell::Output> file = shell::Output::to_file(path.c_str(), append);
    if (file.is_error()) {
        shell::report_error(command.argv[0], "%s: %s", command.redirect_path, neurath::error_name(file.error()));
        return 1;
    }
    int status = builtin.run(command, file.value());
    const sys::Result<void> finished = file.value().finish();
    if (finished.is_error()) {
        shell::report_error(command.argv[0], "%s: %s", command.redirect_path, neurath::error_name(finished.error()));
        status = 1;
    }
    return status;
}

int execute(const shell::CommandLine& command) {
    const shell::Builtin* builtin = shell::find_builtin(command.argv[0]);
    if (builtin == nullptr) return shell::run_program(command);
    if (command.background) {
        shell::report_error(command.argv[0], "& works with programs only, not builtins");
        return 1;
    }
    if (command.redirect != shell::RedirectKind::None) return run_redirected(*builtin, command);
    shell::Output console = shell::Output::console();
    return builtin->run(command, console);
}

// Runs one input line; its status (2 for a line that does not parse).
int run_line(const char* line, size_t length) {
    static shell::CommandLine command;  // large: kept off the stack
    const sys::Result<void> parsed = shell::parse_command_line(line, length, command);
    if (parsed.is_error()) {
        shell::report_error("sh", "%s", shell::parse_error_text(parsed.error()));
        return 2;
    }
    if (command.argc == 0) return 0;
    return execute(command);
}

// Reads one line. Busy means the console still holds a read for a reader
// that went away (a previous shell): retry quietly until tty frees it.
sys::Result<size_t> read_line(char* line, size_t capacity) {
    for (;;) {
        const sys::Result<size_t> length = sys::tty::read_line(line, capacity);
        if (length.ok() || length.error() != neurath::Error::Busy) return length;
        sys::yield();
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && sys::str::strcmp(argv[1], "-c") == 0) return run_line(argv[2], sys::str::strlen(argv[2]));
    if (argc != 1) {
        shell::report_error("sh", "usage: sh [-c 'command line']");
        return 2;
    }
    char line[shell::kMaxLine + 2];
    publish_first_prompt_time();
    for (;;) {
        (void)sys::tty::write(kPrompt, sizeof kPrompt - 1);
        const sys::Result<size_t> length = read_line(line, sizeof line);
        if (length.is_error()) {
            shell::report_error("sh", "reading the console: %s", neurath::error_name(length.error()));
            sys::yield();
            continue;
        }
        run_line(line, length.value());
    }
}
