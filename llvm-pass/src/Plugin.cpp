// Plugin.cpp — registers the Neurath pass with LLVM 16's new pass manager.
//
// Entry point: llvmGetPassPluginInfo (looked up by clang -fpass-plugin= and
// opt -load-pass-plugin). The pass runs at pipeline start (every -O level,
// it is required) and can be named in pipelines as `neurath-instrument`.
#include "InstrumentPass.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
    return {LLVM_PLUGIN_API_VERSION, "NeurathPass", "1", [](PassBuilder& builder) {
                builder.registerPipelineStartEPCallback(
                    [](ModulePassManager& passes, OptimizationLevel) {
                        passes.addPass(neurath::pass::InstrumentPass());
                    });
                builder.registerPipelineParsingCallback(
                    [](StringRef name, ModulePassManager& passes,
                       ArrayRef<PassBuilder::PipelineElement>) {
                        if (name != "neurath-instrument") return false;
                        passes.addPass(neurath::pass::InstrumentPass());
                        return true;
                    });
            }};
}
