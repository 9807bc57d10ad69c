// TypeTable.h — analysis: debug-info types (DIType) to metadata type records.
//
// Entry points: TypeTable::fromDebug() converts a DIType (and everything it
// reaches) into TypeModel records, once per DIType; unknown() and voidType()
// give the fallback records; finish() computes derived flags
// (LU_TYPE_HAS_POINTERS) once all types are in. declTag() reads the
// `lu.*` btf_decl_tag annotations.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "Model.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/DebugInfoMetadata.h"

namespace neurath::pass {

// Value of the annotation `key=value` (btf_decl_tag("key=value")); `present`
// tells whether a tag "key" or "key=..." exists.
std::string declTag(llvm::DINodeArray annotations, llvm::StringRef key,
                    bool* present = nullptr);

// Name of the outermost typedef of `type` (through qualifiers), or "".
std::string typedefName(const llvm::DIType* type);

// Strips typedefs and cv/restrict/atomic qualifiers.
const llvm::DIType* stripQualifiers(const llvm::DIType* type);

class TypeTable {
public:
    explicit TypeTable(std::vector<TypeModel>& types) : types_(types) {}

    TypeIndex fromDebug(const llvm::DIType* type);  // nullptr means void
    TypeIndex unknown(uint64_t size);
    TypeIndex voidType();
    TypeIndex charType();  // plain `char`, for strdup'ed strings
    // Array of `count` elements of `element` (synthetic, not from DI).
    TypeIndex arrayOf(TypeIndex element, uint64_t count);
    void finish();

    const TypeModel& at(TypeIndex index) const { return types_[index]; }

private:
    TypeIndex add(TypeModel model);
    TypeIndex convert(const llvm::DIType* type);
    TypeIndex convertBasic(const llvm::DIBasicType* type);
    TypeIndex convertDerived(const llvm::DIDerivedType* type);
    TypeIndex convertPointer(const llvm::DIDerivedType* type);
    TypeIndex convertComposite(const llvm::DICompositeType* type);
    TypeIndex convertArray(const llvm::DICompositeType* type);
    TypeIndex convertEnum(const llvm::DICompositeType* type);
    void fillFields(TypeIndex index, const llvm::DICompositeType* type);
    std::string displayName(const llvm::DIType* type);

    std::vector<TypeModel>& types_;
    llvm::DenseMap<const llvm::DIType*, TypeIndex> cache_;
    std::map<uint64_t, TypeIndex> unknownBySize_;
    std::map<std::pair<TypeIndex, uint64_t>, TypeIndex> arrays_;
    bool haveChar_ = false;
    TypeIndex char_ = 0;
    bool haveVoid_ = false;
    TypeIndex void_ = 0;
};

}  // namespace neurath::pass
