// probe.h — one raw kernel call with every general register, the low half of
// every SSE register and RFLAGS set by the caller, and all of them recorded
// after the call, so the fuzzer can check what the kernel call ABI promises.
//
// Entry point: probe_call(state). The ABI (neurath/syscall.h): rax holds the
// result, rcx and r11 are clobbered by `syscall`; every other general
// register, rsp and the SSE registers are preserved; RFLAGS comes back with
// the caller's neurath::kFlagsKeptAcrossCalls bits as they were on entry,
// IF set and nothing else.
#pragma once

#include <stdint.h>

namespace kcallfuzz {

enum Register : unsigned { Rax, Rbx, Rcx, Rdx, Rsi, Rdi, Rbp, R8, R9, R10, R11, R12, R13, R14, R15, kRegisterCount };

struct ProbeState {
    uint64_t in[kRegisterCount];    // loaded before `syscall` (rax = call number)
    uint64_t out[kRegisterCount];   // recorded right after it
    uint64_t xmm_in[16];            // low 64 bits of xmm0..xmm15
    uint64_t xmm_out[16];
    uint64_t rflags_in;             // popped into RFLAGS before the call (the CPU drops what CPL 3 may not set)
    uint64_t rflags_entered;        // RFLAGS as `syscall` found it
    uint64_t rflags_out;            // RFLAGS right after the call
    uint64_t rsp_before;
    uint64_t rsp_after;
};

// Offsets used by the assembly in probe.cpp.
static_assert(__builtin_offsetof(ProbeState, out) == 120);
static_assert(__builtin_offsetof(ProbeState, xmm_in) == 240);
static_assert(__builtin_offsetof(ProbeState, xmm_out) == 368);
static_assert(__builtin_offsetof(ProbeState, rflags_in) == 496);
static_assert(__builtin_offsetof(ProbeState, rsp_after) == 528);

}  // namespace kcallfuzz

extern "C" void probe_call(kcallfuzz::ProbeState* state);
