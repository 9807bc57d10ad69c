// QuiescentMarker.cpp — finds receive calls/definitions and brackets them
// with the runtime's quiescent-point hooks.
//
// Entry points: findQuiescentPoints, markQuiescentPoints.
#include "QuiescentMarker.h"

#include <map>
#include <set>

#include "IRHelpers.h"
#include "Names.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

namespace neurath::pass {

using namespace llvm;

namespace {

bool isReceiveName(const Function& callee, const std::vector<std::string>& names) {
    std::string base = demangledBase(callee.getName());
    for (const std::string& name : names)
        if (callee.getName() == name || base == name) return true;
    return false;
}

QuiescentModel describeCall(CallBase& call, std::map<std::string, unsigned>& ordinals) {
    QuiescentModel point;
    point.function = functionSourceName(*call.getFunction());
    point.callee = call.getCalledFunction()->getName().str();
    point.file = sourceFile(call);
    point.line = sourceLine(call);
    std::string key = point.function + "|" + point.callee;
    point.id = fnv1a64(key + "|" + std::to_string(ordinals[key]++));
    return point;
}

QuiescentModel describeDefinition(Function& function) {
    QuiescentModel point;
    point.function = functionSourceName(function);
    point.callee = function.getName().str();
    if (const DISubprogram* sp = function.getSubprogram()) {
        point.file = sp->getFilename().str();
        point.line = sp->getLine();
    }
    point.id = fnv1a64(point.function + "|" + point.callee + "|0");
    return point;
}

}  // namespace

std::vector<QuiescentSite> findQuiescentPoints(Module& module, const Options& options,
                                               ModuleModel& model) {
    std::vector<QuiescentSite> sites;
    std::set<std::string> annotated = annotatedFunctions(module, "neurath.quiescent");
    for (const std::string& name : annotated) {
        Function* function = module.getFunction(name);
        if (!function || function->isDeclaration()) continue;
        sites.push_back({nullptr, function});
        model.quiescentPoints.push_back(describeDefinition(*function));
    }
    std::map<std::string, unsigned> ordinals;
    for (Function& function : module.functions()) {
        if (function.isDeclaration() || function.getName().startswith("__lu_")) continue;
        for (Instruction& instruction : instructions(function)) {
            auto* call = dyn_cast<CallBase>(&instruction);
            Function* callee = call ? call->getCalledFunction() : nullptr;
            if (!callee || annotated.count(callee->getName().str())) continue;
            if (!isReceiveName(*callee, options.receiveFunctions)) continue;
            if (auto* plain = dyn_cast<CallInst>(call); plain && plain->isMustTailCall())
                continue;
            sites.push_back({call, nullptr});
            model.quiescentPoints.push_back(describeCall(*call, ordinals));
        }
    }
    return sites;
}

void markQuiescentPoints(Module& module, const std::vector<QuiescentSite>& sites,
                         const std::function<Constant*(size_t)>& pointAddress) {
    LLVMContext& context = module.getContext();
    Type* ptr = PointerType::getUnqual(context);
    Type* none = Type::getVoidTy(context);
    FunctionCallee enter = module.getOrInsertFunction("__lu_quiescent_enter", none, ptr);
    FunctionCallee leave = module.getOrInsertFunction("__lu_quiescent_leave", none, ptr);
    for (size_t i = 0; i < sites.size(); ++i) {
        Constant* point = pointAddress(i);
        if (CallBase* call = sites[i].call) {
            IRBuilder<> before(call);
            before.SetCurrentDebugLocation(call->getDebugLoc());
            before.CreateCall(enter, {point});
            IRBuilder<> after(insertionPointAfter(*call));
            after.SetCurrentDebugLocation(call->getDebugLoc());
            after.CreateCall(leave, {point});
            continue;
        }
        Function& function = *sites[i].function;
        IRBuilder<> entry(&*function.getEntryBlock().getFirstInsertionPt());
        if (DISubprogram* sp = function.getSubprogram())
            entry.SetCurrentDebugLocation(DILocation::get(context, sp->getLine(), 0, sp));
        entry.CreateCall(enter, {point});
        for (BasicBlock& block : function)
            if (auto* ret = dyn_cast<ReturnInst>(block.getTerminator())) {
                IRBuilder<> exit(ret);
                exit.SetCurrentDebugLocation(ret->getDebugLoc());
                exit.CreateCall(leave, {point});
            }
    }
}

}  // namespace neurath::pass
