// process.h — the kernel's record of one user process and the process table.
//
// Entry points: Process, process_table_slot(i), live_process(e),
// endpoint_table(), process_allocate_slot(), process_release_slot(p),
// current_process(), set_current_process(p), proc_state_of(p).
// Invariants: a slot is in use from spawn until the process is reaped; a
// live process is bound in the endpoint table; `frame` holds the user
// registers whenever the process is not executing; `fpu` its FPU/SSE state
// whenever it does not own the FPU.
#pragma once

#include <neurath/message.h>
#include <neurath/syscall.h>
#include <stdint.h>

#include "arch/descriptors.h"
#include "arch/trap_frame.h"
#include "ipc/bounded_queue.h"
#include "ipc/grant_table.h"
#include "ipc/notification_set.h"
#include "memory/address_space.h"
#include "proc/hardware_privileges.h"
#include "proc/endpoint_table.h"

namespace kernel {

inline constexpr int32_t kMaxProcesses = 128;
inline constexpr uint32_t kPriorityLevels = 8;
inline constexpr size_t kKernelMessageQueueLength = 32;
inline constexpr uint32_t kMaxIoRanges = 4;  // IoPortEnable calls a process may make

enum class RunState : uint8_t { Free, Runnable, Blocked, Dead };

struct Process;

// Device pages one process maps but another owns (DmaInherit, proc/dma_loans.h).
struct DmaLoan {
    Process* lender = nullptr;  // the owner of the frames; nullptr: no loan
    uint64_t base = 0;          // the window DmaInherit was given
    uint64_t length = 0;
    uint64_t pages = 0;         // device pages borrowed in it
};
enum class IpcWait : uint8_t { None, Sending, Receiving };

struct Process {
    // identity
    int32_t slot = -1;
    uint64_t pid = 0;
    Endpoint endpoint = neurath::kNone;
    Endpoint supervisor = neurath::kKernel;
    char name[neurath::kNameLength] = {};
    neurath::Privileges privileges = {};
    uint64_t version = 0;                 // neurath::image_version of the executable it runs
    // The pid of the one process whose memory this one may read with
    // ProcMemoryRead (the old version it replaces in a live update); 0: none.
    uint64_t state_source_pid = 0;

    // execution
    RunState run_state = RunState::Free;
    int32_t priority = 0;
    TrapFrame frame = {};
    alignas(16) uint8_t fpu[512] = {};
    AddressSpace space;
    IoRange io_ranges[kMaxIoRanges] = {}; // ports enabled by IoPortEnable (loaded into the TSS)
    uint32_t io_range_count = 0;
    uint64_t dma_pages = 0;               // pages mapped by DmaAlloc (budget: kDmaMaxTotal)
    DmaLoan dma_loan = {};                // DMA pages borrowed from the old version (DmaInherit)
    uint32_t slice_left = 0;
    uint64_t cpu_ticks = 0;
    uint64_t alarm_deadline_ns = 0;       // 0: no alarm
    Process* next_ready = nullptr;
    bool queued = false;

    // IPC
    IpcWait wait = IpcWait::None;
    bool send_then_receive = false;       // inside SendReceive (either phase)
    Endpoint send_target = neurath::kNone;
    Endpoint receive_source = neurath::kNone;
    uint64_t receive_buffer = 0;          // user address of the Message to fill
    uint8_t* receive_alias = nullptr;     // its validated direct-map alias (nullptr: spans pages)
    neurath::Message outgoing = {};       // copied in at Send time
    Process* senders_head = nullptr;      // processes blocked sending to us
    Process* senders_tail = nullptr;
    Process* next_sender = nullptr;
    NotificationSet notifications;
    BoundedQueue<neurath::Message, kKernelMessageQueueLength> kernel_messages;
    GrantTable grants;
};

EndpointTable& endpoint_table();
Process* process_table_slot(int32_t slot);
// The live process behind `endpoint`: -NoSuchEndpoint (never used, out of
// range), -DeadEndpoint (its process died). The one endpoint -> process lookup.
Result<Process*> live_process(Endpoint endpoint);
// A fresh, reset slot (run_state Free until spawn finishes), or nullptr when full.
Process* process_allocate_slot();
void process_release_slot(Process& process);
uint64_t process_next_pid();

namespace detail {
extern Process* running_process;  // written only by set_current_process / process_release_slot
}
inline Process* current_process() { return detail::running_process; }
void set_current_process(Process* process);

}  // namespace kernel

// Address just past the running process's saved TrapFrame (0 while none
// runs): syscall_entry pushes the caller's registers there.
extern "C" uint64_t current_frame_top;

namespace kernel {

neurath::ProcState proc_state_of(const Process& process);

}  // namespace kernel
