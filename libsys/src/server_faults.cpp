// server_faults.cpp — the framework's ways for a server to die on purpose:
// inject_crash (fault injection requested by rs) and fail_start (a start
// hook failed). Target only: they log to the kernel console and end the process.
#include <sys/server.h>
#include <sys/stdio.h>

namespace sys {

void inject_crash() {
    log("server %d: crash injected by rs\n", self_endpoint());
    volatile int* null_pointer = nullptr;
    *null_pointer = 0xDEAD;
    exit(125);
}

void fail_start(const char* server_name, Error error) {
    log("%s: start failed: %s\n", server_name, neurath::error_name(error));
    exit(124);
}

}  // namespace sys
