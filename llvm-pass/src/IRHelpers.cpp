// IRHelpers.cpp — call replacement, post-call insertion points, annotations.
//
// Entry points: replaceCall, insertionPointAfter, annotatedFunctions.
#include "IRHelpers.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

namespace neurath::pass {

using namespace llvm;

CallBase* replaceCall(CallBase& old, FunctionCallee callee, ArrayRef<Value*> arguments) {
    CallBase* replacement = nullptr;
    if (auto* invoke = dyn_cast<InvokeInst>(&old)) {
        replacement = InvokeInst::Create(callee, invoke->getNormalDest(),
                                         invoke->getUnwindDest(), arguments, "", &old);
    } else {
        auto* call = CallInst::Create(callee, arguments, "", &old);
        call->setTailCallKind(cast<CallInst>(old).getTailCallKind());
        replacement = call;
    }
    replacement->setDebugLoc(old.getDebugLoc());
    if (MDNode* site = old.getMetadata("heapallocsite"))
        replacement->setMetadata("heapallocsite", site);
    replacement->takeName(&old);
    if (!old.getType()->isVoidTy()) old.replaceAllUsesWith(replacement);
    old.eraseFromParent();
    return replacement;
}

Instruction* insertionPointAfter(CallBase& call) {
    if (auto* invoke = dyn_cast<InvokeInst>(&call)) {
        BasicBlock* normal = invoke->getNormalDest();
        if (!normal->getSinglePredecessor())
            normal = SplitEdge(invoke->getParent(), normal);
        return &*normal->getFirstInsertionPt();
    }
    return call.getNextNode();
}

SourceAnnotations sourceAnnotations(Module& module) {
    SourceAnnotations found;
    GlobalVariable* annotations = module.getGlobalVariable("llvm.global.annotations");
    if (!annotations || !annotations->hasInitializer()) return found;
    auto* entries = dyn_cast<ConstantArray>(annotations->getInitializer());
    if (!entries) return found;
    for (const Use& entry : entries->operands()) {
        auto* record = dyn_cast<ConstantStruct>(entry.get());
        if (!record || record->getNumOperands() < 2) continue;
        auto* annotated = dyn_cast<GlobalValue>(record->getOperand(0)->stripPointerCasts());
        auto* text = dyn_cast<GlobalVariable>(record->getOperand(1)->stripPointerCasts());
        if (!annotated || !text || !text->hasInitializer()) continue;
        auto* string = dyn_cast<ConstantDataSequential>(text->getInitializer());
        if (string && string->isCString()) found[annotated].push_back(string->getAsCString().str());
    }
    return found;
}

std::set<std::string> annotatedFunctions(Module& module, StringRef annotation) {
    std::set<std::string> names;
    for (const auto& [value, texts] : sourceAnnotations(module)) {
        if (!isa<Function>(value)) continue;
        for (const std::string& text : texts)
            if (text == annotation) names.insert(value->getName().str());
    }
    return names;
}

}  // namespace neurath::pass
