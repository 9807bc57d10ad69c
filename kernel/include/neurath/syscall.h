// syscall.h — the kernel-call interface: numbers, calling convention, and the
// argument records that do not fit in registers.
//
// Convention: `syscall` with the number in rax and arguments in rdi, rsi, rdx,
// r10, r8, r9; the result comes back in rax: >= 0 on success, -(Error) on
// failure (see error.h). rcx and r11 are clobbered by the instruction; every
// other register (arguments included), rsp and the FPU/SSE state are
// preserved. RFLAGS comes back with the caller's kFlagsKeptAcrossCalls bits
// as they were at the call, IF set, and every other flag (NT, IOPL, RF...)
// clear; the kernel itself runs with every flag clear, whatever the caller set.
//
// IPC calls (Send..Notify, SendNonBlocking), the "self" calls (Exit..SelfInfo), the grant
// calls, SetAlarm, Unmap and ProcMemoryRead are open to every process (IPC subject
// to its send mask; ProcMemoryRead to its state-read capability, see below).
// The remaining calls are privileged: each process's privilege record (from
// /etc/system.conf, given at spawn) lists which of them it may make; a denied
// call returns -PermissionDenied and changes nothing.
//
// Live update (rs replaces a running process S by a new version S' it spawns):
// SpawnRequest::state_source = S gives S' the capability to read S's memory
// (ProcMemoryRead), scoped to that one process: the kernel records S's pid, so
// a restarted or different process at S's endpoint cannot be read.
// ProcSwapEndpoints(S, S') commits: S' takes S's name and everything that
// belongs to the name or to S's role, and both lose the capability.
#pragma once

#include <neurath/endpoint.h>
#include <neurath/message.h>
#include <stdint.h>

namespace neurath {

enum class Sys : uint64_t {
    // --- IPC ---------------------------------------------------------------
    Send = 0,         // (Endpoint dst, const Message* m): block until dst receives (replies: SendNonBlocking)
    Receive = 1,      // (Endpoint src_or_kAny, Message* m): block until a message arrives; returns 0
    SendReceive = 2,  // (Endpoint dst, Message* m): send m, then receive the reply from dst into m
    Notify = 3,       // (Endpoint dst, uint32_t tag): non-blocking; sets bit `tag` (< 64) pending at dst
    // --- self --------------------------------------------------------------
    Exit = 4,         // (int32_t status): never returns; the supervisor gets kmsg::kProcessExited
    Yield = 5,        // (): give up the rest of the time slice
    MapAnonymous = 6, // (uint64_t vaddr, uint64_t length): zeroed user pages at [vaddr, vaddr+len), page-aligned;
                      // -MemoryLimit (nothing mapped) when they would exceed the process's memory limit
    Uptime = 7,       // (): nanoseconds since boot
    DebugWrite = 8,   // (const char* text, uint64_t length): write to the kernel console (serial)
    SelfInfo = 9,     // (): returns the caller's own endpoint
    // --- grants ------------------------------------------------------------
    GrantCreate = 10, // (Endpoint grantee, uint64_t vaddr, uint64_t length, uint32_t access) -> grant id;
                      // the grantee must be live or kAny (-DeadEndpoint / -NoSuchEndpoint)
    GrantRevoke = 11, // (uint64_t grant_id)
    SafeCopyFrom = 12,// (Endpoint granter, uint64_t grant_id, uint64_t offset, void* local, uint64_t length)
    SafeCopyTo = 13,  // (Endpoint granter, uint64_t grant_id, uint64_t offset, const void* local, uint64_t length)
    // --- privileged --------------------------------------------------------
    ProcSpawn = 20,   // (const SpawnRequest*) -> endpoint of the new process
    ProcKill = 21,    // (Endpoint target, int32_t status)
    ProcList = 22,    // (ProcessInfo* out, uint64_t capacity) -> number of entries written
    ModuleInfo = 23,  // (uint64_t index, ModuleDescriptor* out): boot module by index
    ModuleRead = 24,  // (uint64_t index, uint64_t offset, void* buf, uint64_t length) -> bytes copied
    IoPortEnable = 25,// (uint16_t first_port, uint16_t count): grant in/out on those ports; they must lie inside
                      // the caller's Privileges::io_first/io_count window (-PermissionDenied)
    IrqSubscribe = 26,// (uint32_t irq): IRQ raises notification tag `irq` from kKernel; only lines in the
                      // caller's Privileges::irq_mask (-PermissionDenied). A level-triggered line (PCI) is
                      // masked when it is delivered: the driver calls IrqSubscribe again once it has
                      // acknowledged the device, which unmasks it
    Shutdown = 27,    // (int32_t code): power off the machine (QEMU debug-exit)
    ProcSwapEndpoints = 28, // (Endpoint a, Endpoint b): atomically exchange two live processes' roles
                      // (live-update commit: the new version takes over the old name). Moves with each name:
                      // messages queued for it, notifications pending at it, kernel messages waiting for it,
                      // IRQ subscriptions, and the role: pid, supervisor, privileges, I/O port permissions,
                      // the pending alarm, the ownership of DMA frames lent by DmaInherit. Stays with the
                      // process: memory (lent frames stay mapped on both sides), grants it created, name,
                      // version, priority. Both lose their state-read capability. -Busy while either is blocked sending
                      // or inside SendReceive (a plain Receive is fine); kRs only when the caller is the
                      // process at kRs (rs updating itself), else -PermissionDenied.
    ProcMemoryRead = 29,  // (Endpoint target, uint64_t remote_address, void* local, uint64_t length): copy from
                      // another process's user memory (state transfer). Open to every process, but allowed
                      // only when target is the caller's state source (SpawnRequest::state_source, the same
                      // process, not just the same endpoint), else -PermissionDenied; -BadAddress if unmapped
    ProcMemoryWrite = 30, // (Endpoint target, uint64_t remote_address, const void* local, uint64_t length):
                      // copy into another process's writable user memory (privileged)
    SetAlarm = 31,    // (uint64_t delay_ns): one-shot alarm (open to every process): after delay_ns the caller
                      // gets notification tag kAlarmTag from kKernel; 0 cancels; a new alarm replaces the old.
                      // A caller then blocked in a Receive from one given process (not kAny, not kKernel)
                      // is woken with -Timeout instead: the alarm bounds that wait (rs waiting on its own
                      // new version during a self-update)
    SendNonBlocking = 32, // (Endpoint dst, const Message* m): deliver m only if dst is blocked receiving from the
                      // caller (or from anyone), including dst waiting in SendReceive for the caller's reply;
                      // otherwise fail at once with -NotReceiving, nothing queued. Never blocks: servers send
                      // every reply and error answer this way, so a client that does not wait for its reply
                      // loses it instead of stalling the server. Same send rules as Send (the send mask, or
                      // dst waiting for the caller's reply)
    DmaAlloc = 33,    // (uint64_t vaddr, uint64_t length) -> physical address: zeroed, writable user pages at
                      // [vaddr, vaddr+length) backed by physically contiguous frames below 4 GiB, for a driver's
                      // DMA buffers and device queues (privileged). Page-aligned, at most kDmaMaxLength per call
                      // and kDmaMaxTotal per process (-InvalidArgument / -NoMemory); -BadAddress outside the
                      // user range, -AlreadyExists over a mapped page; on error nothing is mapped. The frames
                      // are freed with the process
    Unmap = 34,       // (uint64_t vaddr, uint64_t length): give back the caller's own user pages over
                      // [vaddr, vaddr+length) (open to every process): their frames are freed and the page
                      // count under the memory limit drops. Page-aligned, non-empty, at most 1 GiB
                      // (-InvalidArgument); -BadAddress outside the user range; -NotFound if any page of the
                      // window is not mapped (a partly mapped window is refused, nothing is unmapped);
                      // -PermissionDenied if any page is DmaAlloc memory (kept until the process ends)
    // 35 is not assigned.
    DmaInherit = 36,  // (uint64_t vaddr, uint64_t length) -> pages: a live update's new version maps its old
                      // version's DMA memory: every DmaAlloc page the caller's state source (SpawnRequest::
                      // state_source) owns in [vaddr, vaddr+length) is mapped into the caller at the same address,
                      // over the same frame (the device keeps using it). Open to every process, but only with a
                      // state source, else -PermissionDenied; once per process (-AlreadyExists). The caller only
                      // borrows the frames: the old version owns them, and its end stops nothing, until
                      // ProcSwapEndpoints exchanges the two, which hands them over (the privileges, with the
                      // device's bus mastering, move the same way). Unmapped pages of the window are skipped;
                      // -NotFound if it holds no DmaAlloc page; -AlreadyExists if the caller has a page mapped
                      // where one is to go; page-aligned, non-empty, at most kDmaInheritMaxLength
                      // (-InvalidArgument); -BadAddress outside the user range; on error nothing is mapped
    IdleCycles = 37,  // (): TSC cycles the CPU spent halted with nothing to run since boot (the IRQs it took
                      // meanwhile included). The TSC less this is the time something ran: under QEMU -icount,
                      // where idle time is skipped by an amount that depends on the host, the instructions run
    Count = 38
};

inline constexpr uint64_t kDmaMaxLength = 256ull << 10;  // one DmaAlloc call
inline constexpr uint64_t kDmaMaxTotal = 2ull << 20;     // all DmaAlloc memory of one process
inline constexpr uint64_t kDmaInheritMaxLength = 64ull << 20;  // the window of one DmaInherit

// CF PF AF ZF SF TF DF OF AC ID: the flags a user process sets for itself.
inline constexpr uint64_t kFlagsKeptAcrossCalls = 0x240DD5;

inline constexpr uint32_t kAlarmTag = 63;  // SetAlarm's notification bit (IRQs use tags 0..15)

inline constexpr uint32_t kGrantRead = 1;   // grantee may copy from the window
inline constexpr uint32_t kGrantWrite = 2;  // grantee may copy into the window

inline constexpr uint32_t kEndpointMaskWords = kMaxEndpoints / 64;
inline constexpr uint32_t kNameLength = 16;      // process and module names, NUL-terminated
inline constexpr uint32_t kArgBlockSize = 256;   // argv: NUL-separated strings

inline constexpr uint32_t kIoPortCount = 0x10000;  // x86 I/O ports 0..0xFFFF

// The privilege record the kernel enforces for one process. The device
// fields scope IoPortEnable and IrqSubscribe to the hardware the manifest
// gives the process (a driver: exactly its device's ports and IRQ line).
struct Privileges {
    uint64_t kernel_calls;                    // bit n: may make privileged call Sys(n)
    uint64_t send_mask[kEndpointMaskWords];   // bit e: may send/notify endpoint e
    uint32_t io_first;                        // IoPortEnable: ports [io_first, io_first + io_count)
    uint32_t io_count;                        // 0: no port at all
    uint32_t irq_mask;                        // IrqSubscribe: bit n allows IRQ line n
    uint32_t pci_device;                      // 0, or the PCI configuration address (0x80000000 | bus << 16 |
                                              // slot << 11 | function << 8) of the device this driver runs:
                                              // the kernel stops its bus mastering (DMA) when the process
                                              // ends, before its memory is freed
    uint32_t server_permissions;              // kPermit* bits the kernel only carries: servers read them
                                              // (ProcList) to decide what they grant the process
};

// Server permissions (Privileges::server_permissions), given by the spawner
// from the program's profile.
inline constexpr uint32_t kPermitPrivilegedPorts = 1u << 0;  // inet: bind TCP/UDP ports below 1024

struct SpawnRequest {
    const void* image;        // ELF64 executable in the caller's memory
    uint64_t image_length;
    char name[kNameLength];
    char args[kArgBlockSize]; // NUL-separated argv strings
    uint32_t args_length;     // bytes used in args
    Endpoint endpoint;        // requested endpoint; kNone = allocate a user endpoint
    Endpoint supervisor;      // receives exit and fault reports
    int32_t priority;         // 0 (highest) .. 7 (lowest)
    Privileges privileges;
    Endpoint state_source;    // kNone, or a live process whose memory the child may read with ProcMemoryRead
                              // (the old version it replaces); -NoSuchEndpoint if not live; the spawner must
                              // hold ProcMemoryWrite (-PermissionDenied)
    uint64_t memory_limit;    // bytes of user memory (image, stack, heap) the child may have mapped at once;
                              // 0: no limit. A map beyond it fails with -MemoryLimit. A spawner that has a
                              // limit itself may only give a limit no larger than its own (-PermissionDenied).
                              // 0 with a state_source: the state source's limit (an update keeps the limit)
};

enum class ProcState : uint32_t { Running, Ready, Sending, Receiving, SendReceiving, Dead };

struct ProcessInfo {
    Endpoint endpoint;
    Endpoint supervisor;
    ProcState state;
    int32_t priority;
    uint64_t pid;            // kernel-unique id, new for every process (restarts included)
    uint64_t cpu_ticks;
    char name[kNameLength];
    uint64_t version;        // image_version (neurath/version.h) of the executable it was spawned from
    uint64_t user_pages;     // 4 KiB user pages it has mapped now (what its memory limit counts; `ps` MEM)
    uint32_t server_permissions;  // Privileges::server_permissions it was spawned with
};

struct ModuleDescriptor {
    uint64_t length;
    char name[kNameLength];
};

}  // namespace neurath
