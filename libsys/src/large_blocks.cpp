// large_blocks.cpp — sys::LargeBlocks: page-granular large allocations in
// their own region, returned to the kernel on free and shrink (see
// large_blocks.h for the layout and invariants).
#include <sys/large_blocks.h>
#include <sys/utility.h>

namespace sys {

struct LargeBlocks::Header {
    uint64_t tag;         // kMagic ^ the header's own address
    uint64_t length;      // bytes mapped for the block, header included (whole pages)
    Header* next;         // the next block by address
    Header* previous;

    static constexpr uint64_t kMagic = 0x4C61726765426C6BULL;  // "LargeBlk"
    uintptr_t address() const { return reinterpret_cast<uintptr_t>(this); }
    uintptr_t end() const { return address() + length; }
    void* payload() { return reinterpret_cast<uint8_t*>(this) + kLargeHeaderSize; }
    bool tagged() const { return tag == (kMagic ^ address()); }
};

namespace {
constexpr size_t kPage = 4096;
constexpr size_t kMaximumRequest = size_t{1} << 40;

size_t mapping_length(size_t size) { return align_up(size + kLargeHeaderSize, kPage); }
}  // namespace

LargeBlocks::LargeBlocks(uintptr_t base, uintptr_t limit, PageFunction map, PageFunction unmap, void* context)
    : base_(align_up(base, kPage)), limit_(limit & ~uintptr_t{kPage - 1}), map_(map), unmap_(unmap),
      context_(context) {}

bool LargeBlocks::in_region(const void* pointer) const {
    const auto address = reinterpret_cast<uintptr_t>(pointer);
    return enabled() && address >= base_ && address < limit_;
}

LargeBlocks::Header* LargeBlocks::find(const void* pointer) const {
    if (!in_region(pointer)) return nullptr;
    for (Header* header = first_; header; header = header->next) {
        if (header->payload() == pointer) return header;
        if (header->address() > reinterpret_cast<uintptr_t>(pointer)) return nullptr;
    }
    return nullptr;
}

// First gap of `length` bytes; `before` is the block the new one goes in front of (null: the end).
uintptr_t LargeBlocks::find_gap(size_t length, Header*& before) const {
    uintptr_t candidate = base_;
    for (before = first_; before; before = before->next) {
        if (before->address() - candidate >= length) return candidate;
        candidate = before->end();
    }
    return limit_ - candidate >= length ? candidate : 0;
}

uintptr_t LargeBlocks::room_after(const Header* header) const {
    return (header->next ? header->next->address() : limit_) - header->address();
}

void LargeBlocks::link(Header* header, Header* before) {
    header->next = before;
    if (before) {
        header->previous = before->previous;
        before->previous = header;
    } else {
        header->previous = nullptr;
        for (Header* last = first_; last; last = last->next) header->previous = last;
    }
    if (header->previous) header->previous->next = header;
    else first_ = header;
}

void LargeBlocks::unlink(Header* header) {
    if (header->previous) header->previous->next = header->next;
    else first_ = header->next;
    if (header->next) header->next->previous = header->previous;
}

void* LargeBlocks::allocate(size_t size) {
    if (!enabled() || size > kMaximumRequest) return nullptr;
    const size_t length = mapping_length(size);
    Header* before = nullptr;
    const uintptr_t address = find_gap(length, before);
    if (address == 0 || map_(context_, address, length).is_error()) return nullptr;
    auto* header = reinterpret_cast<Header*>(address);
    header->tag = Header::kMagic ^ address;
    header->length = length;
    link(header, before);
    mapped_bytes_ += length;
    ++live_blocks_;
    return header->payload();
}

bool LargeBlocks::release(void* pointer) {
    Header* header = find(pointer);
    if (header == nullptr || !header->tagged()) return false;
    const uintptr_t address = header->address();
    const size_t length = header->length;
    unlink(header);
    if (unmap_(context_, address, length).is_error()) {
        link(header, header->next);  // still mapped: keep it listed, as it was
        return false;
    }
    mapped_bytes_ -= length;
    --live_blocks_;
    return true;
}

bool LargeBlocks::resize(void* pointer, size_t size) {
    Header* header = find(pointer);
    if (header == nullptr || size > kMaximumRequest) return false;
    const size_t length = mapping_length(size);
    if (length == header->length) return true;
    if (length < header->length) {
        if (unmap_(context_, header->address() + length, header->length - length).is_error()) return false;
        mapped_bytes_ -= header->length - length;
    } else {
        if (length > room_after(header)) return false;
        if (map_(context_, header->end(), length - header->length).is_error()) return false;
        mapped_bytes_ += length - header->length;
    }
    header->length = length;
    return true;
}

bool LargeBlocks::owns_live(const void* pointer) const { return find(pointer) != nullptr; }

size_t LargeBlocks::usable_size(const void* pointer) const {
    const Header* header = find(pointer);
    return header ? header->length - kLargeHeaderSize : 0;
}

bool LargeBlocks::check_consistency() const {
    uintptr_t floor = base_;
    size_t mapped = 0, blocks = 0;
    const Header* previous = nullptr;
    for (const Header* header = first_; header; header = header->next) {
        if (header->address() < floor || header->address() % kPage != 0 || !header->tagged()) return false;
        if (header->length < kPage || header->length % kPage != 0 || header->length > limit_ - header->address()) {
            return false;
        }
        if (header->previous != previous) return false;
        floor = header->end();
        mapped += header->length;
        ++blocks;
        previous = header;
    }
    return mapped == mapped_bytes_ && blocks == live_blocks_;
}

}  // namespace sys
