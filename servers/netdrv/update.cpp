// update.cpp — netdrv's live update (see update.h).
#include "update.h"

#include <sys/kcall.h>
#include <sys/stdio.h>

#include "handlers.h"

namespace netdrv {
namespace {

constexpr uint64_t kPage = 4096;

constexpr libupdate::SharedRange kDmaWindow[] = {{DmaArena::kBase, DmaArena::kWindow}};

}  // namespace

// Constant-initialised, so the pass sees a constant (never transferred): a
// policy built by a function is only folded into read-only data later.
constexpr libupdate::UpdatePolicy kUpdatePolicy{
    libupdate::TransferHooks{.shared_ranges = kDmaWindow, .shared_range_count = 1}};

sys::Result<void> take_over_dma(NetdrvState& state, const sys::StartInfo&) {
    const uint64_t used = state.arena.used();
    if (used == 0 || used > DmaArena::kWindow) return neurath::Error::InvalidArgument;  // no device was set up
    const uint64_t pages = TRY(sys::dma_inherit(reinterpret_cast<void*>(DmaArena::kBase), used));
    if (pages * kPage > used) return neurath::Error::BadMessage;
    return {};
}

void resume_device(NetdrvState& state) {
    sys::log("netdrv: took over the device (rx %lu frames, tx %lu frames so far)\n", state.counters.frames_in,
             state.counters.frames_out);
    service_device(state);
}

}  // namespace netdrv
