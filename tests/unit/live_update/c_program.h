/* c_program.h — the program interface (program.h) for test programs written
 * in C, which the lu.* annotations need (clang accepts btf_decl_tag in C
 * only). c_program_adapter.cpp maps it onto test_program::. */
#ifndef LIVE_UPDATE_C_PROGRAM_H
#define LIVE_UPDATE_C_PROGRAM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#define LU_RENAMED_FROM(old)
#define LU_DEFAULT(value)
#else
#define LU_RENAMED_FROM(old) __attribute__((btf_decl_tag("lu.renamed_from=" old)))
#define LU_DEFAULT(value) __attribute__((btf_decl_tag("lu.default=" value)))
#endif

void program_workload(int phase);
void program_scenario(const char* name);
/* Write the digest into `out` (NUL-terminated, truncated to `capacity`). */
void program_digest(char* out, size_t capacity);

#ifdef __cplusplus
}
#endif

#endif
