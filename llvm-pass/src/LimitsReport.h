// LimitsReport.h — honest limits: what the metadata cannot describe
// precisely, so the author knows which variables need a transfer hook.
//
// Findings (LimitModel::kind):
//   pointer-in-integer   an integer declared uintptr_t/intptr_t, or an integer
//                        location a pointer is stored into (ptrtoint + store)
//   union-with-pointer   a union with a pointer member (active member unknown)
//   untyped-buffer       a char array (bytes only; nothing inside relocated)
//   untyped-pointer      a void* (target found by address, type from its site)
//   unknown-allocation-type  an allocation site whose type could not be inferred
//   int-to-pointer       a pointer made from an integer loaded from memory
//   out-of-bounds-pointer  constant pointer arithmetic leaving its object
//   untracked-allocation   (from AllocRewriter) allocations the pass cannot see
//   heap-aware-library-call (from AllocRewriter) getline & co. used
//   replaced-allocator   (from AllocRewriter) the program defines operator new
//   opaque-type / no-debug-info  types or variables without a description
//   incomplete-type      a struct only declared in this unit's debug info
//                        (clang's default limited debug info; use
//                        -fstandalone-debug)
// Entry points: analyzeLimits() adds findings to model.limits and sets the
// LU_*_IMPRECISE flags; reportPath() picks the file; writeReport() writes it.
#pragma once

#include <string>

#include "DebugTypeOf.h"
#include "Model.h"
#include "Options.h"

namespace llvm {
class Module;
}

namespace neurath::pass {

void analyzeLimits(llvm::Module& module, DebugTypeOf& debugTypes, ModuleModel& model);

// The report's path for this module, "" when there is nowhere to put it.
std::string reportPath(const Options& options, const ModuleModel& model);

// Writes the report; returns an error message, "" on success.
std::string writeReport(const ModuleModel& model, const std::string& path);

}  // namespace neurath::pass
