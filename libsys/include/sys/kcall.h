// kcall.h — typed wrappers for every kernel call (see <neurath/syscall.h>).
//
// Each wrapper performs one `syscall` instruction and converts the kernel's
// return convention into a Result. Entry points: sys::send,
// send_nonblocking, receive, sendrec, notify, exit, yield, map_anonymous, unmap, uptime_ns, idle_cycles, debug_write, self_endpoint,
// grant_create, grant_revoke, safecopy_from, safecopy_to, proc_spawn,
// proc_kill, proc_list, module_info, module_read, io_port_enable,
// irq_subscribe, dma_alloc, dma_inherit, shutdown, proc_swap_endpoints, proc_memory_read, set_alarm.
#pragma once

#include <neurath/syscall.h>
#include <sys/result.h>

namespace sys {

using neurath::Endpoint;
using neurath::Message;

// --- IPC -------------------------------------------------------------------
Result<void> send(Endpoint destination, const Message& message);
// Delivers `message` only if `destination` is waiting for this process right
// now (Receive, or SendReceive's reply phase); otherwise Error::NotReceiving
// at once. Never blocks: the way servers answer (sys::send_reply).
Result<void> send_nonblocking(Endpoint destination, const Message& message);
Result<void> receive(Endpoint source, Message& message);
// Sends `message` to `destination` and waits for its reply in the same buffer.
Result<void> sendrec(Endpoint destination, Message& message);
Result<void> notify(Endpoint destination, uint32_t tag);

// --- self ------------------------------------------------------------------
[[noreturn]] void exit(int32_t status);
void yield();
Result<void> map_anonymous(uint64_t address, uint64_t length);
// Gives back the caller's pages over [address, address+length): every page or none.
Result<void> unmap(uint64_t address, uint64_t length);
uint64_t uptime_ns();
uint64_t idle_cycles();  // TSC cycles the CPU spent halted since boot (Sys::IdleCycles)
void debug_write(const char* text, uint64_t length);
Endpoint self_endpoint();

// --- grants ----------------------------------------------------------------
Result<uint64_t> grant_create(Endpoint grantee, const void* address, uint64_t length, uint32_t access);
Result<void> grant_revoke(uint64_t grant_id);
Result<void> safecopy_from(Endpoint granter, uint64_t grant_id, uint64_t offset, void* local, uint64_t length);
Result<void> safecopy_to(Endpoint granter, uint64_t grant_id, uint64_t offset, const void* local, uint64_t length);

// --- privileged --------------------------------------------------------------
Result<Endpoint> proc_spawn(const neurath::SpawnRequest& request);
Result<void> proc_kill(Endpoint target, int32_t status);
Result<uint64_t> proc_list(neurath::ProcessInfo* out, uint64_t capacity);
Result<void> module_info(uint64_t index, neurath::ModuleDescriptor& out);
Result<uint64_t> module_read(uint64_t index, uint64_t offset, void* buffer, uint64_t length);
Result<void> io_port_enable(uint16_t first_port, uint16_t count);
Result<void> irq_subscribe(uint32_t irq);
// Zeroed pages at `address` (page-aligned, unmapped) over physically
// consecutive frames: the physical address of the first, for a device's DMA.
Result<uint64_t> dma_alloc(void* address, uint64_t length);
// A live update's new version maps its old version's DMA pages of the window
// at the same addresses (Sys::DmaInherit); returns how many.
Result<uint64_t> dma_inherit(void* address, uint64_t length);
Result<void> shutdown(int32_t code);
// Live update: commit (exchange two processes' endpoints and what belongs to
// them), and read the old version's memory (only with the capability the new
// version was spawned with, SpawnRequest::state_source).
Result<void> proc_swap_endpoints(Endpoint a, Endpoint b);
Result<void> proc_memory_read(Endpoint target, uint64_t remote_address, void* local, uint64_t length);
// One-shot alarm: notification tag neurath::kAlarmTag from kKernel after delay_ns (0 cancels).
Result<void> set_alarm(uint64_t delay_ns);

}  // namespace sys
