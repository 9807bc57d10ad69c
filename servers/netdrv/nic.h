// nic.h — the virtio-net device (legacy interface) as netdrv drives it:
// reset and feature negotiation, a receive and a transmit virtqueue with
// fixed 2 KiB buffers in DMA memory, the MAC address and link state, and the
// interrupt status. Knows nothing of clients: handlers.cpp decides who gets
// which frame.
//
// Entry points: netdrv::Nic::{init, start, acknowledge_interrupt,
// free_transmit_slot, transmit_frame, transmit, reclaim_transmitted,
// next_received, received_frame, recycle, mac, link_up}.
// Invariants: receive buffer i is descriptor i of the receive queue and is
// either posted to the device or held in the ready queue until recycled;
// transmit buffer i is descriptor i of the transmit queue and is busy from
// transmit() until the device hands it back.
#pragma once

#include <sys/result.h>

#include "dma_arena.h"
#include "virtio_legacy.h"
#include "virtqueue.h"

namespace netdrv {

inline constexpr uint16_t kBufferCount = 64;    // per direction, at most the queue size
inline constexpr uint32_t kBufferBytes = 2048;  // virtio-net header + the largest frame

// A frame the device wrote into receive buffer `buffer`.
struct ReceivedFrame {
    uint16_t buffer;
    uint32_t length;   // the frame's bytes, without the virtio-net header
};

class Nic {
public:
    // Resets the device at `io_base` (its I/O window must be open) and sets up
    // both queues and their buffers; the device does no DMA until start().
    // NotSupported when the device lacks a feature netdrv needs.
    sys::Result<void> init(uint16_t io_base, uint32_t io_size, DmaArena& arena);
    // Posts every receive buffer and tells the device the driver is ready
    // (once rs has enabled bus mastering).
    void start();
    // Reads (and so clears) the interrupt status: kIsrQueue / kIsrConfig bits.
    uint8_t acknowledge_interrupt() const;

    // A transmit buffer the device does not hold; WouldBlock when all are busy.
    sys::Result<uint16_t> free_transmit_slot();
    uint8_t* transmit_frame(uint16_t slot);   // where the frame goes (after the header)
    void transmit(uint16_t slot, uint32_t frame_length);
    void reclaim_transmitted();

    // The next frame the device received, in order; false when none.
    // Malformed lengths are reported as length 0 (the caller drops them).
    bool next_received(ReceivedFrame& out);
    const uint8_t* received_frame(uint16_t buffer) const;
    // Gives receive buffer `buffer` back to the device.
    void recycle(uint16_t buffer);

    const uint8_t (&mac() const)[6] { return mac_; }
    bool link_up() const;

private:
    sys::Result<void> negotiate();
    sys::Result<void> setup_queue(uint16_t index, Virtqueue& queue, DmaArena& arena);
    uint64_t buffer_physical(const DmaBlock& pool, uint16_t buffer) const { return pool.physical + uint64_t{buffer} * kBufferBytes; }

    VirtioPorts ports_;
    uint32_t features_ = 0;
    Virtqueue receive_queue_;
    Virtqueue transmit_queue_;
    DmaBlock receive_pool_ = {};
    DmaBlock transmit_pool_ = {};
    uint16_t receive_count_ = 0;
    uint16_t transmit_count_ = 0;
    uint64_t transmit_busy_ = 0;   // bit i: transmit buffer i is with the device
    uint8_t mac_[6] = {};
};

}  // namespace netdrv
