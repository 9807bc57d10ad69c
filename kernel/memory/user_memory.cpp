// user_memory.cpp — validated copies between kernel and user memory and
// between two user address spaces (see user_memory.h).
//
// Entry points: check_user_range, copy_from_user, copy_to_user,
// copy_between_spaces, user_object_alias.
#include "memory/user_memory.h"

#include "core/string.h"
#include "memory/paging.h"
#include "memory/physical_memory.h"

namespace kernel {
namespace {

uint64_t bytes_to_page_end(uint64_t address) { return kPageSize - (address & (kPageSize - 1)); }
uint64_t min_of(uint64_t a, uint64_t b) { return a < b ? a : b; }
bool within_one_page(uint64_t address, uint64_t length) { return length <= bytes_to_page_end(address); }

}  // namespace

Result<void> check_user_range(const AddressSpace& space, uint64_t address, uint64_t length, Access access) {
    if (length == 0) return {};
    if (!is_user_range(address, length)) return Error::BadAddress;
    for (uint64_t page = page_round_down(address); page < address + length; page += kPageSize) {
        TRY(space.translate(page, access));
    }
    return {};
}

Result<uint8_t*> user_object_alias(const AddressSpace& space, uint64_t address, uint64_t length, Access access) {
    if (length == 0 || !within_one_page(address, length)) {
        TRY(check_user_range(space, address, length, access));
        return static_cast<uint8_t*>(nullptr);
    }
    uint64_t physical = TRY(space.translate(address, access));
    if (!is_user_range(address, length)) return Error::BadAddress;
    return phys_to_virt(physical);
}

Result<void> copy_from_user(const AddressSpace& space, void* destination, uint64_t source, uint64_t length) {
    if (length == 0) return {};
    if (within_one_page(source, length)) {  // fast path: one walk validates and translates
        uint64_t physical = TRY(space.translate(source, Access::Read));
        if (!is_user_range(source, length)) return Error::BadAddress;
        copy_bytes(destination, phys_to_virt(physical), length);
        return {};
    }
    TRY(check_user_range(space, source, length, Access::Read));
    auto* out = static_cast<uint8_t*>(destination);
    while (length > 0) {
        uint64_t chunk = min_of(length, bytes_to_page_end(source));
        uint64_t physical = TRY(space.translate(source, Access::Read));
        copy_bytes(out, phys_to_virt(physical), chunk);
        out += chunk;
        source += chunk;
        length -= chunk;
    }
    return {};
}

Result<void> copy_to_user(const AddressSpace& space, uint64_t destination, const void* source, uint64_t length) {
    if (length == 0) return {};
    if (within_one_page(destination, length)) {
        uint64_t physical = TRY(space.translate(destination, Access::Write));
        if (!is_user_range(destination, length)) return Error::BadAddress;
        copy_bytes(phys_to_virt(physical), source, length);
        return {};
    }
    TRY(check_user_range(space, destination, length, Access::Write));
    auto* in = static_cast<const uint8_t*>(source);
    while (length > 0) {
        uint64_t chunk = min_of(length, bytes_to_page_end(destination));
        uint64_t physical = TRY(space.translate(destination, Access::Write));
        copy_bytes(phys_to_virt(physical), in, chunk);
        in += chunk;
        destination += chunk;
        length -= chunk;
    }
    return {};
}

Result<void> copy_between_spaces(const AddressSpace& to_space, uint64_t to, const AddressSpace& from_space,
                                 uint64_t from, uint64_t length) {
    TRY(check_user_range(from_space, from, length, Access::Read));
    TRY(check_user_range(to_space, to, length, Access::Write));
    while (length > 0) {
        uint64_t chunk = min_of(length, min_of(bytes_to_page_end(from), bytes_to_page_end(to)));
        uint64_t source = TRY(from_space.translate(from, Access::Read));
        uint64_t destination = TRY(to_space.translate(to, Access::Write));
        copy_bytes(phys_to_virt(destination), phys_to_virt(source), chunk);
        from += chunk;
        to += chunk;
        length -= chunk;
    }
    return {};
}

}  // namespace kernel
