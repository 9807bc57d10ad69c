// kernel_calls.h — raw kernel-call wrappers for the kernel self-test (which
// deliberately uses no user-space runtime, so it tests the kernel alone).
//
// Entry points: call(Sys, ...), write_text, write_number, ipc helpers,
// memory helpers (the program is freestanding).
#pragma once

#include <neurath/error.h>
#include <neurath/syscall.h>
#include <stddef.h>
#include <stdint.h>

namespace selftest {

using namespace neurath;

inline int64_t call(Sys number, uint64_t a = 0, uint64_t b = 0, uint64_t c = 0, uint64_t d = 0, uint64_t e = 0) {
    int64_t result;
    register uint64_t r10 asm("r10") = d;
    register uint64_t r8 asm("r8") = e;
    asm volatile("syscall"
                 : "=a"(result)
                 : "a"(static_cast<uint64_t>(number)), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
                 : "rcx", "r11", "memory");
    return result;
}

inline int64_t failure(Error e) { return error_return(e); }

size_t text_length(const char* text);
void write_text(const char* text);
void write_number(int64_t value);
bool text_equal(const char* a, const char* b);
int64_t parse_number(const char* text);

inline int64_t send(Endpoint to, const Message& m) { return call(Sys::Send, to, reinterpret_cast<uint64_t>(&m)); }
inline int64_t send_nonblocking(Endpoint to, const Message& m) {
    return call(Sys::SendNonBlocking, to, reinterpret_cast<uint64_t>(&m));
}
inline int64_t receive(Endpoint from, Message& m) { return call(Sys::Receive, from, reinterpret_cast<uint64_t>(&m)); }
inline int64_t send_receive(Endpoint to, Message& m) {
    return call(Sys::SendReceive, to, reinterpret_cast<uint64_t>(&m));
}
[[noreturn]] inline void exit(int32_t status) {
    call(Sys::Exit, static_cast<uint64_t>(static_cast<int64_t>(status)));
    for (;;) {
    }
}

}  // namespace selftest

extern "C" void* memset(void* destination, int value, size_t length);
extern "C" void* memcpy(void* destination, const void* source, size_t length);
