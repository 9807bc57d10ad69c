// update_fault.h — fault injection for the faulty update variants in
// /test/updates/<server>-<fault>: the same sources, with the update agent
// compiled with NEURATH_UPDATE_FAULT=<n> (see libupdate/CMakeLists.txt), so
// the new version really crashes, fails, hangs or reports a broken
// invariant at the point named, and the update manager must roll back.
// Ordinary builds have no fault: every check below is a constant false.
#pragma once

#include <sys/kcall.h>

#ifndef NEURATH_UPDATE_FAULT
#define NEURATH_UPDATE_FAULT 0
#endif

namespace sys {

enum class UpdateFault : int {
    None = 0,
    CrashInit = 1,           // crash before the transfer (crash-init)
    FailInit = 2,            // report an initialisation error (fail-init)
    HangInit = 3,            // never report (hang-init): rs's deadline must fire
    BadInvariant = 4,        // the transferred state fails an invariant (bad-invariant)
    CrashAfterTransfer = 5,  // crash once the state is transferred (crash-after-transfer)
};

inline constexpr UpdateFault kCompiledUpdateFault = static_cast<UpdateFault>(NEURATH_UPDATE_FAULT);

inline bool update_fault_is(UpdateFault fault) { return kCompiledUpdateFault == fault; }

// Crashes (null dereference) or hangs (waits for a message nobody sends)
// when `fault` is the compiled-in one.
inline void inject_update_fault(UpdateFault fault) {
    if (!update_fault_is(fault)) return;
    if (fault == UpdateFault::HangInit) {
        for (;;) {
            neurath::Message never;
            (void)receive(neurath::kKernel, never);
        }
    }
    volatile int* null_pointer = nullptr;
    *null_pointer = 0x5EED;
}

}  // namespace sys
