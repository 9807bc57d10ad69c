// physical_memory.cpp — frame allocator, direct map and kernel heap.
//
// Entry points: see physical_memory.h.
#include "memory/physical_memory.h"

#include "core/log.h"
#include "core/string.h"
#include "memory/frame_bitmap.h"
#include "memory/heap_arena.h"

extern "C" char __kernel_start[];
extern "C" char __kernel_end[];

namespace kernel {
namespace {

constexpr uint64_t kManagedFrames = kDirectMapSize / kFrameSize;
constexpr uint64_t kHeapFrames = 1024;  // 4 MiB kernel heap

uint64_t frame_words[kManagedFrames / 64];
FrameBitmap frames;
HeapArena heap;

uint64_t highest_usable_address(const BootInfo& boot_info) {
    uint64_t highest = 0;
    for (size_t i = 0; i < boot_info.region_count; ++i) {
        const MemoryRegion& region = boot_info.regions[i];
        if (region.usable && region.base + region.length > highest) highest = region.base + region.length;
    }
    return highest < kDirectMapSize ? highest : kDirectMapSize;
}

void reserve_boot_memory(const BootInfo& boot_info) {
    frames.mark_used(0, 0x100000);
    frames.mark_used(reinterpret_cast<uint64_t>(__kernel_start) - kKernelBase - kPageSize,
                     reinterpret_cast<uint64_t>(__kernel_end) - kKernelBase);
    for (size_t i = 0; i < boot_info.module_count; ++i) {
        frames.mark_used(boot_info.modules[i].start, boot_info.modules[i].end);
    }
}

}  // namespace

void physical_memory_init(const BootInfo& boot_info) {
    uint64_t highest = highest_usable_address(boot_info);
    frames.init(frame_words, highest / kFrameSize);
    for (size_t i = 0; i < boot_info.region_count; ++i) {
        const MemoryRegion& region = boot_info.regions[i];
        if (region.usable) frames.mark_free(region.base, region.base + region.length);
    }
    reserve_boot_memory(boot_info);
    Result<uint64_t> heap_frames = frames.allocate_contiguous(kHeapFrames);
    if (heap_frames.is_error()) panic("no memory for the kernel heap");
    heap.init(phys_to_virt(heap_frames.value()), kHeapFrames * kFrameSize);
    log("memory: %lu MiB usable, %lu frames free, heap %lu KiB\n", highest >> 20, frames.free_count(),
        kHeapFrames * kFrameSize / 1024);
}

Result<uint64_t> frame_allocate() { return frames.allocate(); }

Result<uint64_t> frame_allocate_zeroed() {
    uint64_t physical = TRY(frames.allocate());
    fill_bytes(phys_to_virt(physical), 0, kFrameSize);
    return physical;
}

Result<uint64_t> frame_allocate_contiguous_zeroed(uint64_t count) {
    uint64_t physical = TRY(frames.allocate_contiguous(count));
    fill_bytes(phys_to_virt(physical), 0, count * kFrameSize);
    return physical;
}

void frame_release(uint64_t physical) {
    if (frames.release(physical).is_error()) panic("releasing frame %lx that is not allocated", physical);
}

uint64_t frames_free() { return frames.free_count(); }
uint64_t frames_total() { return frames.frame_count(); }

void* kernel_heap_allocate(size_t size) { return heap.allocate(size); }
void kernel_heap_release(void* pointer) {
    if (pointer != nullptr && !heap.release(pointer)) panic("bad kernel heap release %p", pointer);
}

}  // namespace kernel

void* operator new(size_t size) { return kernel::kernel_heap_allocate(size); }
void* operator new[](size_t size) { return kernel::kernel_heap_allocate(size); }
void operator delete(void* pointer) noexcept { kernel::kernel_heap_release(pointer); }
void operator delete[](void* pointer) noexcept { kernel::kernel_heap_release(pointer); }
void operator delete(void* pointer, size_t) noexcept { kernel::kernel_heap_release(pointer); }
void operator delete[](void* pointer, size_t) noexcept { kernel::kernel_heap_release(pointer); }
