// syscall.h — kernel-call plumbing shared by the registry and every handler.
//
// Entry points: SyscallArgs, CallOutcome, SyscallResult, SyscallHandler,
// SyscallEntry, syscall_entry_for(number), syscall_dispatch(process),
// syscall_init() (STAR/LSTAR/SFMASK/EFER.SCE), complete_call(process, value).
// A handler is split into decode (validate arguments, copy in from user
// memory through UserPtr) and invoke (act on kernel objects). It returns the
// value for rax, an error (returned as -Error), or "deferred": the process
// sleeps and whoever wakes it supplies the result through complete_call().
#pragma once

#include <neurath/syscall.h>
#include <stdint.h>

#include "core/result.h"
#include "proc/process.h"

namespace kernel {

struct SyscallArgs {
    uint64_t arg[6];  // rdi, rsi, rdx, r10, r8, r9
};

class CallOutcome {
public:
    CallOutcome() = default;
    static CallOutcome value(int64_t v) { return CallOutcome(false, v); }
    // The result is (or will be) written by complete_call(), not by the dispatcher.
    static CallOutcome deferred() { return CallOutcome(true, 0); }
    bool is_deferred() const { return deferred_; }
    int64_t result() const { return value_; }

private:
    CallOutcome(bool deferred, int64_t value) : deferred_(deferred), value_(value) {}
    bool deferred_ = false;
    int64_t value_ = 0;
};

using SyscallResult = Result<CallOutcome>;
using SyscallHandler = SyscallResult (*)(Process& caller, const SyscallArgs& args);

struct SyscallEntry {
    const char* name;
    SyscallHandler handler;
    bool privileged;  // needs bit `number` in Privileges::kernel_calls
};

// nullptr for numbers without a kernel call.
const SyscallEntry* syscall_entry_for(uint64_t number);
void syscall_dispatch(Process& caller);
void syscall_init();

// Ends a blocked call of `process` with `value` in rax and makes it runnable.
void complete_call(Process& process, int64_t value);

inline SyscallResult done(int64_t value = 0) { return CallOutcome::value(value); }

}  // namespace kernel
