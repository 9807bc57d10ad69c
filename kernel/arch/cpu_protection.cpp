// cpu_protection.cpp — enables SMEP/SMAP when CPUID reports them.
//
// Entry point: cpu_protection_init.
#include "arch/cpu_protection.h"

#include <stdint.h>

#include "arch/cpu.h"
#include "core/log.h"

namespace kernel {
namespace {

constexpr uint32_t kSmepFeature = 1u << 7;    // CPUID.(EAX=7,ECX=0):EBX
constexpr uint32_t kSmapFeature = 1u << 20;
constexpr uint64_t kCr4Smep = 1ull << 20;
constexpr uint64_t kCr4Smap = 1ull << 21;

uint32_t structured_features() {
    uint32_t eax = 0, ebx = 0, ecx = 0, edx = 0;
    asm volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(0), "c"(0));
    if (eax < 7) return 0;
    asm volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(7), "c"(0));
    return ebx;
}

}  // namespace

void cpu_protection_init() {
    uint32_t features = structured_features();
    uint64_t cr4 = cpu::read_cr4();
    if (features & kSmepFeature) cr4 |= kCr4Smep;
    if (features & kSmapFeature) cr4 |= kCr4Smap;
    cpu::write_cr4(cr4);
    log("cpu: SMEP %s, SMAP %s\n", (cr4 & kCr4Smep) ? "on" : "absent", (cr4 & kCr4Smap) ? "on" : "absent");
}

}  // namespace kernel
