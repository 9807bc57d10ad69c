// nic.cpp — the virtio-net device through its legacy interface (see nic.h).
//
// Initialisation follows the virtio specification's order: reset,
// ACKNOWLEDGE, DRIVER, features, queues, then DRIVER_OK in start().
#include "nic.h"

#include <sys/cstring.h>
#include <sys/stdio.h>

namespace netdrv {
using neurath::Error;

namespace {

constexpr uint32_t kWantedFeatures = kFeatureNetMac | kFeatureNetStatus | kFeatureAnyLayout;
constexpr uint32_t kRequiredFeatures = kFeatureNetMac | kFeatureAnyLayout;

uint16_t smaller(uint16_t a, uint16_t b) { return a < b ? a : b; }

}  // namespace

sys::Result<void> Nic::init(uint16_t io_base, uint32_t io_size, DmaArena& arena) {
    if (io_size < legacy::kRegisterBytes) return Error::InvalidArgument;
    ports_ = VirtioPorts(io_base);
    ports_.write8(legacy::kDeviceStatus, 0);  // reset: the device forgets queues from an earlier driver
    ports_.write8(legacy::kDeviceStatus, kStatusAcknowledge);
    ports_.write8(legacy::kDeviceStatus, kStatusAcknowledge | kStatusDriver);
    TRY(negotiate());
    TRY(setup_queue(kReceiveQueue, receive_queue_, arena));
    TRY(setup_queue(kTransmitQueue, transmit_queue_, arena));
    receive_count_ = smaller(receive_queue_.size(), kBufferCount);
    transmit_count_ = smaller(transmit_queue_.size(), kBufferCount);
    receive_pool_ = TRY(arena.allocate(uint64_t{receive_count_} * kBufferBytes));
    transmit_pool_ = TRY(arena.allocate(uint64_t{transmit_count_} * kBufferBytes));
    transmit_busy_ = 0;
    for (uint16_t i = 0; i < 6; ++i) mac_[i] = ports_.read8(static_cast<uint16_t>(legacy::kNetMac + i));
    return {};
}

sys::Result<void> Nic::negotiate() {
    const uint32_t offered = ports_.read32(legacy::kDeviceFeatures);
    if ((offered & kRequiredFeatures) != kRequiredFeatures) {
        ports_.write8(legacy::kDeviceStatus, kStatusFailed);
        sys::log("netdrv: device offers features %x, needs MAC (bit 5) and ANY_LAYOUT (bit 27)\n", offered);
        return Error::NotSupported;
    }
    features_ = offered & kWantedFeatures;
    ports_.write32(legacy::kDriverFeatures, features_);
    return {};
}

sys::Result<void> Nic::setup_queue(uint16_t index, Virtqueue& queue, DmaArena& arena) {
    ports_.write16(legacy::kQueueSelect, index);
    const uint16_t size = ports_.read16(legacy::kQueueSize);
    if (size == 0 || (size & (size - 1)) != 0) {
        sys::log("netdrv: queue %u has size %u (needs a power of two)\n", index, size);
        return Error::NotSupported;
    }
    const DmaBlock block = TRY(arena.allocate(legacy_layout(size).total_bytes));
    TRY(queue.attach(size, block));
    ports_.write32(legacy::kQueueAddress, static_cast<uint32_t>(block.physical / kLegacyQueueAlign));
    return {};
}

void Nic::start() {
    for (uint16_t i = 0; i < receive_count_; ++i) {
        receive_queue_.post(i, buffer_physical(receive_pool_, i), kBufferBytes, true);
    }
    ports_.write8(legacy::kDeviceStatus, kStatusAcknowledge | kStatusDriver | kStatusDriverOk);
    ports_.write16(legacy::kQueueNotify, kReceiveQueue);
}

uint8_t Nic::acknowledge_interrupt() const { return ports_.read8(legacy::kIsrStatus); }

sys::Result<uint16_t> Nic::free_transmit_slot() {
    reclaim_transmitted();
    for (uint16_t i = 0; i < transmit_count_; ++i) {
        if (((transmit_busy_ >> i) & 1) == 0) return i;
    }
    return Error::WouldBlock;
}

uint8_t* Nic::transmit_frame(uint16_t slot) {
    return transmit_pool_.memory + uint64_t{slot} * kBufferBytes + kNetHeaderBytes;
}

void Nic::transmit(uint16_t slot, uint32_t frame_length) {
    sys::str::memset(transmit_pool_.memory + uint64_t{slot} * kBufferBytes, 0, kNetHeaderBytes);
    transmit_busy_ |= uint64_t{1} << slot;
    transmit_queue_.post(slot, buffer_physical(transmit_pool_, slot), kNetHeaderBytes + frame_length, false);
    ports_.write16(legacy::kQueueNotify, kTransmitQueue);
}

void Nic::reclaim_transmitted() {
    VirtqUsedElement used;
    while (transmit_queue_.next_used(used)) {
        if (used.id < transmit_count_) transmit_busy_ &= ~(uint64_t{1} << used.id);
    }
}

bool Nic::next_received(ReceivedFrame& out) {
    VirtqUsedElement used;
    while (receive_queue_.next_used(used)) {
        if (used.id >= receive_count_) {  // not a buffer of ours: nothing to recycle
            sys::log("netdrv: device returned unknown receive descriptor %u\n", used.id);
            continue;
        }
        const bool sane = used.length >= kNetHeaderBytes && used.length <= kBufferBytes;
        out = ReceivedFrame{static_cast<uint16_t>(used.id), sane ? used.length - kNetHeaderBytes : 0};
        return true;
    }
    return false;
}

const uint8_t* Nic::received_frame(uint16_t buffer) const {
    return receive_pool_.memory + uint64_t{buffer} * kBufferBytes + kNetHeaderBytes;
}

void Nic::recycle(uint16_t buffer) {
    receive_queue_.post(buffer, buffer_physical(receive_pool_, buffer), kBufferBytes, true);
    ports_.write16(legacy::kQueueNotify, kReceiveQueue);
}

bool Nic::link_up() const {
    if ((features_ & kFeatureNetStatus) == 0) return true;  // no status feature: the link is always up
    return (ports_.read16(legacy::kNetStatus) & 1) != 0;
}

}  // namespace netdrv
