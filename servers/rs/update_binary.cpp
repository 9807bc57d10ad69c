// update_binary.cpp — reading and validating the binary of a live update
// (see update_binary.h).
#include "update_binary.h"

#include <neurath/version.h>
#include <sys/cstring.h>
#include <sys/elf_sections.h>
#include <sys/format.h>
#include <sys/heap.h>
#include <sys/vfs_client.h>

namespace rs {
namespace {

using neurath::Error;

constexpr char kMetadataSection[] = "lu_modules";
constexpr char kIdentitySection[] = ".neurath_identity";

Result<void> refuse(Error error, char* why, size_t capacity, const char* pattern, const char* a, const char* b = "",
                    const char* c = "") {
    sys::format(why, capacity, pattern, a, b, c);
    return error;
}

}  // namespace

Result<void> validate_update_binary(const uint8_t* data, size_t length, const char* path, const char* program,
                                    char* why, size_t why_capacity) {
    auto metadata = sys::find_elf_section(data, length, kMetadataSection);
    if (metadata.is_error() && metadata.error() == Error::BadExecutable)
        return refuse(Error::BadExecutable, why, why_capacity, "%s: not a valid executable", path);
    if (metadata.is_error() || metadata.value().size == 0)
        return refuse(Error::BadExecutable, why, why_capacity,
                      "%s: no update metadata (not built with the instrumentation pass)", path);
    auto identity = sys::find_elf_section(data, length, kIdentitySection);
    if (identity.is_error() || identity.value().data == nullptr || identity.value().size == 0)
        return refuse(Error::BadExecutable, why, why_capacity, "%s: no program identity; cannot tell what it is a version of",
                      path);
    char built_as[32] = {};
    const size_t name_length = identity.value().size < sizeof built_as ? identity.value().size : sizeof built_as - 1;
    sys::str::memcpy(built_as, identity.value().data, name_length);
    if (sys::str::strcmp(built_as, program) != 0)
        return refuse(Error::InvalidArgument, why, why_capacity, "%s is a build of '%s', not of '%s'", path, built_as,
                      program);
    return {};
}

Result<Binary> load_update_binary(const char* path, const char* program, char* why, size_t why_capacity) {
    size_t length = 0;
    auto read = sys::vfs::read_whole_file(path, &length);
    if (read.is_error()) {
        sys::format(why, why_capacity, "%s: %s", path, neurath::error_name(read.error()));
        return read.error();
    }
    Binary binary{read.value(), length, neurath::image_version(read.value(), length)};
    Result<void> valid = validate_update_binary(binary.data, binary.length, path, program, why, why_capacity);
    if (valid.is_error()) {
        release_binary(binary);
        return valid.error();
    }
    return binary;
}

// A binary is data: live update copies it unscanned (LU_SITE_DATA).
[[clang::annotate("neurath.data_allocation")]] Result<Binary> copy_binary(const uint8_t* data, size_t length) {
    auto* copy = static_cast<uint8_t*>(malloc(length ? length : 1));
    if (!copy) return Error::NoMemory;
    sys::str::memcpy(copy, data, length);
    return Binary{copy, length, neurath::image_version(data, length)};
}

void release_binary(Binary& binary) {
    free(binary.data);
    binary = Binary{};
}

}  // namespace rs
