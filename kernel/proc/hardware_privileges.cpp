// hardware_privileges.cpp — port window, IRQ mask and spawn checks (see
// hardware_privileges.h).
#include "proc/hardware_privileges.h"

namespace kernel {
namespace {

constexpr uint32_t kIrqLines = 16;
constexpr uint32_t kPciConfigPorts = 0xCF8;
constexpr uint32_t kPciConfigPortCount = 8;
constexpr uint32_t kPciEnable = 0x80000000u;
constexpr uint32_t kPciRegisterAndReservedBits = 0x7F0000FFu;  // must be 0 in a device's address

bool window_contains(const neurath::Privileges& privileges, uint64_t first, uint64_t count) {
    const uint64_t window_end = uint64_t{privileges.io_first} + privileges.io_count;
    return first >= privileges.io_first && first + count <= window_end;
}

}  // namespace

Result<IoRange> check_io_request(const neurath::Privileges& privileges, uint64_t first, uint64_t count) {
    if (count == 0 || first >= neurath::kIoPortCount || count > neurath::kIoPortCount - first)
        return Error::InvalidArgument;
    if (!window_contains(privileges, first, count)) return Error::PermissionDenied;
    return IoRange{static_cast<uint32_t>(first), static_cast<uint32_t>(count)};
}

Result<uint32_t> check_irq_request(const neurath::Privileges& privileges, uint64_t irq) {
    if (irq >= kIrqLines) return Error::InvalidArgument;
    if ((privileges.irq_mask & (1u << irq)) == 0) return Error::PermissionDenied;
    return static_cast<uint32_t>(irq);
}

Result<void> check_child_hardware(const neurath::Privileges& spawner, const neurath::Privileges& child) {
    if ((child.irq_mask & ~spawner.irq_mask) != 0) return Error::PermissionDenied;
    if (child.pci_device != 0) {
        if ((child.pci_device & kPciEnable) == 0 || (child.pci_device & kPciRegisterAndReservedBits) != 0)
            return Error::InvalidArgument;
        if (!window_contains(spawner, kPciConfigPorts, kPciConfigPortCount)) return Error::PermissionDenied;
    }
    if (child.io_count == 0) return {};
    if (uint64_t{child.io_first} + child.io_count > neurath::kIoPortCount) return Error::InvalidArgument;
    if (!window_contains(spawner, child.io_first, child.io_count)) return Error::PermissionDenied;
    return {};
}

}  // namespace kernel
