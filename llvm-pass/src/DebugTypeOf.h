// DebugTypeOf.h — analysis: which source (debug-info) type an IR value has.
//
// With opaque pointers the IR no longer says what a pointer points to; debug
// info does, for variables, parameters, return values and fields. Entry
// points:
//   objectAt(address, size)  the DIType of the object stored at `address`
//   pointeeOf(pointer)       the DIType of *pointer
//   allocatedType(call)      the type an allocation call allocates, inferred
//                            from !heapallocsite, the variable or field the
//                            result is stored into, or casts/GEPs of it
// Every answer may be nullptr ("do not know"); callers record that honestly.
#pragma once

#include <cstdint>

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Module.h"

namespace llvm {
class CallBase;
class DataLayout;
class GEPOperator;
}  // namespace llvm

namespace neurath::pass {

struct InferredType {
    const llvm::DIType* type = nullptr;  // nullptr: unknown
    uint32_t flags = 0;                  // LU_SITE_TYPE_* (how it was found)
};

class DebugTypeOf {
public:
    explicit DebugTypeOf(llvm::Module& module);

    const llvm::DIType* objectAt(const llvm::Value* address, uint64_t size,
                                 unsigned depth = 0);
    const llvm::DIType* pointeeOf(const llvm::Value* pointer, unsigned depth = 0);
    InferredType allocatedType(const llvm::CallBase& call,
                               const llvm::Value* oldPointer);

    // Size in bytes of a DI type (through typedefs/qualifiers).
    static uint64_t sizeOf(const llvm::DIType* type);
    // Narrows `type` to the member at `offset` whose size is `size`.
    static const llvm::DIType* memberAt(const llvm::DIType* type, uint64_t offset,
                                        uint64_t size);

private:
    const llvm::DIType* gepTarget(const llvm::GEPOperator& gep, unsigned depth);
    const llvm::DIType* parameterType(const llvm::Argument& argument);
    const llvm::DIType* typeFromUse(const llvm::User& user, const llvm::Value& value,
                                    uint32_t& flags);
    const llvm::DICompositeType* compositeNamed(llvm::StringRef irStructName);
    const llvm::DIType* allocatorTemplateType(const llvm::CallBase& call);

    const llvm::DataLayout& layout_;
    llvm::StringMap<const llvm::DICompositeType*> composites_;
};

// Pointee of a pointer/reference DI type; nullptr for anything else (void*
// gives nullptr too: there is no pointee type to record).
const llvm::DIType* pointeeOfPointerType(const llvm::DIType* type);

}  // namespace neurath::pass
