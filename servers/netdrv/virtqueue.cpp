// virtqueue.cpp — the driver side of a split virtqueue (see virtqueue.h).
#include "virtqueue.h"

namespace netdrv {

sys::Result<void> Virtqueue::attach(uint16_t size, const DmaBlock& block) {
    const QueueLayout layout = legacy_layout(size);
    if (size == 0 || block.length < layout.total_bytes) return neurath::Error::InvalidArgument;
    descriptors_ = reinterpret_cast<volatile VirtqDescriptor*>(block.memory);
    avail_ = reinterpret_cast<volatile uint16_t*>(block.memory + layout.avail_offset);
    used_ = reinterpret_cast<volatile uint16_t*>(block.memory + layout.used_offset);
    physical_ = block.physical;
    size_ = size;
    avail_index_ = 0;
    last_used_ = 0;
    return {};
}

void Virtqueue::post(uint16_t index, uint64_t physical, uint32_t length, bool device_writes) {
    volatile VirtqDescriptor& descriptor = descriptors_[index];
    descriptor.address = physical;
    descriptor.length = length;
    descriptor.flags = device_writes ? kDescriptorWrite : 0;
    descriptor.next = 0;
    avail_[2 + avail_index_ % size_] = index;
    ++avail_index_;
    __atomic_store_n(const_cast<uint16_t*>(&avail_[1]), avail_index_, __ATOMIC_RELEASE);
}

bool Virtqueue::next_used(VirtqUsedElement& out) {
    const uint16_t device_index = __atomic_load_n(const_cast<uint16_t*>(&used_[1]), __ATOMIC_ACQUIRE);
    if (device_index == last_used_) return false;
    const auto* elements = reinterpret_cast<const volatile VirtqUsedElement*>(used_ + 2);
    const volatile VirtqUsedElement& element = elements[last_used_ % size_];
    out.id = element.id;
    out.length = element.length;
    ++last_used_;
    return true;
}

}  // namespace netdrv
