// pic.cpp — 8259 PIC programming (see pic.h).
//
// Entry points: pic_init, pic_unmask, pic_mask, pic_end_of_interrupt,
// pic_is_spurious, pic_is_level_triggered.
#include "arch/pic.h"

#include "arch/cpu.h"

namespace kernel {
namespace {

constexpr uint16_t kMasterCommand = 0x20;
constexpr uint16_t kMasterData = 0x21;
constexpr uint16_t kSlaveCommand = 0xA0;
constexpr uint16_t kSlaveData = 0xA1;
constexpr uint8_t kEndOfInterrupt = 0x20;
constexpr uint16_t kEdgeLevelControlLow = 0x4D0;   // ELCR: bit n set = IRQ n level-triggered (PCI)
constexpr uint16_t kEdgeLevelControlHigh = 0x4D1;

uint16_t current_mask = 0xFFFF;

void write_mask() {
    cpu::outb(kMasterData, static_cast<uint8_t>(current_mask));
    cpu::outb(kSlaveData, static_cast<uint8_t>(current_mask >> 8));
}

}  // namespace

void pic_init() {
    cpu::outb(kMasterCommand, 0x11);  // ICW1: init, expect ICW4
    cpu::outb(kSlaveCommand, 0x11);
    cpu::outb(kMasterData, kIrqBaseVector);      // ICW2: vector offsets
    cpu::outb(kSlaveData, kIrqBaseVector + 8);
    cpu::outb(kMasterData, 0x04);  // ICW3: slave on IRQ 2
    cpu::outb(kSlaveData, 0x02);
    cpu::outb(kMasterData, 0x01);  // ICW4: 8086 mode
    cpu::outb(kSlaveData, 0x01);
    current_mask = 0xFFFF & ~(1u << 2);  // cascade stays open
    write_mask();
}

void pic_unmask(unsigned irq) {
    current_mask = static_cast<uint16_t>(current_mask & ~(1u << irq));
    write_mask();
}

void pic_mask(unsigned irq) {
    current_mask = static_cast<uint16_t>(current_mask | (1u << irq));
    write_mask();
}

void pic_end_of_interrupt(unsigned irq) {
    if (irq >= 8) cpu::outb(kSlaveCommand, kEndOfInterrupt);
    cpu::outb(kMasterCommand, kEndOfInterrupt);
}

bool pic_is_level_triggered(unsigned irq) {
    const uint16_t port = irq < 8 ? kEdgeLevelControlLow : kEdgeLevelControlHigh;
    return (cpu::inb(port) >> (irq % 8)) & 1;
}

bool pic_is_spurious(unsigned irq) {
    if (irq != 7 && irq != 15) return false;
    uint16_t command = irq == 7 ? kMasterCommand : kSlaveCommand;
    cpu::outb(command, 0x0B);  // read in-service register
    bool in_service = (cpu::inb(command) & 0x80) != 0;
    if (!in_service && irq == 15) cpu::outb(kMasterCommand, kEndOfInterrupt);  // the master saw IRQ 2
    return !in_service;
}

}  // namespace kernel
