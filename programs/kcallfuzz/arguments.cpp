// arguments.cpp — the value classes of arguments.h.
//
// Entry points: Arguments::buffer, bad_buffer, good_buffer,
// outside_user_memory, length, endpoint,
// safe_target.
#include "arguments.h"

#include "probe.h"

namespace kcallfuzz {
namespace {

constexpr uint64_t kPage = 4096;

}  // namespace

uint64_t Arguments::address_of(BufferClass which) {
    const uint64_t offset = prng_.below(kPage);
    switch (which) {
        case BufferClass::Null: return 0;
        case BufferClass::Low: return prng_.below(0x400000);
        case BufferClass::DirectMap: return 0xFFFF800000000000 + (prng_.below(1ull << 28) & ~7ull);
        case BufferClass::KernelImage: return 0xFFFFFFFF80000000 + prng_.below(1ull << 22);
        case BufferClass::KernelStacks: return 0xFFFFFFFFC0000000 + prng_.below(1ull << 17);
        case BufferClass::NonCanonical: {  // bits 63..47 not all equal, from either side of the hole
            const uint64_t low = prng_.below(1ull << 47);
            return prng_.below(2) ? (0x0000800000000000 | low) : (0x8000000000000000 | low);
        }
        case BufferClass::TopOfUser: return 0x00007FFFFFFFF000 + offset;
        case BufferClass::Unmapped: return kArenaBase + (1ull << 40) + (prng_.below(1ull << 30) & ~7ull);
        case BufferClass::Straddling: return memory_.straddle_page + kPage - 8 * (1 + prng_.below(7));
        case BufferClass::ReadOnly: return reinterpret_cast<uint64_t>(&probe_call) & ~7ull;
        case BufferClass::Good:
        case BufferClass::Count: break;
    }
    return reinterpret_cast<uint64_t>(&memory_.good);
}

uint64_t Arguments::buffer() {
    last_ = static_cast<BufferClass>(prng_.below(static_cast<uint64_t>(BufferClass::Count)));
    return address_of(last_);
}

uint64_t Arguments::bad_buffer() {
    last_ = static_cast<BufferClass>(prng_.below(static_cast<uint64_t>(BufferClass::Good)));
    return address_of(last_);
}

uint64_t Arguments::good_buffer() {
    last_ = BufferClass::Good;
    return address_of(last_);
}

uint64_t Arguments::outside_user_memory() {
    last_ = static_cast<BufferClass>(prng_.below(static_cast<uint64_t>(BufferClass::TopOfUser) + 1));
    return address_of(last_);
}

uint64_t Arguments::length() {
    switch (prng_.below(9)) {
        case 0: return 0;
        case 1: return 1;
        case 2: return sizeof(neurath::Message);
        case 3: return kPage + 1 + prng_.below(kPage);
        case 4: return 1ull << 31;
        case 5: return 1ull << 63;
        case 6: return ~0ull;
        case 7: return ~0ull - prng_.below(kPage);
        default: return prng_.next();
    }
}

int64_t Arguments::endpoint() {
    switch (prng_.below(6)) {
        case 0: return safe_target();
        case 1: return 16 + static_cast<int64_t>(prng_.below(neurath::kMaxEndpoints - 16));  // random user endpoint
        case 2: return neurath::kAny;
        case 3: return static_cast<int64_t>(prng_.next());
        case 4: return static_cast<int32_t>(prng_.next());  // any 32-bit endpoint, sign-extended
        default: return self_;
    }
}

int64_t Arguments::safe_target() {
    switch (prng_.below(8)) {
        case 0: return self_;
        case 1: return neurath::kKernel;
        case 2: return neurath::kNone;
        case 3: return neurath::kRs;  // refused: not in a user's send mask
        case 4: return 2 + static_cast<int64_t>(prng_.below(14));  // pm vfs ds tty and unused server endpoints
        case 5: return neurath::kMaxEndpoints + static_cast<int64_t>(prng_.below(1u << 20));
        case 6: return -3 - static_cast<int64_t>(prng_.below(1u << 30));
        default: return static_cast<int64_t>(prng_.next() | (1ull << 40));  // beyond any 32-bit endpoint
    }
}

}  // namespace kcallfuzz
