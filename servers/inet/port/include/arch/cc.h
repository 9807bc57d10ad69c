/* arch/cc.h — lwIP's platform description for Neurath's freestanding
 * x86_64 user space (clang-16, -ffreestanding -nostdlibinc).
 *
 * Little-endian; the headers clang ships (stddef, stdint, limits) are used,
 * those it does not (inttypes, unistd, ctype) are replaced by lwIP's own
 * definitions. Diagnostics and failed assertions go to inet's log
 * (servers/inet/lwip_platform.cpp: inet_port_log, inet_port_assert); a failed
 * assertion ends inet, and rs restarts it.
 */
#ifndef NEURATH_INET_ARCH_CC_H
#define NEURATH_INET_ARCH_CC_H

#define BYTE_ORDER LITTLE_ENDIAN

#define LWIP_NO_INTTYPES_H 1
#define LWIP_NO_UNISTD_H 1
#define LWIP_NO_CTYPE_H 1
#define SSIZE_MAX 0x7fffffffffffffffL
typedef long ssize_t;

#define X8_F "02x"
#define U16_F "u"
#define S16_F "d"
#define X16_F "x"
#define U32_F "u"
#define S32_F "d"
#define X32_F "x"
#define SZT_F "lu"

#define LWIP_ERR_T int

#ifdef __cplusplus
extern "C" {
#endif
void inet_port_log(const char* text);
void inet_port_assert(const char* message, const char* file, int line) __attribute__((noreturn));
#ifdef __cplusplus
}
#endif

#define LWIP_PLATFORM_DIAG(x) do { (void)0; } while (0)
#define LWIP_PLATFORM_ASSERT(x) inet_port_assert((x), __FILE__, __LINE__)

#endif
