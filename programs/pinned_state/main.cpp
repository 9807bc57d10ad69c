// main.cpp — /test/pinned-state: a program on the server framework (so it
// can be live-updated, `update pinned-state /test/pinned-state`) that keeps
// the address of a typed heap object hidden in a heap block of unknown type,
// the way C programs keep addresses in untyped buffers. The transfer cannot
// relocate that word, so it must re-create the object at the address it had
// (address-preserving transfer: the new version's heap is in the other bank,
// sys/heap.h); the new version then checks the hidden word still finds it and
// refuses to start (rolling the update back) if not. A second hidden word
// holds the address of a block freed since, as an interpreter's dead table
// key does: memory of the old heap no object covers, which the transfer
// leaves as it is (it pointed to nothing in the old version either).
// Started as `/test/pinned-state stack`, a third hidden word holds the
// address of a variable on its stack: not the heap, so the transfer refuses
// and the update rolls back.
//
// Logs "pinned-state: ready ..." when started and, as a new version,
// "pinned-state: hidden pointer intact ..." or the mismatch. Start it with
// `/test/pinned-state &` (or `/test/pinned-state stack &`).
#include <sys/cstring.h>
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
    void* hidden = nullptr;       // 64 bytes of unknown type; word 1 holds `counter`, word 2 `dead_key`
    Counter* counter = nullptr;   // the same object, typed
    uint64_t dead_key = 0;        // the address of a block freed at start, as a number
};

constexpr size_t kDeadBlockSize = 3000;  // a size nothing else here allocates, so the space stays free

// Untyped on purpose: the pass cannot tell what callers keep in the block.
void* raw_block(size_t size) { return malloc(size); }

bool intact(const PinnedState& state) {
    const Counter* hidden = static_cast<Counter* const*>(state.hidden)[1];
    const uint64_t dead = static_cast<const uint64_t*>(state.hidden)[2];
    return hidden == state.counter && hidden->magic == kMagic && hidden->value == 42 && dead == state.dead_key;
}

}  // namespace pinned_state

namespace {

pinned_state::PinnedState state;

sys::Result<void> start_fresh(pinned_state::PinnedState& s, const sys::StartInfo& info) {
    s.counter = new pinned_state::Counter{pinned_state::kMagic, 42};
    s.hidden = pinned_state::raw_block(64);
    if (!s.hidden) return neurath::Error::NoMemory;
    sys::str::memset(s.hidden, 0, 64);
    static_cast<pinned_state::Counter**>(s.hidden)[1] = s.counter;
    void* dead = pinned_state::raw_block(pinned_state::kDeadBlockSize);
    if (!dead) return neurath::Error::NoMemory;
    s.dead_key = reinterpret_cast<uint64_t>(dead);
    static_cast<uint64_t*>(s.hidden)[2] = s.dead_key;
    free(dead);
    uint64_t on_the_stack = 0;
    if (info.argc >= 2 && sys::str::strcmp(info.argv[1], "stack") == 0)
        static_cast<uint64_t*>(s.hidden)[3] = reinterpret_cast<uint64_t>(&on_the_stack);
    sys::log("pinned-state: ready, heap bank %u, counter at %p\n", sys::heap_bank(), s.counter);
    return {};
}

sys::Result<void> start_updated(pinned_state::PinnedState& s, const sys::StartInfo&) {
    if (!pinned_state::intact(s)) {
        sys::log("pinned-state: hidden pointer %p does not find the counter at %p (or the dead key %p moved)\n",
                 static_cast<pinned_state::Counter**>(s.hidden)[1], s.counter, reinterpret_cast<void*>(s.dead_key));
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
