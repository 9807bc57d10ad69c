// relocation_map.cpp — sorting and searching relocation entries.
//
// Entry points: RelocationMap::seal, RelocationMap::find.
#include <libupdate/relocation_map.h>

namespace libupdate {

Result<void> RelocationMap::seal() {
    heap_sort(entries_.begin(), entries_.size(), [](const RelocationEntry& e) { return e.source_start; });
    for (size_t i = 1; i < entries_.size(); ++i) {
        const RelocationEntry& previous = entries_[i - 1];
        if (previous.source_start + previous.source_size > entries_[i].source_start) {
            UpdateError error;
            error.code = neurath::Error::BadExecutable;
            TextBuilder(error.text, kErrorTextSize)
                .add("corrupted old state: objects overlap at ")
                .add_hex(entries_[i].source_start);
            return error;
        }
    }
    return {};
}

const RelocationEntry* RelocationMap::find(uint64_t address) const {
    size_t low = 0, high = entries_.size();
    while (low < high) {  // first entry starting after `address`
        size_t middle = (low + high) / 2;
        if (entries_[middle].source_start <= address) low = middle + 1;
        else high = middle;
    }
    if (low == 0) return nullptr;
    const RelocationEntry& candidate = entries_[low - 1];
    if (address < candidate.source_start + candidate.source_size) return &candidate;
    if (address == candidate.source_start + candidate.source_size) return &candidate;
    return nullptr;
}

}  // namespace libupdate
