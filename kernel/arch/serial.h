// serial.h — the kernel console on COM1 (polled output, no interrupts; the
// tty server owns COM1's receive interrupt).
//
// Entry points: serial_init(), serial_write(text, length), serial_put(char).
#pragma once

#include <stddef.h>

namespace kernel {

void serial_init();
void serial_put(char c);
void serial_write(const char* text, size_t length);

}  // namespace kernel
