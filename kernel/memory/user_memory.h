// user_memory.h — the only way the kernel touches user memory: typed user
// pointers that cannot be dereferenced, and copies that walk the owning
// space's page tables (present + user, + writable for writes) page by page.
//
// Entry points: UserPtr<T>, copy_from_user, copy_to_user, read_user,
// write_user, copy_between_spaces, user_object_alias.
// A bad pointer anywhere in the range returns -BadAddress; for copies into
// user memory, the whole range is validated before the first byte is written.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "core/result.h"
#include "memory/address_space.h"

namespace kernel {

template <typename T>
class UserPtr {
public:
    constexpr UserPtr() = default;
    constexpr explicit UserPtr(uint64_t address) : address_(address) {}
    constexpr uint64_t address() const { return address_; }
    constexpr bool is_null() const { return address_ == 0; }
    // A pointer to the element `count` positions further on (no dereference).
    constexpr UserPtr offset(uint64_t count) const { return UserPtr(address_ + count * sizeof(T)); }

private:
    uint64_t address_ = 0;
};

Result<void> check_user_range(const AddressSpace& space, uint64_t address, uint64_t length, Access access);
Result<void> copy_from_user(const AddressSpace& space, void* destination, uint64_t source, uint64_t length);
Result<void> copy_to_user(const AddressSpace& space, uint64_t destination, const void* source, uint64_t length);
Result<void> copy_between_spaces(const AddressSpace& to_space, uint64_t to, const AddressSpace& from_space,
                                 uint64_t from, uint64_t length);

// Validates [address, address+length) for `access` with one page walk when
// the range lies in one page and returns its kernel alias in the direct map;
// a range that spans pages is validated page by page and gives nullptr
// (callers then fall back to the copies above). A live process's mappings
// only ever grow (no call unmaps or narrows a page before the space is
// destroyed at death), so an alias stays valid while its owner lives.
Result<uint8_t*> user_object_alias(const AddressSpace& space, uint64_t address, uint64_t length, Access access);

template <typename T>
Result<T> read_user(const AddressSpace& space, UserPtr<T> pointer) {
    T value;
    TRY(copy_from_user(space, &value, pointer.address(), sizeof(T)));
    return value;
}

template <typename T>
Result<void> write_user(const AddressSpace& space, UserPtr<T> pointer, const T& value) {
    return copy_to_user(space, pointer.address(), &value, sizeof(T));
}

}  // namespace kernel
