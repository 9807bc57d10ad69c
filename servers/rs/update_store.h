// update_store.h — what rs keeps across live updates: the binary each
// updated program runs now (restarts after a crash start it, not the boot
// version), the binaries it ran before (for `update --undo`, newest last),
// and the history of every update since boot (`updates`).
//
// Entry points: rs::UpdateStore::{current, commit, previous, pop_previous,
// record, history_count, history_at}.
#pragma once

#include <protocol/rs.h>

#include "update_binary.h"

namespace rs {

inline constexpr size_t kMaxKeptPrograms = 16;
inline constexpr size_t kUndoDepth = 4;
inline constexpr size_t kMaxHistory = 64;

class UpdateStore {
public:
    // The binary `name` runs after its last committed update, or nullptr.
    const Binary* current(const char* name) const;
    // The binary it ran before that, or nullptr.
    const Binary* previous(const char* name) const;

    // A committed update of `name` from `old_binary` to `new_binary`: both
    // are rs heap copies, owned here from now on (the old one may be empty
    // when it is not known). With `undo`, the previous binary is consumed
    // instead of remembering the old one.
    void commit(const char* name, Binary new_binary, Binary old_binary, bool undo);

    void record(const protocol::rs::UpdateRecord& record);
    uint32_t history_count() const { return history_count_; }
    uint32_t history_total() const { return history_total_; }
    // Oldest first among the kept records.
    const protocol::rs::UpdateRecord& history_at(uint32_t index) const;

private:
    struct Kept {
        char name[neurath::kNameLength];
        Binary current;
        Binary previous[kUndoDepth];
        uint32_t previous_count;
    };
    Kept* find(const char* name);
    const Kept* find(const char* name) const;
    Kept* find_or_add(const char* name);

    Kept kept_[kMaxKeptPrograms] = {};
    uint32_t kept_count_ = 0;
    protocol::rs::UpdateRecord history_[kMaxHistory] = {};
    uint32_t history_count_ = 0;
    uint32_t history_total_ = 0;
};

}  // namespace rs
