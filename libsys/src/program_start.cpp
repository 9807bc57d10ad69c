// program_start.cpp — what runs between _start (crt0.S) and main: global
// constructors (.init_array), main(argc, argv), functions registered with
// atexit (global destructors), then the Exit kernel call.
//
// Entry points: libsys_start (called by crt0), atexit.
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
}  // namespace

extern "C" int atexit(void (*function)()) {
    if (exit_function_count == kMaxExitFunctions) return -1;
    exit_functions[exit_function_count++] = function;
    return 0;
}

extern "C" void libsys_start(int argc, char** argv) {
    run_constructors();
    const int status = main(argc, argv);
    run_exit_functions();
    sys::exit(status);
}
