// lwip_platform.cpp — what lwIP asks of its platform (port/include/arch/cc.h,
// lwipopts.h): the time in milliseconds (sys_now, from the kernel's uptime),
// random numbers, diagnostics and failed assertions (to the kernel log; an
// assertion ends inet and rs restarts it), and atoi for netif.c.
//
// Entry points (C linkage): sys_now, inet_port_random, inet_port_log,
// inet_port_assert, atoi.
#include <sys/kcall.h>
#include <sys/stdio.h>

#include "lwip/sys.h"

namespace {

uint64_t random_state = 0;

}  // namespace

extern "C" {

u32_t sys_now(void) { return static_cast<u32_t>(sys::uptime_ns() / 1'000'000); }

// xorshift64*, seeded from the uptime at first use: initial sequence numbers,
// ephemeral ports and DHCP transaction ids differ from boot to boot.
unsigned int inet_port_random(void) {
    if (random_state == 0) random_state = sys::uptime_ns() | 1;
    random_state ^= random_state >> 12;
    random_state ^= random_state << 25;
    random_state ^= random_state >> 27;
    return static_cast<unsigned int>((random_state * 0x2545F4914F6CDD1DULL) >> 32);
}

void inet_port_log(const char* text) { sys::log("inet: lwIP: %s\n", text); }

void inet_port_assert(const char* message, const char* file, int line) {
    sys::log("inet: lwIP assertion failed: %s (%s:%d)\n", message, file, line);
    sys::exit(1);
}

int atoi(const char* text) {
    int value = 0;
    bool negative = *text == '-';
    if (negative) ++text;
    while (*text >= '0' && *text <= '9') value = value * 10 + (*text++ - '0');
    return negative ? -value : value;
}

}  // extern "C"
