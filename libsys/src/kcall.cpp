// kcall.cpp — the kernel-call wrappers declared in <sys/kcall.h>.
//
// raw_call() issues `syscall` with the number in rax and up to five
// arguments in rdi, rsi, rdx, r10, r8 (the kernel clobbers rcx and r11).
#include <sys/kcall.h>

namespace sys {
namespace {

using neurath::Sys;

int64_t raw_call(Sys number, uint64_t a0 = 0, uint64_t a1 = 0, uint64_t a2 = 0, uint64_t a3 = 0,
                 uint64_t a4 = 0) {
    int64_t result;
    register uint64_t r10 asm("r10") = a3;
    register uint64_t r8 asm("r8") = a4;
    asm volatile("syscall"
                 : "=a"(result)
                 : "a"(static_cast<uint64_t>(number)), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8)
                 : "rcx", "r11", "memory");
    return result;
}

uint64_t address(const void* pointer) { return reinterpret_cast<uint64_t>(pointer); }
uint64_t endpoint_argument(Endpoint endpoint) { return static_cast<uint64_t>(static_cast<int64_t>(endpoint)); }

Result<void> status(int64_t raw) {
    if (neurath::is_error_return(raw)) return neurath::error_from_return(raw);
    return {};
}

}  // namespace

Result<void> send(Endpoint destination, const Message& message) {
    return status(raw_call(Sys::Send, endpoint_argument(destination), address(&message)));
}

Result<void> send_nonblocking(Endpoint destination, const Message& message) {
    return status(raw_call(Sys::SendNonBlocking, endpoint_argument(destination), address(&message)));
}

Result<void> receive(Endpoint source, Message& message) {
    return status(raw_call(Sys::Receive, endpoint_argument(source), address(&message)));
}

Result<void> sendrec(Endpoint destination, Message& message) {
    return status(raw_call(Sys::SendReceive, endpoint_argument(destination), address(&message)));
}

Result<void> notify(Endpoint destination, uint32_t tag) {
    return status(raw_call(Sys::Notify, endpoint_argument(destination), tag));
}

void exit(int32_t status_code) {
    for (;;) raw_call(Sys::Exit, static_cast<uint64_t>(static_cast<int64_t>(status_code)));
}

void yield() { raw_call(Sys::Yield); }

Result<void> map_anonymous(uint64_t start, uint64_t length) {
    return status(raw_call(Sys::MapAnonymous, start, length));
}

Result<void> unmap(uint64_t start, uint64_t length) { return status(raw_call(Sys::Unmap, start, length)); }

uint64_t uptime_ns() { return static_cast<uint64_t>(raw_call(Sys::Uptime)); }
uint64_t idle_cycles() { return static_cast<uint64_t>(raw_call(Sys::IdleCycles)); }

void debug_write(const char* text, uint64_t length) { raw_call(Sys::DebugWrite, address(text), length); }

Endpoint self_endpoint() { return static_cast<Endpoint>(raw_call(Sys::SelfInfo)); }

Result<uint64_t> grant_create(Endpoint grantee, const void* start, uint64_t length, uint32_t access) {
    const int64_t raw = raw_call(Sys::GrantCreate, endpoint_argument(grantee), address(start), length, access);
    if (neurath::is_error_return(raw)) return neurath::error_from_return(raw);
    return static_cast<uint64_t>(raw);
}

Result<void> grant_revoke(uint64_t grant_id) { return status(raw_call(Sys::GrantRevoke, grant_id)); }

Result<void> safecopy_from(Endpoint granter, uint64_t grant_id, uint64_t offset, void* local, uint64_t length) {
    return status(raw_call(Sys::SafeCopyFrom, endpoint_argument(granter), grant_id, offset, address(local), length));
}

Result<void> safecopy_to(Endpoint granter, uint64_t grant_id, uint64_t offset, const void* local, uint64_t length) {
    return status(raw_call(Sys::SafeCopyTo, endpoint_argument(granter), grant_id, offset, address(local), length));
}

Result<Endpoint> proc_spawn(const neurath::SpawnRequest& request) {
    const int64_t raw = raw_call(Sys::ProcSpawn, address(&request));
    if (neurath::is_error_return(raw)) return neurath::error_from_return(raw);
    return static_cast<Endpoint>(raw);
}

Result<void> proc_kill(Endpoint target, int32_t status_code) {
    return status(raw_call(Sys::ProcKill, endpoint_argument(target), static_cast<uint64_t>(static_cast<int64_t>(status_code))));
}

Result<uint64_t> proc_list(neurath::ProcessInfo* out, uint64_t capacity) {
    const int64_t raw = raw_call(Sys::ProcList, address(out), capacity);
    if (neurath::is_error_return(raw)) return neurath::error_from_return(raw);
    return static_cast<uint64_t>(raw);
}

Result<void> module_info(uint64_t index, neurath::ModuleDescriptor& out) {
    return status(raw_call(Sys::ModuleInfo, index, address(&out)));
}

Result<uint64_t> module_read(uint64_t index, uint64_t offset, void* buffer, uint64_t length) {
    const int64_t raw = raw_call(Sys::ModuleRead, index, offset, address(buffer), length);
    if (neurath::is_error_return(raw)) return neurath::error_from_return(raw);
    return static_cast<uint64_t>(raw);
}

Result<void> io_port_enable(uint16_t first_port, uint16_t count) {
    return status(raw_call(Sys::IoPortEnable, first_port, count));
}

Result<void> irq_subscribe(uint32_t irq) { return status(raw_call(Sys::IrqSubscribe, irq)); }

Result<uint64_t> dma_alloc(void* address, uint64_t length) {
    const int64_t raw = raw_call(Sys::DmaAlloc, reinterpret_cast<uint64_t>(address), length);
    if (neurath::is_error_return(raw)) return neurath::error_from_return(raw);
    return static_cast<uint64_t>(raw);
}

Result<uint64_t> dma_inherit(void* address, uint64_t length) {
    const int64_t raw = raw_call(Sys::DmaInherit, reinterpret_cast<uint64_t>(address), length);
    if (neurath::is_error_return(raw)) return neurath::error_from_return(raw);
    return static_cast<uint64_t>(raw);
}

Result<void> shutdown(int32_t code) {
    return status(raw_call(Sys::Shutdown, static_cast<uint64_t>(static_cast<int64_t>(code))));
}

Result<void> proc_swap_endpoints(Endpoint a, Endpoint b) {
    return status(raw_call(Sys::ProcSwapEndpoints, endpoint_argument(a), endpoint_argument(b)));
}

Result<void> proc_memory_read(Endpoint target, uint64_t remote_address, void* local, uint64_t length) {
    return status(raw_call(Sys::ProcMemoryRead, endpoint_argument(target), remote_address, address(local), length));
}

Result<void> set_alarm(uint64_t delay_ns) { return status(raw_call(Sys::SetAlarm, delay_ns)); }

}  // namespace sys
