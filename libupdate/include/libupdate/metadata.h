/* metadata.h — the state-metadata format emitted by the Neurath LLVM pass
 * (llvm-pass/) and read by the live-update runtime (libupdate/).
 *
 * This header is the contract between the two. It is plain C with a fixed
 * layout (LP64: x86_64 host and target), usable from freestanding code, C and
 * C++. Published version: LU_METADATA_VERSION 1. It only ever changes
 * additively: new kinds, flags and enum values may appear, existing members
 * never move or change meaning.
 *
 * Entry points
 *   - Data: every translation unit compiled with the pass contributes ONE
 *     `struct lu_module` (below). A pointer to it is placed in the ELF section
 *     LU_MODULES_SECTION ("lu_modules"). The per-program metadata root is that
 *     section: the linker defines `__start_lu_modules` / `__stop_lu_modules`
 *     around the array of `const struct lu_module*`. Declare them weak in the
 *     runtime (a program with no instrumented unit has neither):
 *         extern const struct lu_module* const __start_lu_modules[]
 *             __attribute__((weak, visibility("hidden")));
 *         extern const struct lu_module* const __stop_lu_modules[]
 *             __attribute__((weak, visibility("hidden")));
 *     Entries are never NULL; order is link order. The pass also keeps every
 *     table alive (llvm.used), so --gc-sections does not drop them.
 *   - Code: the instrumented program calls the functions declared at the end
 *     of this file (__lu_alloc, __lu_free, __lu_quiescent_enter, ...); the
 *     runtime implements them.
 *
 * General rules
 *   - All tables are read-only, emitted as constants. Every `const char*` is
 *     a NUL-terminated string, never NULL (empty string "" when absent).
 *   - Type references are direct pointers `const struct lu_type*` into the
 *     type table of the SAME module; they are never NULL unless a member's
 *     comment says so. Two modules describing the same source type emit two
 *     records; match them by (kind, name, size).
 *   - Names are source names taken from debug info (-g), so they survive
 *     between versions: qualified with C++ namespaces/classes ("ns::Cls"),
 *     function-local statics as "function::variable". Without debug info the
 *     pass still emits tables, with LU_MODULE_NO_DEBUG_INFO set and types of
 *     kind LU_KIND_UNKNOWN (sized from the IR).
 *   - Annotations written in the program's source, carried through debug
 *     info with clang's btf_decl_tag attribute:
 *       __attribute__((btf_decl_tag("lu.renamed_from=<old name>")))
 *           on a struct/union/enum, global variable or field: the name it had
 *           in the previous version (fills `renamed_from`).
 *       __attribute__((btf_decl_tag("lu.default=<text>")))
 *           on a field: value for the field when it is added by an update
 *           (fills lu_field.default_value; the runtime parses the text as an
 *           integer/float/enumerator name of the field's type).
 *       __attribute__((btf_decl_tag("lu.no_transfer")))
 *           on a global or field: do not transfer, keep the new version's
 *           initial value (sets LU_GLOBAL_NO_TRANSFER / LU_FIELD_NO_TRANSFER).
 */
#ifndef LIBUPDATE_METADATA_H
#define LIBUPDATE_METADATA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LU_METADATA_MAGIC 0x444D554Cu /* "LUMD" little-endian */
#define LU_METADATA_VERSION 1u
#define LU_MODULES_SECTION "lu_modules"

/* ------------------------------------------------------------------ types */

/* Kind of a type record. Closed per version; new kinds are only appended. */
enum lu_type_kind {
    LU_KIND_UNKNOWN = 0,          /* opaque / not describable; `size` may be 0 */
    LU_KIND_VOID = 1,             /* `void`, only as a pointee; size 0 */
    LU_KIND_INTEGER = 2,          /* size 1,2,4,8,16; LU_TYPE_SIGNED/BOOL/CHAR */
    LU_KIND_FLOAT = 3,            /* size 4, 8, 16 (x87 long double: 10 used) */
    LU_KIND_POINTER = 4,          /* data pointer; `target` = pointee */
    LU_KIND_ARRAY = 5,            /* `target` = element, `count` = elements */
    LU_KIND_STRUCT = 6,           /* struct or class; `fields`, `count` */
    LU_KIND_UNION = 7,            /* `fields` (all at offset 0), `count` */
    LU_KIND_ENUM = 8,             /* `target` = underlying integer type,
                                     `enumerators`, `count` */
    LU_KIND_FUNCTION_POINTER = 9, /* pointer to code; remap by symbol name */
    LU_KIND_C_STRING = 10,        /* char* known to be a NUL-terminated string;
                                     `target` = the char type */
    LU_KIND_VTABLE_POINTER = 11   /* C++ vptr (artificial field); points into a
                                     vtable symbol of lu_symbol table */
};

/* lu_type.flags */
#define LU_TYPE_SIGNED 0x1u      /* integer/enum: signed */
#define LU_TYPE_BOOL 0x2u        /* integer: C/C++ bool (values 0/1) */
#define LU_TYPE_CHAR 0x4u        /* integer: a character type */
#define LU_TYPE_CONST 0x8u       /* pointer: pointee is const-qualified */
#define LU_TYPE_REFERENCE 0x10u  /* pointer: a C++ reference (T& / T&&) */
#define LU_TYPE_FLEXIBLE 0x20u   /* array: unknown bound (T[] / T[0]); count 0 */
#define LU_TYPE_IMPRECISE 0x40u  /* listed in the limits report (may hold
                                    pointers the metadata cannot see) */
#define LU_TYPE_HAS_POINTERS 0x80u /* contains a pointer, C string, function or
                                      vtable pointer somewhere inside */
#define LU_TYPE_INCOMPLETE 0x100u  /* forward-declared only; fields unknown */
#define LU_TYPE_CLASS 0x200u     /* struct kind declared as C++ class */

struct lu_type;

/* One field of a struct/class or one member of a union. */
struct lu_field {
    const char* name;          /* source name; base class subobjects use the
                                  base's type name; anonymous members "" */
    const char* renamed_from;  /* from lu.renamed_from, or "" */
    const char* default_value; /* from lu.default, or "" */
    const struct lu_type* type;
    uint64_t offset;           /* byte offset inside the aggregate; for a
                                  bit-field: offset of the byte holding bit 0 */
    uint32_t bit_offset;       /* bit-field: first bit within `offset` byte
                                  storage (0..7+), else 0 */
    uint32_t bit_size;         /* bit-field: width in bits; 0 = not a bit-field */
    uint32_t flags;            /* LU_FIELD_* */
    uint32_t reserved;         /* 0 */
};

/* lu_field.flags */
#define LU_FIELD_BASE 0x1u        /* C++ base-class subobject */
#define LU_FIELD_ARTIFICIAL 0x2u  /* compiler-generated (e.g. vptr) */
#define LU_FIELD_NO_TRANSFER 0x4u /* lu.no_transfer annotation */
#define LU_FIELD_STATIC 0x8u      /* never emitted (static members are globals) */

/* One enumerator of an enum. */
struct lu_enumerator {
    const char* name;
    int64_t value;             /* unsigned enums: the value's bits, cast */
};

/* A type. `target`, `fields`, `enumerators` are NULL when unused by the kind. */
struct lu_type {
    const char* name;          /* qualified source name: "node", "ns::Cls",
                                  "int", "unsigned long", "char*"; anonymous
                                  aggregates get "" */
    const char* renamed_from;  /* from lu.renamed_from, or "" */
    uint64_t size;             /* bytes (sizeof) */
    uint32_t kind;             /* enum lu_type_kind */
    uint32_t flags;            /* LU_TYPE_* */
    uint32_t align;            /* bytes; 0 if unknown */
    uint32_t reserved;         /* 0 */
    const struct lu_type* target;           /* see lu_type_kind */
    uint64_t count;            /* array: elements; struct/union: fields;
                                  enum: enumerators; else 0 */
    const struct lu_field* fields;          /* struct/union: `count` fields,
                                               in declaration order */
    const struct lu_enumerator* enumerators; /* enum: `count` entries */
};

/* -------------------------------------------------------------- globals */

/* lu_global.flags */
#define LU_GLOBAL_CONST 0x1u        /* read-only: never transferred */
#define LU_GLOBAL_INTERNAL 0x2u     /* file-static (internal linkage) */
#define LU_GLOBAL_LOCAL_STATIC 0x4u /* function-local static */
#define LU_GLOBAL_THREAD_LOCAL 0x8u /* TLS: `address` is NULL (not transferred) */
#define LU_GLOBAL_IMPRECISE 0x10u   /* listed in the limits report */
#define LU_GLOBAL_NO_TRANSFER 0x20u /* lu.no_transfer annotation */
#define LU_GLOBAL_NO_DEBUG_INFO 0x40u /* type derived from IR only (UNKNOWN) */

/* A global or static variable defined in this module. C++ inline/template
 * variables (linkonce) may be listed by several modules with the same
 * `address`: they are one variable. String literals are not listed. */
struct lu_global {
    const char* name;          /* qualified source name ("counter",
                                  "ns::table", "handle_open::calls") */
    const char* symbol;        /* linker symbol name (may be a local symbol) */
    const char* renamed_from;  /* from lu.renamed_from, or "" */
    void* address;             /* run-time address of the variable */
    uint64_t size;             /* bytes */
    const struct lu_type* type;
    uint32_t flags;            /* LU_GLOBAL_* */
    uint32_t reserved;         /* 0 */
};

/* -------------------------------------------------------------- symbols */

/* lu_symbol.kind */
#define LU_SYMBOL_FUNCTION 1u
#define LU_SYMBOL_VTABLE 2u

/* A code or vtable address, so function and vtable pointers can be remapped
 * between versions by name: an old pointer P maps to the symbol S with
 * S.address <= P < S.address + max(S.size, 1), and becomes
 * new(S).address + (P - S.address). Emitted for every function defined in
 * the module (declarations are omitted) and every vtable it defines. */
struct lu_symbol {
    const char* name;          /* linker (mangled) name: unique per program
                                  for external symbols; internal ones are
                                  disambiguated by module source_file */
    const void* address;
    uint64_t size;             /* bytes; 0 for functions (unknown) */
    uint32_t kind;             /* LU_SYMBOL_* */
    uint32_t flags;            /* 1 = internal linkage */
};

/* ------------------------------------------------------- allocation sites */

/* lu_alloc_site.allocator and the `how` argument of __lu_alloc/__lu_free. */
enum lu_allocator {
    LU_ALLOC_MALLOC = 1,       /* malloc (aligned_alloc, posix_memalign, aligned
                                  operator new are NOT rewritten: reported as
                                  untracked in the limits report) */
    LU_ALLOC_CALLOC = 2,       /* calloc: memory zeroed */
    LU_ALLOC_REALLOC = 3,      /* realloc */
    LU_ALLOC_NEW = 4,          /* C++ operator new */
    LU_ALLOC_NEW_ARRAY = 5,    /* C++ operator new[] */
    LU_ALLOC_CUSTOM = 6,       /* project allocator: registered afterwards
                                  with __lu_heap_register */
    LU_ALLOC_STRDUP = 7        /* strdup/strndup: a C string */
};

/* lu_alloc_site.flags: how the allocated type was found. */
#define LU_SITE_TYPE_HEAPALLOCSITE 0x1u /* clang's !heapallocsite (C++ new) */
#define LU_SITE_TYPE_STORE 0x2u   /* debug type of the variable/field the
                                     result is stored into */
#define LU_SITE_TYPE_CAST 0x4u    /* from a cast/GEP/use of the result */
#define LU_SITE_TYPE_UNKNOWN 0x8u /* not inferred: `type` is LU_KIND_UNKNOWN */
#define LU_SITE_ARRAY 0x10u       /* size is a multiple of the type (n * T) */
#define LU_SITE_NOTHROW 0x20u     /* operator new(std::nothrow) */
#define LU_SITE_WRAPPER 0x40u     /* a call of an allocator wrapper: the object
                                     it returns is retyped to this site */
#define LU_SITE_DATA 0x80u        /* in a function whose byte buffers hold data
                                     only (annotate("neurath.data_allocation"),
                                     -lu-data-allocation): copied unscanned */

/* One static allocation call in the program. An object allocated there is
 * an array of size / type->size elements of `type` (1 if equal). */
struct lu_alloc_site {
    uint64_t id;               /* stable id: FNV-1a 64 of
                                  "<function>|<type name>|<n>", n = ordinal of
                                  this (function, type) pair in the function;
                                  equal across versions when the function
                                  still allocates that type in that order */
    const char* function;      /* enclosing function, qualified source name */
    const char* file;          /* source file of the call */
    uint32_t line;             /* 0 if unknown */
    uint32_t allocator;        /* enum lu_allocator */
    const struct lu_type* type; /* allocated type (kind UNKNOWN if unknown) */
    const char* allocator_name; /* callee as written: "malloc", "_Znwm",
                                   "pool_alloc", ... */
    uint32_t flags;            /* LU_SITE_* */
    uint32_t reserved;         /* 0 */
};

/* ------------------------------------------------------ quiescent points */

/* One call of the server framework's receive (the top of an event loop).
 * The pass brackets the call with __lu_quiescent_enter / _leave. */
struct lu_quiescent_point {
    uint64_t id;               /* FNV-1a 64 of "<function>|<callee>|<n>" */
    const char* function;      /* enclosing function, qualified source name */
    const char* callee;        /* receive function's linker name */
    const char* file;
    uint32_t line;             /* 0 if unknown */
    uint32_t reserved;         /* 0 */
};

/* ---------------------------------------------------------------- module */

/* lu_module.flags */
#define LU_MODULE_NO_DEBUG_INFO 0x1u /* compiled without -g: names/types poor */

/* The metadata of one translation unit. */
struct lu_module {
    uint32_t magic;            /* LU_METADATA_MAGIC */
    uint32_t version;          /* LU_METADATA_VERSION */
    const char* source_file;   /* main source file as given to the compiler */
    uint32_t flags;            /* LU_MODULE_* */
    uint32_t reserved;         /* 0 */
    const struct lu_type* types;
    uint64_t type_count;
    const struct lu_global* globals;
    uint64_t global_count;
    const struct lu_symbol* symbols;
    uint64_t symbol_count;
    const struct lu_alloc_site* alloc_sites;
    uint64_t alloc_site_count;
    const struct lu_quiescent_point* quiescent_points;
    uint64_t quiescent_point_count;
};

/* ------------------------------------------- calls the pass inserts
 *
 * Implemented by libupdate. Allocation rewriting (the pass replaces the
 * call, keeping call/invoke and exception edges):
 *   malloc(n)                 -> __lu_alloc(n, site, LU_ALLOC_MALLOC)
 *   calloc(k, n)              -> __lu_calloc(k, n, site)
 *   realloc(p, n)             -> __lu_realloc(p, n, site)
 *   reallocarray(p, k, n)     -> __lu_realloc(p, k * n or SIZE_MAX on overflow, site)
 *   strdup(s) / strndup(s, n) -> __lu_strdup(s, site) / __lu_strndup(s, n, site)
 *   free(p)                   -> __lu_free(p, LU_ALLOC_MALLOC)
 *   operator new(n)           -> __lu_alloc(n, site, LU_ALLOC_NEW)
 *   operator new[](n)         -> __lu_alloc(n, site, LU_ALLOC_NEW_ARRAY)
 *   operator new(n, nothrow)  -> __lu_alloc(n, site, LU_ALLOC_NEW | LU_ALLOC_NOTHROW_BIT)
 *   operator delete(p[, n])   -> __lu_free(p, LU_ALLOC_NEW)
 *   operator delete[](p[, n]) -> __lu_free(p, LU_ALLOC_NEW_ARRAY)
 *   project allocator p = f(...)  -> unchanged call, then
 *                                    __lu_heap_register(p, size, site)
 *   project deallocator g(p, ...) -> __lu_heap_unregister(p), then the call
 *   allocator wrapper p = w(...)  -> unchanged call, then
 *                                    __lu_heap_retype(p, site)  (site: the
 *                                    type the caller gives the result)
 *
 * Contract for the runtime:
 *   - __lu_alloc returns memory aligned to 16 (as malloc), or NULL on failure
 *     for MALLOC and nothrow; for NEW/NEW_ARRAY without the nothrow bit it must
 *     not return NULL (host: throw std::bad_alloc like operator new; target:
 *     abort).
 *   - __lu_free, __lu_realloc accept NULL and pointers that did NOT come from
 *     __lu_alloc (e.g. strdup/getline inside an uninstrumented library) and
 *     hand those to the system free/realloc untracked.
 *   - site is never NULL for calls emitted by the pass.
 *   - Calls inside libstdc++'s std::string members are NOT rewritten (they
 *     also run inside libstdc++.so, which frees with the system allocator),
 *     so std::string heap buffers are untracked memory; everything else the
 *     program allocates through the calls above is tracked.
 *   - C library calls that realloc/measure a block themselves (getline,
 *     getdelim, malloc_usable_size) bypass the runtime; the pass lists them
 *     in the limits report ("heap-aware-library-call").
 * ------------------------------------------------------------------------- */

#define LU_ALLOC_NOTHROW_BIT 0x100u /* or-ed into `how` of __lu_alloc */

void* __lu_alloc(size_t size, const struct lu_alloc_site* site, uint32_t how);
void* __lu_calloc(size_t count, size_t size, const struct lu_alloc_site* site);
void* __lu_realloc(void* ptr, size_t size, const struct lu_alloc_site* site);
char* __lu_strdup(const char* str, const struct lu_alloc_site* site);
char* __lu_strndup(const char* str, size_t max, const struct lu_alloc_site* site);
void __lu_free(void* ptr, uint32_t how);

/* Project allocators: objects the runtime did not allocate itself. */
void __lu_heap_register(void* ptr, size_t size, const struct lu_alloc_site* site);
void __lu_heap_unregister(void* ptr);
/* Allocator wrappers: the object at `ptr` (allocated inside the wrapper,
 * through a site that cannot know its type) takes `site`, whose type the
 * wrapper's call site gives it. Ignored for pointers the runtime did not
 * allocate and for types larger than the object. */
void __lu_heap_retype(void* ptr, const struct lu_alloc_site* site);

/* Quiescent points: _enter runs just before the receive call, _leave just
 * after it returns (on the normal path). The runtime may park the caller in
 * _enter (update pending + state filter true) and never return from it in
 * the old version. */
void __lu_quiescent_enter(const struct lu_quiescent_point* point);
void __lu_quiescent_leave(const struct lu_quiescent_point* point);

#ifdef __cplusplus
} /* extern "C" */
#endif

/* Layout is part of the contract (LP64). */
#if defined(__cplusplus)
#define LU_STATIC_ASSERT static_assert
#else
#define LU_STATIC_ASSERT _Static_assert
#endif
LU_STATIC_ASSERT(sizeof(void*) == 8, "metadata layout assumes LP64");
LU_STATIC_ASSERT(sizeof(struct lu_field) == 56, "lu_field layout");
LU_STATIC_ASSERT(sizeof(struct lu_enumerator) == 16, "lu_enumerator layout");
LU_STATIC_ASSERT(sizeof(struct lu_type) == 72, "lu_type layout");
LU_STATIC_ASSERT(sizeof(struct lu_global) == 56, "lu_global layout");
LU_STATIC_ASSERT(sizeof(struct lu_symbol) == 32, "lu_symbol layout");
LU_STATIC_ASSERT(sizeof(struct lu_alloc_site) == 56, "lu_alloc_site layout");
LU_STATIC_ASSERT(sizeof(struct lu_quiescent_point) == 40, "lu_quiescent_point layout");
LU_STATIC_ASSERT(sizeof(struct lu_module) == 104, "lu_module layout");
#undef LU_STATIC_ASSERT

#endif /* LIBUPDATE_METADATA_H */
