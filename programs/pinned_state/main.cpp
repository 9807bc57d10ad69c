// main.cpp — /test/pinned-state: a program on the server framework (so it
// can be live-updated, `update pinned-state /test/pinned-state`) that keeps
// the address of a typed heap object hidden in a heap block of unknown type,
// the way C programs keep addresses in untyped buffers. The transfer cannot
// relocate that word, so it must re-create the object at the address it had
// (address-preserving transfer: the new version's heap is in the other bank,
// sys/heap.h); the new version then checks the hidden word still finds it and
// refuses to start (rolling the update back) if not.
//
// Logs "pinned-state: ready ..." when started and, as a new version,
// "pinned-state: hidden pointer intact ..." or the mismatch. Start it with
// `/test/pinned-state &`.
#include <sys/heap.h>
#include <sys/server.h>
#include <sys/stdio.h>

namespace pinned_state {

constexpr uint64_t kMagic = 0x0C0FFEE0;

struct Counter {
    uint64_t magic;
    uint64_t value;
};

struct PinnedState {
    void* hidden = nullptr;       // 64 bytes of unknown type; word 1 holds `counter`
    Counter* counter = nullptr;   // the same object, typed
};

// Untyped on purpose: the pass cannot tell what callers keep in the block.
void* raw_block(size_t size) { return malloc(size); }

bool intact(const PinnedState& state) {
    const Counter* hidden = static_cast<Counter* const*>(state.hidden)[1];
    return hidden == state.counter && hidden->magic == kMagic && hidden->value == 42;
}

}  // namespace pinned_state

namespace {

pinned_state::PinnedState state;

sys::Result<void> start_fresh(pinned_state::PinnedState& s, const sys::StartInfo&) {
    s.counter = new pinned_state::Counter{pinned_state::kMagic, 42};
    s.hidden = pinned_state::raw_block(64);
    if (!s.hidden) return neurath::Error::NoMemory;
    static_cast<pinned_state::Counter**>(s.hidden)[1] = s.counter;
    sys::log("pinned-state: ready, heap bank %u, counter at %p\n", sys::heap_bank(), s.counter);
    return {};
}

sys::Result<void> start_updated(pinned_state::PinnedState& s, const sys::StartInfo&) {
    if (!pinned_state::intact(s)) {
        sys::log("pinned-state: hidden pointer %p does not find the counter at %p\n",
                 static_cast<pinned_state::Counter**>(s.hidden)[1], s.counter);
        return neurath::Error::BadMessage;
    }
    sys::log("pinned-state: hidden pointer intact, counter kept at %p, new heap bank %u\n", s.counter, sys::heap_bank());
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    const sys::DispatchTable<pinned_state::PinnedState> table(protocol::kCommonBase);
    sys::Lifecycle<pinned_state::PinnedState> lifecycle;
    lifecycle.fresh_start = start_fresh;
    lifecycle.update = start_updated;
    sys::run_server("pinned-state", state, table, lifecycle, argc, argv);
}
