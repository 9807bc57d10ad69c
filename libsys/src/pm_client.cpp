// pm_client.cpp — client stubs for the process manager.
#include <sys/args.h>
#include <sys/call.h>
#include <sys/cstring.h>
#include <sys/grant.h>
#include <sys/pm_client.h>

namespace sys::pm {
namespace pp = protocol::pm;
using neurath::kGrantRead;
using neurath::kGrantWrite;
using neurath::kPm;

Result<SpawnReply> spawn(const char* path, int argc, const char* const* argv) {
    const size_t path_length = str::strlen(path);
    if (path_length == 0) return Error::InvalidArgument;
    ArgBlock args;
    if (argc == 0) TRY(args.append(path));
    for (int i = 0; i < argc; ++i) TRY(args.append(argv[i]));
    Grant path_grant = TRY(Grant::create(kPm, path, path_length, kGrantRead));
    Grant args_grant = TRY(Grant::create(kPm, args.data(), args.length(), kGrantRead));
    return call<SpawnReply>(kPm, pp::kSpawn, pp::SpawnRequest{path_grant.ref(), args_grant.ref()});
}

Result<WaitReply> wait(Endpoint child) { return call<WaitReply>(kPm, pp::kWait, pp::WaitRequest{child}); }

Result<void> kill(Endpoint target, int32_t status) {
    return call_status(kPm, pp::kKill, pp::KillRequest{target, status});
}

Result<GetPidReply> getpid() { return call<GetPidReply>(kPm, pp::kGetPid, pp::EmptyRequest{}); }

Result<ProcessListReply> process_list(ProcessEntry* entries, uint32_t capacity) {
    Grant grant = TRY(Grant::create(kPm, entries, uint64_t{capacity} * sizeof(ProcessEntry), kGrantWrite));
    return call<ProcessListReply>(kPm, pp::kProcessList, pp::ProcessListRequest{grant.ref()});
}

void exit(int32_t status) { sys::exit(status); }

}  // namespace sys::pm
