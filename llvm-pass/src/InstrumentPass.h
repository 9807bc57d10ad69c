// InstrumentPass.h — the Neurath live-update module pass.
//
// Runs once per translation unit, at pipeline start (so also at -O0):
// analyses types and globals, describes and rewrites allocation sites, marks
// quiescent points, finds limits, emits the metadata tables and writes the
// limits report. Entry point: InstrumentPass::run (new pass manager).
#pragma once

#include "llvm/IR/PassManager.h"

namespace neurath::pass {

class InstrumentPass : public llvm::PassInfoMixin<InstrumentPass> {
public:
    llvm::PreservedAnalyses run(llvm::Module& module, llvm::ModuleAnalysisManager&);
    static bool isRequired() { return true; }
};

}  // namespace neurath::pass
