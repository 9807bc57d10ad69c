// arguments.h — the interesting values the fuzzer passes to kernel calls,
// drawn by class from a seeded generator, and the memory they point into.
//
// Entry points: Memory (the fuzzer's own probe pages, set up once),
// Arguments (one seeded source of values): buffer(), length(), endpoint(),
// safe_target(), word(), and the BufferClass of the last buffer drawn.
// Classes. Buffers: null, low memory, the kernel's direct map, image and
// stack region, non-canonical addresses, the top page of the lower half,
// unmapped user memory, a buffer straddling the end of a mapped page into an
// unmapped one, read-only code, and a good buffer of the fuzzer's own.
// Lengths: 0, 1, a message, a page and a bit, 2^31, 2^63, ~0 and random.
// Endpoints: the fuzzer itself, kAny, kKernel, kNone, rs, every server,
// unused low endpoints, random user endpoints, kMaxEndpoints and beyond,
// negative and huge values.
#pragma once

#include <neurath/endpoint.h>
#include <neurath/message.h>
#include <stdint.h>

#include "prng.h"

namespace kcallfuzz {

enum class BufferClass { Null, Low, DirectMap, KernelImage, KernelStacks, NonCanonical, TopOfUser, Unmapped,
                         Straddling, ReadOnly, Good, Count };

// Pages the fuzzer maps for itself: one mapped page followed by an unmapped
// one (straddling buffers) and a good message-sized buffer.
struct Memory {
    uint64_t straddle_page = 0;    // mapped; the next page is not
    neurath::Message good{};
    // Where successful MapAnonymous calls may map, and how much they did.
    uint64_t map_next = 0;
    uint64_t map_used = 0;
    // The newest successful arena mapping, while it is still mapped whole:
    // the one window Unmap may take away (length 0: none).
    uint64_t whole_address = 0;
    uint64_t whole_length = 0;
};

inline constexpr uint64_t kUserBase = 0x400000;            // user memory (docs/architecture.md, memory map)
inline constexpr uint64_t kUserEnd = 0x00007FFFFFFFF000;   // exclusive: the top page is never user memory
inline constexpr uint64_t kArenaBase = 0x0000300000000000;  // far from the heap (16 TiB) and the stack
inline constexpr uint64_t kMapWindow = 64 * 1024;           // largest mapping the fuzzer lets succeed
inline constexpr uint64_t kMapBudget = 4 * 1024 * 1024;     // total it may map in one run
inline constexpr int32_t kUnknownMessageType = 0x7FFF0000;  // above every protocol's request codes

class Arguments {
public:
    Arguments(uint64_t seed, Memory& memory, neurath::Endpoint self) : prng_(seed), memory_(memory), self_(self) {}

    uint64_t buffer();                  // any class; see last_buffer()
    uint64_t bad_buffer();              // any class but Good
    uint64_t good_buffer();
    uint64_t outside_user_memory();     // Null .. TopOfUser: never memory a process may have
    BufferClass last_buffer() const { return last_; }
    uint64_t length();
    int64_t endpoint();                 // any endpoint value, as a 64-bit argument
    // Endpoints a blocking send may name without the fuzzer waiting forever:
    // the servers (they always receive), itself, and endpoints that cannot
    // name a live user process. A live user process may never receive, and
    // waiting for it is the IPC model, not a kernel fault.
    int64_t safe_target();
    uint64_t word() { return prng_.next(); }
    uint64_t below(uint64_t bound) { return prng_.below(bound); }
    bool chance(uint64_t one_in) { return prng_.below(one_in) == 0; }

private:
    uint64_t address_of(BufferClass which);
    fuzz::Prng prng_;
    Memory& memory_;
    neurath::Endpoint self_;
    BufferClass last_ = BufferClass::Good;
};

}  // namespace kcallfuzz
