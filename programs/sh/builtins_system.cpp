// builtins_system.cpp — shell builtins for processes and the system: ps,
// kill, exit, uptime, service (rs), poweroff.
//
// Entry points: builtin_ps, builtin_kill, builtin_exit, builtin_uptime, builtin_service,
// builtin_poweroff, parse_unsigned.
#include <neurath/version.h>
#include <protocol/pm.h>
#include <protocol/rs.h>
#include <sys/cstring.h>
#include <sys/kcall.h>
#include <sys/pm_client.h>
#include <sys/rs_client.h>

#include "builtins.h"
#include "jobs.h"
#include "numbers.h"

namespace shell {
namespace {

using neurath::error_name;

constexpr uint32_t kMaxListed = 64;
constexpr int32_t kKillStatus = 9;

const char* state_name(neurath::ProcState state) {
    switch (state) {
    case neurath::ProcState::Running: return "running";
    case neurath::ProcState::Ready: return "ready";
    case neurath::ProcState::Sending: return "sending";
    case neurath::ProcState::Receiving: return "receiving";
    case neurath::ProcState::SendReceiving: return "sendrec";
    case neurath::ProcState::Dead: return "dead";
    }
    return "unknown";
}

const char* service_state_name(protocol::rs::ServiceState state) {
    switch (state) {
    case protocol::rs::ServiceState::Stopped: return "stopped";
    case protocol::rs::ServiceState::Running: return "running";
    case protocol::rs::ServiceState::Restarting: return "restarting";
    case protocol::rs::ServiceState::Failed: return "failed";
    }
    return "unknown";
}

// The process list from pm, or an error already reported.
sys::Result<uint32_t> list_processes(const char* command, protocol::pm::ProcessEntry* entries) {
    const sys::Result<sys::pm::ProcessListReply> listed = sys::pm::process_list(entries, kMaxListed);
    if (listed.is_error()) {
        report_error(command, "process list: %s", error_name(listed.error()));
        return listed.error();
    }
    return listed.value().count;
}

int service_list(Output& out) {
    protocol::rs::ServiceEntry entries[kMaxListed];
    const sys::Result<sys::rs::ServiceListReply> listed = sys::rs::service_list(entries, kMaxListed);
    if (listed.is_error()) {
        report_error("service", "list: %s", error_name(listed.error()));
        return 1;
    }
    out.print("%-10s %4s %-10s %8s %6s %s\n", "NAME", "EP", "STATE", "RESTARTS", "PID", "VERSION");
    for (uint32_t i = 0; i < listed.value().count; ++i) {
        const protocol::rs::ServiceEntry& entry = entries[i];
        out.print("%-10.15s %4d %-10s %8u %6llu %08x\n", entry.name, entry.endpoint, service_state_name(entry.state),
                  entry.restarts, static_cast<unsigned long long>(entry.pid), neurath::short_version(entry.version));
    }
    return 0;
}

int service_crash(const char* name) {
    if (sys::str::strlen(name) >= neurath::kNameLength) {
        report_error("service", "%s: %s", name, error_name(neurath::Error::NameTooLong));
        return 1;
    }
    const sys::Result<void> crashed = sys::rs::crash_service(name);
    if (crashed.is_error()) {
        report_error("service", "crash %s: %s", name, error_name(crashed.error()));
        return 1;
    }
    return 0;
}

// Why pm refused to kill `target`, in the words of the ownership rules.
const char* kill_refusal(const protocol::pm::ProcessEntry& target, neurath::Error error) {
    if (error != neurath::Error::PermissionDenied) return error_name(error);
    if (target.endpoint < neurath::kFirstUserEndpoint)
        return "permission denied (system servers cannot be killed; service crash <name> restarts one)";
    if (target.parent == neurath::kNone) return "permission denied (init cannot be killed)";
    return "permission denied (not a descendant of this shell)";
}

}  // namespace

int builtin_ps(const CommandLine& command, Output& out) {
    if (command.argc != 1) return usage_error(command);
    protocol::pm::ProcessEntry entries[kMaxListed];
    const sys::Result<uint32_t> count = list_processes("ps", entries);
    if (count.is_error()) return 1;
    out.print("%6s %4s %-10s %-8s %8s %s\n", "PID", "EP", "STATE", "VERSION", "MEM", "NAME");
    for (uint32_t i = 0; i < count.value(); ++i) {
        const protocol::pm::ProcessEntry& entry = entries[i];
        out.print("%6llu %4d %-10s %08x %8llu %.16s\n", static_cast<unsigned long long>(entry.pid), entry.endpoint,
                  state_name(entry.state), neurath::short_version(entry.version),
                  static_cast<unsigned long long>(entry.user_pages * 4), entry.name);
    }
    return 0;
}

int builtin_kill(const CommandLine& command, Output& out) {
    if (command.argc != 2) return usage_error(command);
    const sys::Result<uint64_t> pid = parse_unsigned(command.argv[1]);
    if (pid.is_error()) {
        report_error("kill", "%s: not a pid", command.argv[1]);
        return 1;
    }
    protocol::pm::ProcessEntry entries[kMaxListed];
    const sys::Result<uint32_t> count = list_processes("kill", entries);
    if (count.is_error()) return 1;
    for (uint32_t i = 0; i < count.value(); ++i) {
        if (entries[i].pid != pid.value()) continue;
        const sys::Result<void> killed = sys::pm::kill(entries[i].endpoint, kKillStatus);
        if (killed.ok()) {
            // A background job of ours: reap it now and say so.
            const sys::Result<size_t> job = jobs().find_by_endpoint(entries[i].endpoint);
            if (job.ok()) (void)collect_job(job.value());
            return 0;
        }
        report_error("kill", "%s: %s", command.argv[1], kill_refusal(entries[i], killed.error()));
        return 1;
    }
    report_error("kill", "%s: no such process", command.argv[1]);
    return 1;
}

int builtin_exit(const CommandLine& command, Output&) {
    if (command.argc > 2) return usage_error(command);
    int32_t status = 0;
    if (command.argc == 2) {
        const sys::Result<uint64_t> value = parse_unsigned(command.argv[1]);
        if (value.is_error() || value.value() > 255) {
            report_error("exit", "%s: not a status (0..255)", command.argv[1]);
            return 1;
        }
        status = static_cast<int32_t>(value.value());
    }
    sys::pm::exit(status);
}

int builtin_uptime(const CommandLine& command, Output& out) {
    if (command.argc != 1) return usage_error(command);
    const uint64_t ns = sys::uptime_ns();
    out.print("up %llu.%06llu s\n", static_cast<unsigned long long>(ns / 1000000000),
              static_cast<unsigned long long>((ns / 1000) % 1000000));
    return 0;
}

namespace {

int service_info(const char* name, Output& out) {
    const sys::Result<protocol::rs::ServiceInfoReply> info = sys::rs::service_info(name);
    if (info.is_error()) {
        if (info.error() == neurath::Error::BadMessage)
            report_error("service", "info: this version of rs does not know the request (it came with rs.next)");
        else
            report_error("service", "info %s: %s", name, error_name(info.error()));
        return 1;
    }
    const uint64_t age_ms = (sys::uptime_ns() - info.value().started_ns) / 1000000;
    out.print("%s: pid %llu, started %llu ms ago, %u restarts, %u live updates\n", name,
              static_cast<unsigned long long>(info.value().pid), static_cast<unsigned long long>(age_ms),
              info.value().restarts, info.value().updates);
    return 0;
}

}  // namespace

int builtin_service(const CommandLine& command, Output& out) {
    if (command.argc == 2 && sys::str::strcmp(command.argv[1], "list") == 0) return service_list(out);
    if (command.argc == 3 && sys::str::strcmp(command.argv[1], "info") == 0) return service_info(command.argv[2], out);
    if (command.argc == 3 && sys::str::strcmp(command.argv[1], "crash") == 0) return service_crash(command.argv[2]);
    return usage_error(command);
}

int builtin_poweroff(const CommandLine& command, Output& out) {
    if (command.argc != 1) return usage_error(command);
    out.print("powering off\n");
    const sys::Result<void> done = sys::rs::shutdown(0);
    if (done.is_error()) report_error("poweroff", "%s", error_name(done.error()));
    return 1;  // only reached if the machine is still running
}

}  // namespace shell
