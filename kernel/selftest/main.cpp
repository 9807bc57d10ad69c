// main.cpp — the kernel self-test: one static executable that runs as rs
// (the first process; it drives every check) and as its children (argv[1]
// names the role). It uses raw kernel calls only, so it tests the kernel
// without any server. Ends with "selftest: N checks, M failed" and
// Shutdown(0) when all passed, Shutdown(1) otherwise.
//
// Entry point: _start (argc in rdi, argv in rsi; the stack pointer on entry
// is passed on so its alignment can be checked). When a boot module named
// "die" is present, rs faults on purpose instead, to test that the kernel
// panics with a report when rs dies.
#include "harness.h"
#include "roles.h"

extern "C" [[noreturn]] void selftest_main(int argc, char** argv, uint64_t entry_rsp);

asm(R"(
    .text
    .global _start
_start:
    mov %rsp, %rdx
    sub $8, %rsp
    call selftest_main
    ud2
)");

namespace selftest {
namespace {

bool has_module(const char* name) {
    ModuleDescriptor module{};
    for (uint64_t i = 0; call(Sys::ModuleInfo, i, reinterpret_cast<uint64_t>(&module)) == 0; ++i) {
        if (text_equal(module.name, name)) return true;
    }
    return false;
}

[[noreturn]] void run_as_rs(int argc, char** argv, uint64_t entry_rsp) {
    write_text("selftest: start\n");
    if (has_module("die")) {
        write_text("selftest: rs faults on purpose\n");
        *reinterpret_cast<volatile uint64_t*>(kFaultAddress) = 1;
    }
    load_own_image();
    check_basics(argc, argv, entry_rsp);
    check_processes();
    check_ipc();
    check_grants();
    check_scheduling();
    check_state_read();
    check_swap();
    check_dma_loans();
    check_limits();
    write_text("selftest: ");
    write_number(checks());
    write_text(" checks, ");
    write_number(failures());
    write_text(" failed\n");
    call(Sys::Shutdown, failures() == 0 ? 0 : 1);
    exit(1);
}

}  // namespace
}  // namespace selftest

extern "C" void selftest_main(int argc, char** argv, uint64_t entry_rsp) {
    using namespace selftest;
    if (argc >= 2 && text_equal(argv[0], "child")) run_role(argc, argv);
    run_as_rs(argc, argv, entry_rsp);
}
