// IRHelpers.h — small IR surgery shared by the rewriting steps.
//
// Entry points: replaceCall() swaps a call/invoke for a call of another
// function (keeping exception edges, debug location and uses);
// insertionPointAfter() gives where code runs right after a call returns
// normally (splitting an invoke's normal edge when needed); sourceAnnotations()
// and annotatedFunctions() read clang's annotate("...") attributes from
// llvm.global.annotations.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "llvm/ADT/ArrayRef.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"

namespace neurath::pass {

llvm::CallBase* replaceCall(llvm::CallBase& old, llvm::FunctionCallee callee,
                            llvm::ArrayRef<llvm::Value*> arguments);

llvm::Instruction* insertionPointAfter(llvm::CallBase& call);

// Every annotate("...") text, by the function or variable it is on.
using SourceAnnotations = std::map<const llvm::GlobalValue*, std::vector<std::string>>;
SourceAnnotations sourceAnnotations(llvm::Module& module);

// Names of functions defined in `module` annotated with `annotation`.
std::set<std::string> annotatedFunctions(llvm::Module& module,
                                         llvm::StringRef annotation);

}  // namespace neurath::pass
