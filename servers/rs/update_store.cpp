// update_store.cpp — kept binaries and update history (see update_store.h).
#include "update_store.h"

#include <sys/cstring.h>

namespace rs {

const UpdateStore::Kept* UpdateStore::find(const char* name) const {
    for (uint32_t i = 0; i < kept_count_; ++i)
        if (sys::str::strcmp(kept_[i].name, name) == 0) return &kept_[i];
    return nullptr;
}

UpdateStore::Kept* UpdateStore::find(const char* name) {
    return const_cast<Kept*>(static_cast<const UpdateStore*>(this)->find(name));
}

UpdateStore::Kept* UpdateStore::find_or_add(const char* name) {
    if (Kept* kept = find(name)) return kept;
    if (kept_count_ == kMaxKeptPrograms) return nullptr;
    Kept& kept = kept_[kept_count_++];
    kept = Kept{};
    sys::str::strlcpy(kept.name, name, sizeof kept.name);
    return &kept;
}

const Binary* UpdateStore::current(const char* name) const {
    const Kept* kept = find(name);
    return kept && kept->current.data ? &kept->current : nullptr;
}

const Binary* UpdateStore::previous(const char* name) const {
    const Kept* kept = find(name);
    return kept && kept->previous_count ? &kept->previous[kept->previous_count - 1] : nullptr;
}

void UpdateStore::commit(const char* name, Binary new_binary, Binary old_binary, bool undo) {
    Kept* kept = find_or_add(name);
    if (!kept) {  // more updated programs than rs keeps: run, but without restart/undo copies
        release_binary(new_binary);
        release_binary(old_binary);
        return;
    }
    if (undo && kept->previous_count) {
        release_binary(kept->previous[--kept->previous_count]);
        release_binary(old_binary);
    } else if (old_binary.data) {
        if (kept->previous_count == kUndoDepth) {
            release_binary(kept->previous[0]);
            for (size_t i = 1; i < kUndoDepth; ++i) kept->previous[i - 1] = kept->previous[i];
            --kept->previous_count;
        }
        kept->previous[kept->previous_count++] = old_binary;
    }
    release_binary(kept->current);
    kept->current = new_binary;
}

void UpdateStore::record(const protocol::rs::UpdateRecord& record) {
    if (history_count_ == kMaxHistory) {
        for (size_t i = 1; i < kMaxHistory; ++i) history_[i - 1] = history_[i];
        --history_count_;
    }
    history_[history_count_++] = record;
    ++history_total_;
}

const protocol::rs::UpdateRecord& UpdateStore::history_at(uint32_t index) const { return history_[index]; }

}  // namespace rs
