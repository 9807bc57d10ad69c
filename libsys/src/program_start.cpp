// program_start.cpp — what runs between _start (crt0.S) and main: the heap
// bank of an update's new version, global constructors (.init_array),
// main(argc, argv), functions registered with atexit (global destructors),
// then the Exit kernel call.
//
// Entry points: libsys_start (called by crt0), atexit.
#include <sys/cstring.h>
#include <sys/heap.h>
#include <sys/kcall.h>

// Under -ffreestanding main is an ordinary C++ function (mangled), so it
// is declared with C++ linkage: programs write the usual `int main(...)`.
int main(int argc, char** argv);

extern "C" {
using InitFunction = void (*)();
extern InitFunction __init_array_start[] __attribute__((weak));
extern InitFunction __init_array_end[] __attribute__((weak));
[[noreturn]] void libsys_start(int argc, char** argv);
int atexit(void (*function)());
}

namespace {
constexpr int kMaxExitFunctions = 32;
void (*exit_functions[kMaxExitFunctions])();
int exit_function_count = 0;

void run_constructors() {
    for (InitFunction* f = __init_array_start; f && f < __init_array_end; ++f) (*f)();
}

void run_exit_functions() {
    while (exit_function_count > 0) exit_functions[--exit_function_count]();
}

// Whether the old version's heap lives in `bank` (its header is there).
bool heap_in_bank(neurath::Endpoint old_version, unsigned bank, sys::HeapBankHeader& header) {
    return sys::proc_memory_read(old_version, sys::kHeapBase + bank * sys::kHeapBankStride, &header, sizeof header).ok() &&
           header.magic == sys::kHeapBankMagic;
}

// Every other bank holds objects the old version keeps at their address.
[[noreturn]] void no_free_bank(unsigned old_bank) {
    char message[] = "libsys: no heap bank is free for the new version: the old heap is in bank ?, objects kept at "
                     "their address in all the others; refusing to start\n";
    *sys::str::strchr(message, '?') = static_cast<char>('0' + old_bank);
    (void)sys::debug_write(message, sizeof message - 1);
    sys::exit(125);
}

// The new version of a live update (argv: name, "--update", the old
// version's endpoint, as rs starts it) takes the first heap bank after its
// old version's that holds neither that heap nor objects the old version
// keeps at their address. Before the constructors, which may allocate.
void choose_heap_bank(int argc, char** argv) {
    if (argc < 3 || sys::str::strcmp(argv[1], "--update") != 0) return;
    neurath::Endpoint old_version = 0;
    for (const char* digit = argv[2]; *digit >= '0' && *digit <= '9'; ++digit) old_version = old_version * 10 + (*digit - '0');
    for (unsigned bank = 0; bank < sys::kHeapBanks; ++bank) {
        sys::HeapBankHeader old{};
        if (!heap_in_bank(old_version, bank, old)) continue;
        const unsigned next = sys::next_heap_bank(bank, old.pinned_banks);
        if (next == sys::kHeapBanks) no_free_bank(bank);
        (void)sys::select_heap_bank(next);
        return;
    }
}
}  // namespace

extern "C" int atexit(void (*function)()) {
    if (exit_function_count == kMaxExitFunctions) return -1;
    exit_functions[exit_function_count++] = function;
    return 0;
}

extern "C" void libsys_start(int argc, char** argv) {
    choose_heap_bank(argc, argv);
    run_constructors();
    const int status = main(argc, argv);
    run_exit_functions();
    sys::exit(status);
}
