// kernel_main.cpp — the kernel's boot sequence, from the entry stub to the
// first user process.
//
// Entry point: extern "C" kernel_entry(magic, info_physical), called by
// boot/multiboot_entry.S in long mode on the boot stack.
// Order: console, boot information, descriptors and interrupt controller,
// memory (kernel space, frames, heap), the guarded kernel stacks; then, on
// the kernel stack (the boot stack is left for good): FPU, SMEP/SMAP, kernel
// calls, timer, faults injected on request of the command line, the
// free-frame count the leak check compares with at poweroff; then the
// module named "rs" is started at endpoint kRs with every privilege and the
// scheduler takes over.
#include <neurath/endpoint.h>

#include "arch/cpu.h"
#include "arch/cpu_protection.h"
#include "arch/descriptors.h"
#include "arch/pic.h"
#include "arch/serial.h"
#include "arch/timer.h"
#include "boot_info/boot_modules.h"
#include "boot_info/multiboot.h"
#include "core/fault_injection.h"
#include "core/log.h"
#include "core/string.h"
#include "core/trap.h"
#include "memory/address_space.h"
#include "memory/kernel_stacks.h"
#include "memory/physical_memory.h"
#include "proc/lifecycle.h"
#include "proc/memory_audit.h"
#include "proc/scheduler.h"
#include "syscalls/syscall.h"

extern "C" void (*__init_array_start[])();
extern "C" void (*__init_array_end[])();

namespace kernel {
namespace {

BootInfo boot_info;

const uint8_t* direct_map_window(void*, uint64_t physical, uint64_t length) {
    if (physical >= kDirectMapSize || length > kDirectMapSize - physical) return nullptr;
    return phys_to_virt(physical);
}

void run_global_constructors() {
    for (auto* constructor = __init_array_start; constructor != __init_array_end; ++constructor) (*constructor)();
}

void log_boot_info(uint32_t magic) {
    log("boot: %s, command line \"%s\"\n", magic == kMultiboot2Magic ? "Multiboot2" : "Multiboot1",
        boot_info.command_line);
    for (size_t i = 0; i < boot_info.module_count; ++i) {
        const BootModule& module = boot_info.modules[i];
        log("boot: module %lu \"%s\" at %lx, %lu bytes\n", i, module.name, module.start, module.end - module.start);
    }
}

Result<void> read_module(const void* context, uint64_t offset, void* out, uint64_t length) {
    auto* module = static_cast<const BootModule*>(context);
    uint64_t size = module->end - module->start;
    if (offset > size || length > size - offset) return Error::BadExecutable;
    copy_bytes(out, phys_to_virt(module->start + offset), length);
    return {};
}

void start_rs() {
    const BootModule* module = find_boot_module("rs");
    if (module == nullptr) panic("no boot module named \"rs\"; nothing to run");
    SpawnPlan plan{};
    copy_name(plan.name, sizeof plan.name, "rs", 3);
    copy_bytes(plan.args, "rs", 3);
    plan.args_length = 3;
    plan.endpoint = neurath::kRs;
    plan.supervisor = neurath::kKernel;
    plan.priority = 0;
    plan.privileges.kernel_calls = ~uint64_t{0};
    for (auto& word : plan.privileges.send_mask) word = ~uint64_t{0};
    plan.privileges.io_first = 0;
    plan.privileges.io_count = neurath::kIoPortCount;
    plan.privileges.irq_mask = 0xFFFF;
    ImageSource source{read_module, module, module->end - module->start};
    Result<Process*> rs = spawn_process(plan, source);
    if (rs.is_error()) panic("cannot start rs: %s", neurath::error_name(rs.error()));
}

[[noreturn]] void finish_boot_on_kernel_stack() {
    boot_modules_init(boot_info);
    fpu_init();
    cpu_protection_init();
    syscall_init();
    timer_init();
    inject_boot_faults(boot_info.command_line, sizeof boot_info.command_line);
    memory_audit_after_boot();
    start_rs();
    log("kernel: boot complete after %lu us\n", uptime_ns() / 1000);
    start_first_process();
}

}  // namespace
}  // namespace kernel

extern "C" [[noreturn]] void kernel_entry(uint32_t magic, uint64_t info_physical) {
    using namespace kernel;
    serial_init();
    log("Neurath kernel 0.1 (x86_64) starting\n");
    run_global_constructors();
    PhysicalWindow window{direct_map_window, nullptr};
    Result<void> parsed = parse_multiboot(magic, info_physical, window, boot_info);
    if (parsed.is_error()) panic("boot information unusable (magic %x): %s", magic, neurath::error_name(parsed.error()));
    log_boot_info(magic);
    descriptors_init();
    pic_init();
    kernel_space_init();
    physical_memory_init(boot_info);
    kernel_stacks_init();
    run_on_kernel_stack(finish_boot_on_kernel_stack);
}
