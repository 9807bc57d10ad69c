// check_basics.cpp — entry ABI, flags across a kernel call, user-pointer
// validation, unknown calls, anonymous memory and its unmapping, DMA memory,
// boot modules and notifications.
//
// Entry point: check_basics.
#include "harness.h"

namespace selftest {
namespace {

constexpr uint64_t kMapAddress = 0x10000000;
constexpr uint64_t kDmaAddress = 0x20000000;
constexpr uint64_t kUnmapAddress = 0x30000000;

void check_entry(int argc, char** argv, uint64_t entry_rsp) {
    expect("entry: argc", argc, 1);
    expect_true("entry: argv[0] is rs", text_equal(argv[0], "rs"));
    expect_true("entry: argv ends with null", argv[1] == nullptr);
    expect("entry: rsp is 16-byte aligned minus 8", static_cast<int64_t>(entry_rsp % 16), 8);
    uint64_t flags;
    asm volatile("pushfq; pop %0" : "=r"(flags));
    expect_true("entry: interrupts enabled", (flags & (1u << 9)) != 0);
    expect("self info is kRs", call(Sys::SelfInfo), kRs);
    int64_t first = call(Sys::Uptime);
    int64_t second = call(Sys::Uptime);
    expect_true("uptime advances", first > 0 && second >= first);
}

constexpr uint64_t kCarry = 1u << 0, kInterrupts = 1u << 9, kDirection = 1u << 10, kIoPrivilege = 3u << 12,
                   kNestedTask = 1u << 14, kAlignmentCheck = 1u << 18;

// RFLAGS right after an Uptime call entered with `flags` (clean flags restored
// before the compiler sees them again; the red zone is stepped over).
uint64_t flags_after_call_with(uint64_t flags) {
    uint64_t number = static_cast<uint64_t>(Sys::Uptime);
    uint64_t after;
    asm volatile(
        "lea -128(%%rsp), %%rsp\n"
        "pushq %[in]\n"
        "popfq\n"
        "syscall\n"
        "pushfq\n"
        "popq %[out]\n"
        "pushq $0x202\n"
        "popfq\n"
        "lea 128(%%rsp), %%rsp\n"
        : [out] "=r"(after), "+a"(number)
        : [in] "r"(flags)
        : "rcx", "r11", "memory", "cc");
    return after;
}

// `syscall` with NT set used to make the kernel's return iretq fault: a panic.
void check_entry_flags() {
    uint64_t after = flags_after_call_with(kNestedTask | kInterrupts | 2);
    expect("a call with NT set returns without NT", static_cast<int64_t>(after & kNestedTask), 0);
    expect_true("a call with NT set returns with interrupts on", (after & kInterrupts) != 0);
    uint64_t own = kAlignmentCheck | kDirection | kCarry | kInterrupts | 2;
    expect("AC, DF and CF come back as they went in", static_cast<int64_t>(flags_after_call_with(own)),
           static_cast<int64_t>(own));
    after = flags_after_call_with(kIoPrivilege | kInterrupts | 2);
    expect("asking for IOPL 3 leaves IOPL 0", static_cast<int64_t>(after & kIoPrivilege), 0);
}

void check_user_pointers() {
    Message m{};
    expect("debug write from unmapped memory", call(Sys::DebugWrite, 0x10, 4), failure(Error::BadAddress));
    expect("debug write from kernel memory", call(Sys::DebugWrite, 0xFFFFFFFF80100000, 4), failure(Error::BadAddress));
    expect("receive into unmapped memory", call(Sys::Receive, kAny, 0x7000000), failure(Error::BadAddress));
    uint64_t code = reinterpret_cast<uint64_t>(&check_user_pointers);
    expect("receive into read-only code", call(Sys::Receive, kAny, code), failure(Error::BadAddress));
    expect("send_receive with read-only buffer", call(Sys::SendReceive, kRs, code), failure(Error::BadAddress));
    expect("send from a pointer across the top of user space", call(Sys::Send, kRs, 0x00007FFFFFFFFFF0),
           failure(Error::BadAddress));
    expect("send to a never-used endpoint", send(200, m), failure(Error::NoSuchEndpoint));
    expect("send to an out-of-range endpoint", send(5000, m), failure(Error::NoSuchEndpoint));
    expect("send to self is a deadlock", send(kRs, m), failure(Error::Deadlock));
    expect("unknown kernel call", call(static_cast<Sys>(17)), failure(Error::NotSupported));
    expect("kernel call number far out of range", call(static_cast<Sys>(1000)), failure(Error::NotSupported));
}

void check_anonymous_memory() {
    expect("map two pages", call(Sys::MapAnonymous, kMapAddress, 8192), 0);
    auto* words = reinterpret_cast<volatile uint64_t*>(kMapAddress);
    expect("mapped memory starts zeroed", static_cast<int64_t>(words[0] | words[1023]), 0);
    words[700] = 77;
    expect("mapped memory keeps data", static_cast<int64_t>(words[700]), 77);
    expect("map over a mapped page", call(Sys::MapAnonymous, kMapAddress + 4096, 8192), failure(Error::AlreadyExists));
    expect("nothing half-mapped after refusal", call(Sys::MapAnonymous, kMapAddress + 8192, 4096), 0);
    expect("map unaligned", call(Sys::MapAnonymous, kMapAddress + 100, 4096), failure(Error::InvalidArgument));
    expect("map zero bytes", call(Sys::MapAnonymous, kMapAddress + 65536, 0), failure(Error::InvalidArgument));
    expect("map below user space", call(Sys::MapAnonymous, 0x1000, 4096), failure(Error::BadAddress));
    expect("map kernel space", call(Sys::MapAnonymous, 0xFFFF800000000000, 4096), failure(Error::BadAddress));
}

// The user pages ProcList reports for the caller (rs).
int64_t own_user_pages() {
    const ProcessInfo* self = process_info(kRs);
    return self ? static_cast<int64_t>(self->user_pages) : -1;
}

// Unmap: every page of the window or none; the page count drops with it and
// an unmapped page can be mapped again (zeroed).
void check_unmap() {
    expect("map four pages to unmap", call(Sys::MapAnonymous, kUnmapAddress, 4 * 4096), 0);
    auto* words = reinterpret_cast<volatile uint64_t*>(kUnmapAddress);
    words[512 + 3] = 99;
    const int64_t pages = own_user_pages();
    expect_true("proc_list reports the caller's pages", pages >= 4);
    expect("unmap unaligned", call(Sys::Unmap, kUnmapAddress + 8, 4096), failure(Error::InvalidArgument));
    expect("unmap zero bytes", call(Sys::Unmap, kUnmapAddress, 0), failure(Error::InvalidArgument));
    expect("unmap kernel space", call(Sys::Unmap, 0xFFFF800000000000, 4096), failure(Error::BadAddress));
    expect("unmap a partly mapped window", call(Sys::Unmap, kUnmapAddress, 5 * 4096), failure(Error::NotFound));
    expect("a refused unmap keeps every page", static_cast<int64_t>(words[512 + 3]), 99);
    expect("unmap the middle two pages", call(Sys::Unmap, kUnmapAddress + 4096, 2 * 4096), 0);
    expect("unmapping lowers the page count", own_user_pages(), pages - 2);
    expect("unmap them again", call(Sys::Unmap, kUnmapAddress + 4096, 4096), failure(Error::NotFound));
    expect("map the unmapped pages again", call(Sys::MapAnonymous, kUnmapAddress + 4096, 2 * 4096), 0);
    expect("a page mapped again starts zeroed", static_cast<int64_t>(words[512 + 3]), 0);
    expect("unmap all four", call(Sys::Unmap, kUnmapAddress, 4 * 4096), 0);
    expect("the page count is back", own_user_pages(), pages - 4);
}

// DmaAlloc: zeroed pages whose physical address the caller learns; the
// bounds refuse without mapping anything.
void check_dma_memory() {
    const int64_t physical = call(Sys::DmaAlloc, kDmaAddress, 3 * 4096);
    expect_true("dma: a page-aligned physical address", physical > 0 && physical % 4096 == 0);
    auto* words = reinterpret_cast<volatile uint64_t*>(kDmaAddress);
    expect("dma memory starts zeroed", static_cast<int64_t>(words[0] | words[3 * 512 - 1]), 0);
    words[600] = 55;
    expect("dma memory keeps data", static_cast<int64_t>(words[600]), 55);
    const int64_t second = call(Sys::DmaAlloc, kDmaAddress + 3 * 4096, 4096);
    expect_true("dma: a second allocation gets other frames", second > 0 && (second < physical || second >= physical + 3 * 4096));
    expect("dma over a mapped page", call(Sys::DmaAlloc, kDmaAddress, 4096), failure(Error::AlreadyExists));
    expect("dma unaligned", call(Sys::DmaAlloc, kDmaAddress + 100, 4096), failure(Error::InvalidArgument));
    expect("dma larger than one call may take", call(Sys::DmaAlloc, kDmaAddress + 65536, kDmaMaxLength + 4096),
           failure(Error::InvalidArgument));
    expect("dma in kernel space", call(Sys::DmaAlloc, 0xFFFF800000000000, 4096), failure(Error::BadAddress));
    expect("nothing mapped after a refusal", call(Sys::MapAnonymous, kDmaAddress + 65536, 4096), 0);
    expect("dma memory cannot be unmapped", call(Sys::Unmap, kDmaAddress, 4096), failure(Error::PermissionDenied));
    expect("dma memory stays after a refused unmap", static_cast<int64_t>(words[600]), 55);
    expect("anonymous memory beside it can", call(Sys::Unmap, kDmaAddress + 65536, 4096), 0);
}

// Message buffers that straddle a page boundary: the kernel validates them
// page by page (no direct alias), so a bad second page is refused and a good
// one is filled across the boundary. Runs after check_anonymous_memory,
// which leaves [kMapAddress, kMapAddress + 3 pages) mapped and the next page not.
void check_straddling_message_buffers() {
    const uint64_t across_mapped = kMapAddress + 4096 - 8;  // payload in the second page
    const uint64_t into_unmapped = kMapAddress + 3 * 4096 - 24;
    expect("receive into a buffer running into an unmapped page", call(Sys::Receive, kAny, into_unmapped),
           failure(Error::BadAddress));
    expect("send_receive with a buffer running into an unmapped page", call(Sys::SendReceive, kRs, into_unmapped),
           failure(Error::BadAddress));
    expect("send from a buffer running into an unmapped page", call(Sys::Send, kRs, into_unmapped),
           failure(Error::BadAddress));
    expect("notify self tag 5", call(Sys::Notify, kRs, 5), 0);
    expect("receive into a buffer across two mapped pages", call(Sys::Receive, kAny, across_mapped), 0);
    Message m{};
    auto* bytes = reinterpret_cast<volatile uint8_t*>(across_mapped);
    auto* out = reinterpret_cast<uint8_t*>(&m);
    for (uint64_t i = 0; i < sizeof m; ++i) out[i] = bytes[i];
    expect("straddling buffer: notification type", m.type, kmsg::kNotify);
    expect("straddling buffer: source", m.source, kRs);
    expect("straddling buffer: bits past the page boundary", static_cast<int64_t>(payload_of<NotifyPayload>(m).pending_bits),
           32);
}

void check_modules() {
    ModuleDescriptor module{};
    expect("module 0 info", call(Sys::ModuleInfo, 0, reinterpret_cast<uint64_t>(&module)), 0);
    expect_true("module 0 is named rs", text_equal(module.name, "rs"));
    expect_true("own image read completely", own_image_length() == module.length && module.length > 0);
    expect("module past the last", call(Sys::ModuleInfo, 99, reinterpret_cast<uint64_t>(&module)),
           failure(Error::NotFound));
    char tail[16];
    expect("module read clipped at the end",
           call(Sys::ModuleRead, 0, module.length - 4, reinterpret_cast<uint64_t>(tail), sizeof tail), 4);
    expect("module read past the end", call(Sys::ModuleRead, 0, module.length + 10, reinterpret_cast<uint64_t>(tail), 8),
           0);
    expect("module read into bad memory", call(Sys::ModuleRead, 0, 0, 0x10, 8), failure(Error::BadAddress));
}

void check_notifications() {
    Message m{};
    expect("notify self tag 1", call(Sys::Notify, kRs, 1), 0);
    expect("notify self tag 2", call(Sys::Notify, kRs, 2), 0);
    expect("notify self tag 2 again (coalesces)", call(Sys::Notify, kRs, 2), 0);
    expect("notify tag 64 refused", call(Sys::Notify, kRs, 64), failure(Error::InvalidArgument));
    expect("receive notification", receive(kAny, m), 0);
    expect("notification type", m.type, kmsg::kNotify);
    expect("notification source is the notifier", m.source, kRs);
    expect("notification bits coalesced", static_cast<int64_t>(payload_of<NotifyPayload>(m).pending_bits), 6);
}

}  // namespace

void check_basics(int argc, char** argv, uint64_t entry_rsp) {
    check_entry(argc, argv, entry_rsp);
    check_entry_flags();
    check_user_pointers();
    check_anonymous_memory();
    check_unmap();
    check_dma_memory();
    check_straddling_message_buffers();
    check_modules();
    check_notifications();
}

}  // namespace selftest
