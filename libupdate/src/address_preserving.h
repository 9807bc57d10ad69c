// address_preserving.h — address-preserving transfer (internal), as MCR
// does it: an old heap object that imprecise state (untyped objects, unions
// whose active member is unknown, bytes past the last element) may point to
// is re-created at the same address in the new version (pinned_heap.h), so
// the likely pointers to it stay valid without being rewritten. Such an
// object must keep its layout too, or a pointer into it would land on other
// bytes.
//
// PinPlan scans the old version's imprecise bytes, and its heap byte buffers
// not declared data (they may hold objects carved out of them), before any
// object is created, and marks every object a likely pointer targets.
// verify_imprecise_words() is the state check's part for the same bytes
// after the transfer: no word of them may still hold the address of an old
// object that moved, or of old code or globals that moved.
//
// Entry points: PinPlan (build, pinned), layouts_match, verify_imprecise_words.
#pragma once

#include <libupdate/relocation_map.h>
#include <libupdate/transfer.h>

namespace libupdate {

class PinPlan {
public:
    // Scan every imprecise byte of the old version's heap objects.
    Result<void> build(const ProgramModel& old_model, const MemoryReader& reader, const TransferOptions& options);
    bool pinned(uint32_t object) const { return object < marks_.size() && marks_[object]; }
    uint64_t likely_pointers() const { return likely_pointers_; }

private:
    static Result<void> visit(void* context, const uint8_t* bytes, uint64_t address, uint64_t size, const char* what,
                              const char* subject);
    uint32_t object_at(uint64_t address) const;
    void note(const char* why, const char* subject) const;

    const ProgramModel* model_ = nullptr;
    const TransferOptions* options_ = nullptr;
    const SiteRecord* site_ = nullptr;  // of the object being scanned
    Vector<uint32_t> by_address_;  // object indices sorted by address
    Vector<uint8_t> marks_;        // per old object: 1 = keeps its address
    uint64_t likely_pointers_ = 0;
};

// True when the object's allocating function is one of
// TransferHooks::untyped_allocations (the program says its type lies).
bool declared_untyped(const ProgramModel& model, const ObjectRecord& object, const TransferOptions& options);

// True when the bytes past an old object's last whole element are data: its
// allocating function is declared to allocate data (LU_SITE_DATA).
bool tail_is_data(const ProgramModel& model, const ObjectRecord& object);

// Whole elements of its site's type that an old object holds for the
// transfer (object_elements), zero when it travels untyped: its type is
// unknown, or it was allocated in one of TransferHooks::untyped_allocations.
uint64_t transfer_elements(const ProgramModel& model, const ObjectRecord& object, const TransferOptions& options);

// True when an old object is a heap buffer of raw bytes (unsigned char,
// uint8_t) to be scanned: it may hold objects carved out of it. False for
// text (char), for buffers allocated in a function declared to allocate
// data only (LU_SITE_DATA: file contents, loaded binaries) and other types.
bool scanned_byte_buffer(const ProgramModel& model, const ObjectRecord& object, const TransferOptions& options);

// True when values of type `s` (in model `a`) and `d` (in `b`) have the same
// bytes in the same places: same kinds, sizes, field names and offsets,
// pointers where pointers were. `memo` caches answers per pair.
bool layouts_match(const ProgramModel& a, TypeId s, const ProgramModel& b, TypeId d, HashMap<uint8_t>& memo);

// After the transfer: scan the new version's imprecise bytes; a word that
// still holds an old address that moved (an old heap object that is not kept
// at its address, an old global or function whose address changed) fails
// the check, naming the object, the offset and the word. Returns the number
// of words checked.
Result<uint64_t> verify_imprecise_words(const ProgramModel& old_model, const ProgramModel& new_model,
                                        const RelocationMap& map, const TransferOptions& options);

}  // namespace libupdate
