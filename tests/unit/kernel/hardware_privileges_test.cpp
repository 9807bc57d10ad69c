// hardware_privileges_test.cpp — I/O port windows, IRQ masks and the spawn
// rule that a child never gets hardware its spawner lacks.
#include "proc/hardware_privileges.h"

#include <gtest/gtest.h>

using kernel::check_child_hardware;
using kernel::check_io_request;
using kernel::check_irq_request;
using neurath::Error;
using neurath::Privileges;

namespace {

Privileges driver(uint32_t first, uint32_t count, uint32_t irq_mask) {
    Privileges p{};
    p.io_first = first;
    p.io_count = count;
    p.irq_mask = irq_mask;
    return p;
}

TEST(HardwarePrivileges, PortsInsideTheWindowAreGranted) {
    const Privileges nic = driver(0xC040, 0x20, 1u << 11);
    auto whole = check_io_request(nic, 0xC040, 0x20);
    ASSERT_TRUE(whole.ok());
    EXPECT_EQ(whole.value().first, 0xC040u);
    EXPECT_EQ(whole.value().count, 0x20u);
    EXPECT_TRUE(check_io_request(nic, 0xC050, 4).ok());
}

TEST(HardwarePrivileges, PortsOutsideTheWindowAreDenied) {
    const Privileges nic = driver(0xC040, 0x20, 1u << 11);
    EXPECT_EQ(check_io_request(nic, 0xCF8, 8).error(), Error::PermissionDenied);
    EXPECT_EQ(check_io_request(nic, 0xC03F, 2).error(), Error::PermissionDenied);
    EXPECT_EQ(check_io_request(nic, 0xC05F, 2).error(), Error::PermissionDenied);
    EXPECT_EQ(check_io_request(Privileges{}, 0x3F8, 8).error(), Error::PermissionDenied);
}

TEST(HardwarePrivileges, MalformedPortRequestsAreInvalid) {
    const Privileges all = driver(0, neurath::kIoPortCount, 0xFFFF);
    EXPECT_EQ(check_io_request(all, 0x3F8, 0).error(), Error::InvalidArgument);
    EXPECT_EQ(check_io_request(all, 0x10000, 1).error(), Error::InvalidArgument);
    EXPECT_EQ(check_io_request(all, 0xFFFF, 2).error(), Error::InvalidArgument);
    EXPECT_EQ(check_io_request(all, 1, ~uint64_t{0}).error(), Error::InvalidArgument);
    EXPECT_TRUE(check_io_request(all, 0xFFFF, 1).ok());
}

TEST(HardwarePrivileges, OnlyIrqLinesInTheMask) {
    const Privileges nic = driver(0xC040, 0x20, 1u << 11);
    EXPECT_EQ(check_irq_request(nic, 11).value(), 11u);
    EXPECT_EQ(check_irq_request(nic, 4).error(), Error::PermissionDenied);
    EXPECT_EQ(check_irq_request(nic, 16).error(), Error::InvalidArgument);
    EXPECT_EQ(check_irq_request(nic, ~uint64_t{0}).error(), Error::InvalidArgument);
}

TEST(HardwarePrivileges, ChildGetsNoHardwareItsSpawnerLacks) {
    const Privileges root = driver(0, neurath::kIoPortCount, 0xFFFF);
    const Privileges nic = driver(0xC040, 0x20, 1u << 11);
    EXPECT_TRUE(check_child_hardware(root, nic).ok());
    EXPECT_TRUE(check_child_hardware(nic, Privileges{}).ok());
    EXPECT_TRUE(check_child_hardware(nic, driver(0xC048, 8, 1u << 11)).ok());
    EXPECT_EQ(check_child_hardware(nic, driver(0xC040, 0x21, 0)).error(), Error::PermissionDenied);
    EXPECT_EQ(check_child_hardware(nic, driver(0x3F8, 8, 0)).error(), Error::PermissionDenied);
    EXPECT_EQ(check_child_hardware(nic, driver(0, 0, 1u << 4)).error(), Error::PermissionDenied);
    EXPECT_EQ(check_child_hardware(root, driver(0xFFF0, 0x20, 0)).error(), Error::InvalidArgument);
}

TEST(HardwarePrivileges, OnlyASpawnerWithConfigSpaceNamesAChildsPciDevice) {
    const Privileges root = driver(0, neurath::kIoPortCount, 0xFFFF);
    Privileges nic = driver(0xC040, 0x20, 1u << 11);
    nic.pci_device = 0x80001800u;  // bus 0, slot 3, function 0
    EXPECT_TRUE(check_child_hardware(root, nic).ok());
    Privileges grandchild{};
    grandchild.pci_device = 0x80001800u;
    EXPECT_EQ(check_child_hardware(nic, grandchild).error(), Error::PermissionDenied)
        << "a driver cannot hand its device on";
    Privileges register_offset = nic;
    register_offset.pci_device = 0x80001804u;
    EXPECT_EQ(check_child_hardware(root, register_offset).error(), Error::InvalidArgument);
    Privileges no_enable_bit = nic;
    no_enable_bit.pci_device = 0x00001800u;
    EXPECT_EQ(check_child_hardware(root, no_enable_bit).error(), Error::InvalidArgument);
}

}  // namespace
