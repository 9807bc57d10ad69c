// physical_memory.h — the kernel's physical memory: the frame allocator built
// from the boot memory map, the direct map (physical -> kernel virtual), and
// the kernel heap (operator new/delete) placed on frames taken at boot.
//
// Entry points: physical_memory_init(boot_info), frame_allocate(_zeroed),
// frame_allocate_contiguous_zeroed, frame_release, phys_to_virt, frames_free, kernel_heap_allocate/release.
// Invariants: frames below 1 MiB, the kernel image and the boot modules are
// never handed out; only memory inside the 4 GiB direct map is managed.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "boot_info/boot_info.h"
#include "core/result.h"
#include "memory/paging.h"

namespace kernel {

inline uint8_t* phys_to_virt(uint64_t physical) { return reinterpret_cast<uint8_t*>(kDirectMapBase + physical); }

void physical_memory_init(const BootInfo& boot_info);

Result<uint64_t> frame_allocate();
Result<uint64_t> frame_allocate_zeroed();
// `count` physically consecutive zeroed frames (DMA memory); the physical
// address of the first.
Result<uint64_t> frame_allocate_contiguous_zeroed(uint64_t count);
void frame_release(uint64_t physical);
uint64_t frames_free();
uint64_t frames_total();

void* kernel_heap_allocate(size_t size);
void kernel_heap_release(void* pointer);

}  // namespace kernel
