// GlobalCollector.h — analysis: the module's global variables and code
// symbols, described for the metadata tables.
//
// Entry points: collectGlobals() fills ModuleModel::globals (name, symbol,
// size, type from debug info; flags), collectSymbols() fills
// ModuleModel::symbols (functions that can be pointed to, vtables).
#pragma once

#include "Model.h"
#include "TypeTable.h"

namespace llvm {
class Module;
}

namespace neurath::pass {

void collectGlobals(llvm::Module& module, TypeTable& types, ModuleModel& model);
void collectSymbols(llvm::Module& module, ModuleModel& model);

// True for globals the pass creates itself (never described).
bool isPassGlobal(llvm::StringRef name);

}  // namespace neurath::pass
