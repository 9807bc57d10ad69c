// relocation_map.cpp — sorting and searching relocation entries.
//
// Entry points: RelocationMap::seal, RelocationMap::find, radix_sort.
#include <libupdate/relocation_map.h>

namespace libupdate {

Result<void> RelocationMap::seal() {
    if (!sort_by_key(entries_, [](const RelocationEntry& e) { return e.source_start; }))
        return make_error(neurath::Error::NoMemory, "out of memory sorting the relocation map");
    for (size_t i = 1; i < entries_.size(); ++i) {
        const RelocationEntry& previous = entries_[i - 1];
        if (previous.source_start + previous.source_size > entries_[i].source_start) {
            UpdateError error;
            error.code = neurath::Error::BadExecutable;
            auto kind = [](RelocationKind k) {
                return k == RelocationKind::Global ? "global" : k == RelocationKind::HeapObject ? "heap object" : "string";
            };
            TextBuilder(error.text, kErrorTextSize)
                .add("corrupted old state: objects overlap at ")
                .add_hex(entries_[i].source_start)
                .add(" (")
                .add(kind(previous.kind))
                .add(" of ")
                .add_unsigned(previous.source_size)
                .add(" bytes at ")
                .add_hex(previous.source_start)
                .add(", ")
                .add(kind(entries_[i].kind))
                .add(" of ")
                .add_unsigned(entries_[i].source_size)
                .add(" bytes)");
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

bool radix_sort(Vector<SortKey>& keys) {
    Vector<SortKey> scratch;
    Vector<uint32_t> counts;
    if (!scratch.resize(keys.size()) || !counts.resize(65536)) return false;
    for (unsigned shift = 0; shift < 64; shift += 16) {
        platform_fill(counts.begin(), 0, 65536 * sizeof(uint32_t));
        for (const SortKey& k : keys) ++counts[(k.key >> shift) & 0xffff];
        if (counts[(keys[0].key >> shift) & 0xffff] == keys.size()) continue;  // one digit: nothing to do
        uint32_t total = 0;
        for (uint32_t& c : counts) {
            uint32_t n = c;
            c = total;
            total += n;
        }
        for (const SortKey& k : keys) scratch[counts[(k.key >> shift) & 0xffff]++] = k;
        platform_copy(keys.begin(), scratch.begin(), keys.size() * sizeof(SortKey));
    }
    return true;
}

}  // namespace libupdate
