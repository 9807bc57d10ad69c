// pci_config_test.cpp — configuration-space addressing and the decoding of a
// device's I/O BAR and interrupt line into a driver's resources.
#include "pci_config.h"

#include <gtest/gtest.h>

using neurath::Error;
using rs::pci::config_address;
using rs::pci::decode_resources;

namespace {

TEST(PciConfig, AddressesBusSlotFunctionAndRegister) {
    EXPECT_EQ(config_address({0, 0, 0}, 0x00), 0x80000000u);
    EXPECT_EQ(config_address({0, 3, 0}, 0x10), 0x80001810u);
    EXPECT_EQ(config_address({1, 31, 7}, 0x3C), 0x8001FF3Cu);
    EXPECT_EQ(config_address({0, 3, 0}, 0x3E), 0x8000183Cu) << "registers are dword-aligned";
}

TEST(PciConfig, DecodesAnIoBarAndItsSize) {
    // QEMU's legacy virtio-net: 32 ports at 0xc000, probe reads back 0xffffffe1.
    auto r = decode_resources(0x0000C001u, 0xFFFFFFE1u, 11);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value().io_base, 0xC000u);
    EXPECT_EQ(r.value().io_size, 0x20u);
    EXPECT_EQ(r.value().irq, 11);
    // A device decoding only 16 address bits reads back 0x0000ffc1.
    auto narrow = decode_resources(0x0000C041u, 0x0000FFC1u, 10);
    ASSERT_TRUE(narrow.ok());
    EXPECT_EQ(narrow.value().io_size, 0x40u);
}

TEST(PciConfig, RefusesWhatADriverCannotUse) {
    EXPECT_EQ(decode_resources(0xFEBD0000u, 0xFFFFF000u, 11).error(), Error::InvalidArgument) << "memory BAR";
    EXPECT_EQ(decode_resources(0x00000001u, 0xFFFFFFE1u, 11).error(), Error::InvalidArgument) << "unassigned";
    EXPECT_EQ(decode_resources(0x0000C001u, 0xFFFFFE01u, 11).error(), Error::InvalidArgument) << "> 256 ports";
    EXPECT_EQ(decode_resources(0x0000FFF1u, 0xFFFFFFE1u, 11).error(), Error::InvalidArgument) << "past 0xffff";
    EXPECT_EQ(decode_resources(0x0000C001u, 0xFFFFFFE1u, 0xFF).error(), Error::InvalidArgument) << "no IRQ";
    EXPECT_EQ(decode_resources(0x0000C001u, 0xFFFFFFE1u, 2).error(), Error::InvalidArgument) << "cascade";
    EXPECT_EQ(decode_resources(0x0000C001u, 0xFFFFFFE1u, 0).error(), Error::InvalidArgument);
}

}  // namespace
