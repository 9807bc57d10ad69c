// cxx_runtime.cpp — the few C++ ABI symbols freestanding code still needs:
// __dso_handle and __cxa_pure_virtual (a pure call ends the process loudly).
// Global destructors go through atexit (program_start.cpp), because the
// target is built with -fno-use-cxa-atexit.
#include <sys/kcall.h>

extern "C" {
void* __dso_handle = nullptr;

void __cxa_pure_virtual() {
    static const char message[] = "libsys: pure virtual call\n";
    sys::debug_write(message, sizeof message - 1);
    sys::exit(127);
}
}
