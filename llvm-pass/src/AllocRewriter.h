// AllocRewriter.h — typed heap: finds every allocation and deallocation
// call, describes each allocation site, and rewrites the calls to the
// runtime's tracked allocator (libupdate/metadata.h, "calls the pass
// inserts").
//
// Entry points:
//   findAllocationCalls()  classify calls (malloc family, C++ new/delete,
//                          project allocators and allocator wrappers from
//                          options or annotations)
//   describeSites()        one SiteModel per allocating call, in order
//   rewriteAllocations()   replace/bracket the calls; site i is passed as
//                          `siteAddress(i)`
#pragma once

#include <functional>
#include <vector>

#include "DebugTypeOf.h"
#include "Model.h"
#include "Options.h"
#include "TypeTable.h"

namespace llvm {
class CallBase;
class Constant;
class Module;
}  // namespace llvm

namespace neurath::pass {

enum class AllocFamily {
    Malloc,
    Calloc,
    Realloc,
    ReallocArray,
    Strdup,
    Strndup,
    New,
    NewArray,
    NewNothrow,
    NewArrayNothrow,
    CustomAlloc,
    Wrapper,  // an allocator wrapper: the call stays, its result is retyped
    Free,
    Delete,
    DeleteArray,
    CustomFree,
};

struct AllocCall {
    llvm::CallBase* call = nullptr;
    AllocFamily family = AllocFamily::Malloc;
    unsigned argument = 0;  // custom allocators: size/pointer argument index
    std::string via;        // calls through a function pointer: its type's name
    bool insideWrapper = false;  // a wrapper call in a wrapper: its caller retypes the result
    bool insideDataFunction = false;  // its byte buffers hold data only (LU_SITE_DATA)
    bool allocates() const { return family < AllocFamily::Free; }
};

// Calls through a function pointer whose type is a named allocator wrapper
// (a typedef such as Lua's lua_Alloc) are wrapper calls too; `debugTypes`
// finds the pointer's type.
std::vector<AllocCall> findAllocationCalls(llvm::Module& module, const Options& options,
                                           DebugTypeOf& debugTypes, ModuleModel& model);

// Describes the allocating calls of `calls` (in order) into model.sites.
void describeSites(const std::vector<AllocCall>& calls, DebugTypeOf& debugTypes,
                   TypeTable& types, ModuleModel& model);

// Wrapper calls whose site has no type, or that a wrapper makes (its own
// caller retypes the result), keep only the call.
void rewriteAllocations(llvm::Module& module, const std::vector<AllocCall>& calls,
                        const std::vector<SiteModel>& sites,
                        const std::function<llvm::Constant*(size_t)>& siteAddress);

}  // namespace neurath::pass
