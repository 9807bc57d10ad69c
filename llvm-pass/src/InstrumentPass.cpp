// InstrumentPass.cpp — orders the pass's steps over one module.
//
// Entry point: InstrumentPass::run. Steps: (1) types and globals, (2)
// allocation sites, (3) quiescent points, (4) limits, (5) emission and
// rewriting, (6) the report. A module already instrumented (it has
// __lu_module) is left alone, so running the pass twice is harmless.
#include "InstrumentPass.h"

#include "AllocRewriter.h"
#include "DebugTypeOf.h"
#include "GlobalCollector.h"
#include "LimitsReport.h"
#include "MetadataEmitter.h"
#include "Options.h"
#include "QuiescentMarker.h"
#include "TypeTable.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

namespace neurath::pass {

using namespace llvm;

namespace {

std::string mainSourceFile(const Module& module) {
    for (const DICompileUnit* unit : module.debug_compile_units())
        if (!unit->getFilename().empty()) return unit->getFilename().str();
    return module.getSourceFileName();
}

// The rewriters declare every runtime entry they might need; drop the rest.
void removeUnusedRuntimeDeclarations(Module& module) {
    std::vector<Function*> unused;
    for (Function& function : module.functions())
        if (function.isDeclaration() && function.use_empty() &&
            function.getName().startswith("__lu_"))
            unused.push_back(&function);
    for (Function* function : unused) function->eraseFromParent();
}

}  // namespace

PreservedAnalyses InstrumentPass::run(Module& module, ModuleAnalysisManager&) {
    if (module.getGlobalVariable("__lu_module", /*AllowInternal=*/true))
        return PreservedAnalyses::all();
    Options options = neurath::pass::options();

    ModuleModel model;
    model.sourceFile = mainSourceFile(module);
    if (module.debug_compile_units().empty()) {
        model.flags |= LU_MODULE_NO_DEBUG_INFO;
        model.limits.push_back({"no-debug-info", model.sourceFile, "",
                                "compiled without -g: names and types are missing; "
                                "compile with -g"});
    }
    TypeTable types(model.types);
    DebugTypeOf debugTypes(module);
    collectGlobals(module, types, model);
    collectSymbols(module, model);

    std::vector<AllocCall> allocations = findAllocationCalls(module, options, debugTypes, model);
    describeSites(allocations, debugTypes, types, model);
    std::vector<QuiescentSite> quiescent = findQuiescentPoints(module, options, model);
    types.finish();
    analyzeLimits(module, debugTypes, model);

    MetadataEmitter emitter(module, model.sites.size(), model.quiescentPoints.size());
    rewriteAllocations(module, allocations, model.sites,
                       [&](size_t i) { return emitter.siteAddress(i); });
    markQuiescentPoints(module, quiescent,
                        [&](size_t i) { return emitter.pointAddress(i); });
    emitter.emit(model);
    removeUnusedRuntimeDeclarations(module);

    std::string path = reportPath(options, model);
    if (!path.empty()) {
        std::string error = writeReport(model, path);
        if (!error.empty()) errs() << "neurath-pass: " << error << "\n";
    }
    return PreservedAnalyses::none();
}

}  // namespace neurath::pass
