// AllocRewriter.cpp — classification, site description and rewriting of
// allocation calls.
//
// Entry points: findAllocationCalls, describeSites, rewriteAllocations.
// Only direct calls whose callee has the expected signature are rewritten;
// everything else that allocates is reported as a limit (untracked memory).
#include "AllocRewriter.h"

#include <map>
#include <optional>
#include <set>

#include "IRHelpers.h"
#include "Names.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"

namespace neurath::pass {

using namespace llvm;

namespace {

struct KnownFunction {
    const char* name;
    AllocFamily family;
    unsigned arguments;  // expected argument count
};

const KnownFunction knownFunctions[] = {
    {"malloc", AllocFamily::Malloc, 1},
    {"calloc", AllocFamily::Calloc, 2},
    {"realloc", AllocFamily::Realloc, 2},
    {"reallocarray", AllocFamily::ReallocArray, 3},
    {"strdup", AllocFamily::Strdup, 1},
    {"strndup", AllocFamily::Strndup, 2},
    {"free", AllocFamily::Free, 1},
    {"_Znwm", AllocFamily::New, 1},
    {"_Znam", AllocFamily::NewArray, 1},
    {"_ZnwmRKSt9nothrow_t", AllocFamily::NewNothrow, 2},
    {"_ZnamRKSt9nothrow_t", AllocFamily::NewArrayNothrow, 2},
    {"_ZdlPv", AllocFamily::Delete, 1},
    {"_ZdlPvm", AllocFamily::Delete, 2},
    {"_ZdlPvRKSt9nothrow_t", AllocFamily::Delete, 2},
    {"_ZdaPv", AllocFamily::DeleteArray, 1},
    {"_ZdaPvm", AllocFamily::DeleteArray, 2},
    {"_ZdaPvRKSt9nothrow_t", AllocFamily::DeleteArray, 2},
};

// Allocators the pass knows but does not track (reported once if used).
const char* const untrackedAllocators[] = {
    "aligned_alloc", "posix_memalign", "memalign", "valloc", "pvalloc",
    "_ZnwmSt11align_val_t", "_ZnamSt11align_val_t",
};

// C library calls that reallocate or inspect a heap block themselves: given a
// block from the tracked allocator they bypass it (and its bookkeeping).
const char* const heapAwareLibraryCalls[] = {
    "getline", "getdelim", "malloc_usable_size", "malloc_size", "__getdelim",
};

struct Classifier {
    std::map<std::string, AllocCall> byName;

    void addKnown() {
        for (const KnownFunction& known : knownFunctions)
            byName[known.name] = {nullptr, known.family, known.arguments, {}, false};
    }
    void addCustom(const std::vector<AllocatorSpec>& specs, AllocFamily family) {
        for (const AllocatorSpec& spec : specs)
            byName[spec.name] = {nullptr, family, spec.argument, {}, false};
    }
    template <typename Names>
    void addWrappers(const Names& names) {
        for (const std::string& name : names) byName[name] = {nullptr, AllocFamily::Wrapper, 0, {}, false};
    }
};

bool isSizeType(Type* type) { return type->isIntegerTy(64); }

// Does `function` have the signature the rewrite assumes?
bool signatureFits(const Function& function, const AllocCall& kind) {
    FunctionType* type = function.getFunctionType();
    auto param = [&](unsigned i) { return type->getParamType(i); };
    switch (kind.family) {
    case AllocFamily::CustomAlloc:
        return kind.argument < type->getNumParams() &&
               param(kind.argument)->isIntegerTy() &&
               type->getReturnType()->isPointerTy();
    case AllocFamily::CustomFree:
        return kind.argument < type->getNumParams() &&
               param(kind.argument)->isPointerTy();
    case AllocFamily::Wrapper:
        return type->getReturnType()->isPointerTy();
    default:
        break;
    }
    if (type->getNumParams() != kind.argument || type->isVarArg()) return false;
    switch (kind.family) {
    case AllocFamily::Malloc:
    case AllocFamily::New:
    case AllocFamily::NewArray:
    case AllocFamily::NewNothrow:
    case AllocFamily::NewArrayNothrow:
        return isSizeType(param(0)) && type->getReturnType()->isPointerTy();
    case AllocFamily::Calloc:
        return isSizeType(param(0)) && isSizeType(param(1));
    case AllocFamily::Realloc:
    case AllocFamily::Strndup:
        return param(0)->isPointerTy() && isSizeType(param(1));
    case AllocFamily::ReallocArray:
        return param(0)->isPointerTy() && isSizeType(param(1)) && isSizeType(param(2));
    case AllocFamily::Strdup:
    case AllocFamily::Free:
    case AllocFamily::Delete:
    case AllocFamily::DeleteArray:
        return param(0)->isPointerTy();
    default:
        return false;
    }
}

bool skipped(const Function& function, const Options& options) {
    StringRef name = function.getName();
    if (name.startswith("__lu_")) return true;
    for (const std::string& prefix : options.skipFunctionPrefixes)
        if (name.startswith(prefix)) return true;
    return false;
}

void reportUntracked(Module& module, const Classifier& classifier, ModuleModel& model) {
    for (const char* name : untrackedAllocators) {
        Function* function = module.getFunction(name);
        if (function && !function->use_empty())
            model.limits.push_back({"untracked-allocation", name, "",
                                    "allocator not instrumented: its objects are "
                                    "invisible to state transfer"});
    }
    for (const KnownFunction& known : knownFunctions) {
        Function* function = module.getFunction(known.name);
        if (function && !function->isDeclaration() && StringRef(known.name).startswith("_Z"))
            model.limits.push_back({"replaced-allocator", demangledBase(known.name), "",
                                    "the program defines this global allocator; "
                                    "instrumented new/delete expressions call the "
                                    "runtime instead of it"});
    }
    for (const char* name : heapAwareLibraryCalls) {
        Function* function = module.getFunction(name);
        if (function && !function->use_empty())
            model.limits.push_back({"heap-aware-library-call", name, "",
                                    "the C library reallocates or measures the block "
                                    "itself, bypassing the tracked allocator: pass it "
                                    "memory it allocated (e.g. a NULL getline buffer)"});
    }
    for (const auto& [name, kind] : classifier.byName) {
        Function* function = module.getFunction(name);
        if (!function) continue;
        for (const Use& use : function->uses()) {
            auto* call = dyn_cast<CallBase>(use.getUser());
            if (call && call->isCallee(&use)) continue;
            model.limits.push_back({"untracked-allocation", name, "",
                                    "address of the allocator is taken: calls "
                                    "through that pointer are not tracked"});
            break;
        }
    }
}

}  // namespace

namespace {

// The name of a typedef (or typedef chain) in `names`, or "".
std::string wrapperTypedefName(const DIType* type, const std::set<std::string>& names) {
    for (unsigned depth = 0; type && depth < 8; ++depth) {
        auto* derived = dyn_cast<DIDerivedType>(type);
        if (!derived) return "";
        if (derived->getTag() == dwarf::DW_TAG_typedef && names.count(derived->getName().str()))
            return derived->getName().str();
        type = derived->getBaseType();
    }
    return "";
}

const DIType* withoutTypedefs(const DIType* type) {
    while (auto* derived = dyn_cast_or_null<DIDerivedType>(type)) {
        unsigned tag = derived->getTag();
        if (tag != dwarf::DW_TAG_typedef && tag != dwarf::DW_TAG_const_type && tag != dwarf::DW_TAG_volatile_type)
            break;
        type = derived->getBaseType();
    }
    return type;
}

// The declared type, typedef names kept, of the variable or struct field at
// `address` (DebugTypeOf answers with typedefs stripped).
const DIType* declaredTypeAt(const Value* address, DebugTypeOf& debugTypes, const DataLayout& layout) {
    address = address->stripPointerCasts();
    if (auto* global = dyn_cast<GlobalVariable>(address)) {
        SmallVector<DIGlobalVariableExpression*, 1> expressions;
        global->getDebugInfo(expressions);
        return expressions.empty() ? nullptr : expressions.front()->getVariable()->getType();
    }
    if (auto* alloca = dyn_cast<AllocaInst>(address)) {
        for (DbgDeclareInst* declare : FindDbgDeclareUses(const_cast<AllocaInst*>(alloca)))
            return declare->getVariable()->getType();
        return nullptr;
    }
    auto* gep = dyn_cast<GEPOperator>(address);
    APInt offset(64, 0);
    if (!gep || !gep->accumulateConstantOffset(layout, offset)) return nullptr;
    auto* composite = dyn_cast_or_null<DICompositeType>(withoutTypedefs(debugTypes.pointeeOf(gep->getPointerOperand())));
    if (!composite) return nullptr;
    for (const DINode* element : composite->getElements()) {
        auto* member = dyn_cast_or_null<DIDerivedType>(element);
        if (member && member->getTag() == dwarf::DW_TAG_member &&
            member->getOffsetInBits() / 8 == offset.getZExtValue())
            return member->getBaseType();
    }
    return nullptr;
}

// A call through a function pointer loaded from a variable or field whose
// type is a named allocator wrapper type: a wrapper call.
std::optional<AllocCall> indirectWrapperCall(CallBase& call, DebugTypeOf& debugTypes,
                                             const std::set<std::string>& names) {
    if (names.empty() || call.getCalledFunction() || !call.getType()->isPointerTy()) return std::nullopt;
    auto* load = dyn_cast<LoadInst>(call.getCalledOperand()->stripPointerCasts());
    if (!load) return std::nullopt;
    const DataLayout& layout = call.getModule()->getDataLayout();
    std::string name = wrapperTypedefName(declaredTypeAt(load->getPointerOperand(), debugTypes, layout), names);
    if (name.empty()) return std::nullopt;
    AllocCall kind{&call, AllocFamily::Wrapper, 0, "(*" + name + ")", false};
    return kind;
}

}  // namespace

std::vector<AllocCall> findAllocationCalls(Module& module, const Options& options,
                                           DebugTypeOf& debugTypes, ModuleModel& model) {
    const std::set<std::string> wrapperTypes(options.allocatorWrappers.begin(),
                                             options.allocatorWrappers.end());
    Classifier classifier;
    classifier.addKnown();
    classifier.addCustom(options.allocators, AllocFamily::CustomAlloc);
    classifier.addCustom(options.deallocators, AllocFamily::CustomFree);
    for (const std::string& name : annotatedFunctions(module, "neurath.allocator"))
        classifier.byName[name] = {nullptr, AllocFamily::CustomAlloc, 0, {}, false};
    for (const std::string& name : annotatedFunctions(module, "neurath.deallocator"))
        classifier.byName[name] = {nullptr, AllocFamily::CustomFree, 0, {}, false};
    classifier.addWrappers(options.allocatorWrappers);
    classifier.addWrappers(annotatedFunctions(module, "neurath.allocator_wrapper"));

    std::vector<AllocCall> calls;
    for (Function& function : module.functions()) {
        if (function.isDeclaration() || skipped(function, options)) continue;
        auto self = classifier.byName.find(function.getName().str());
        const bool inWrapper = self != classifier.byName.end() && self->second.family == AllocFamily::Wrapper;
        const size_t first = calls.size();
        for (Instruction& instruction : instructions(function)) {
            auto* call = dyn_cast<CallBase>(&instruction);
            if (!call) continue;
            if (std::optional<AllocCall> indirect = indirectWrapperCall(*call, debugTypes, wrapperTypes)) {
                calls.push_back(*indirect);
                continue;
            }
            Function* callee = call->getCalledFunction();
            if (!callee) continue;
            auto found = classifier.byName.find(callee->getName().str());
            if (found == classifier.byName.end()) continue;
            AllocCall kind = found->second;
            if (!signatureFits(*callee, kind)) {
                model.limits.push_back({"untracked-allocation", callee->getName().str(),
                                        sourceLocation(*call),
                                        "allocator has an unexpected signature"});
                continue;
            }
            kind.call = call;
            calls.push_back(kind);
        }
        for (size_t i = first; i < calls.size(); ++i) calls[i].insideWrapper = inWrapper;
    }
    reportUntracked(module, classifier, model);
    return calls;
}

namespace {

uint32_t allocatorCode(AllocFamily family) {
    switch (family) {
    case AllocFamily::Malloc: return LU_ALLOC_MALLOC;
    case AllocFamily::Calloc: return LU_ALLOC_CALLOC;
    case AllocFamily::Realloc:
    case AllocFamily::ReallocArray: return LU_ALLOC_REALLOC;
    case AllocFamily::Strdup:
    case AllocFamily::Strndup: return LU_ALLOC_STRDUP;
    case AllocFamily::New:
    case AllocFamily::NewNothrow: return LU_ALLOC_NEW;
    case AllocFamily::NewArray:
    case AllocFamily::NewArrayNothrow: return LU_ALLOC_NEW_ARRAY;
    case AllocFamily::CustomAlloc: return LU_ALLOC_CUSTOM;
    case AllocFamily::Wrapper: return LU_ALLOC_MALLOC;  // re-created like malloc'ed memory
    case AllocFamily::Free: return LU_ALLOC_MALLOC;
    case AllocFamily::Delete: return LU_ALLOC_NEW;
    case AllocFamily::DeleteArray: return LU_ALLOC_NEW_ARRAY;
    case AllocFamily::CustomFree: return LU_ALLOC_CUSTOM;
    }
    return 0;
}

// The size operand of an allocating call (nullptr if there is none).
Value* sizeOperand(const AllocCall& kind) {
    switch (kind.family) {
    case AllocFamily::Calloc:
    case AllocFamily::Realloc:
    case AllocFamily::Strndup: return kind.call->getArgOperand(1);
    case AllocFamily::Strdup:
    case AllocFamily::ReallocArray:
    case AllocFamily::Wrapper: return nullptr;  // a wrapper's size argument is not known
    case AllocFamily::CustomAlloc: return kind.call->getArgOperand(kind.argument);
    default: return kind.call->getArgOperand(0);
    }
}

// `value` is sizeof(T), or n * sizeof(T), or (n << k) with 2^k == sizeof(T).
bool isElementSize(const Value* value, uint64_t typeSize) {
    if (auto* constant = dyn_cast<ConstantInt>(value)) return constant->getZExtValue() == typeSize;
    auto* product = dyn_cast<BinaryOperator>(value);
    if (!product) return false;
    for (const Value* operand : product->operands()) {
        auto* factor = dyn_cast<ConstantInt>(operand);
        if (!factor) continue;
        if (product->getOpcode() == Instruction::Mul && factor->getZExtValue() == typeSize) return true;
        if (product->getOpcode() == Instruction::Shl && operand == product->getOperand(1) &&
            factor->getZExtValue() < 64 && (uint64_t{1} << factor->getZExtValue()) == typeSize)
            return true;
    }
    return false;
}

// A wrapper's size argument is not known: its result holds elements of T
// when an argument is sizeof(T) or a multiple of it (luaM_newvector's
// n * sizeof(T), luaM_growaux_'s element size); otherwise it is one T
// followed by bytes of unknown type (an interpreter's objects behind a
// common header, luaC_newobj's GCObject).
bool wrapperAllocatesArray(const AllocCall& kind, uint64_t typeSize) {
    if (typeSize == 0) return false;
    for (const Value* argument : kind.call->args())
        if (isElementSize(argument, typeSize)) return true;
    return false;
}

bool allocatesArray(const AllocCall& kind, uint64_t typeSize) {
    if (kind.family == AllocFamily::Wrapper) return wrapperAllocatesArray(kind, typeSize);
    if (kind.family == AllocFamily::NewArray || kind.family == AllocFamily::NewArrayNothrow)
        return true;
    if (kind.family == AllocFamily::Calloc) {
        auto* count = dyn_cast<ConstantInt>(kind.call->getArgOperand(0));
        if (!count || count->getZExtValue() != 1) return true;
    }
    auto* size = dyn_cast_or_null<ConstantInt>(sizeOperand(kind));
    return !size || typeSize == 0 || size->getZExtValue() != typeSize;
}

}  // namespace

void describeSites(const std::vector<AllocCall>& calls, DebugTypeOf& debugTypes,
                   TypeTable& types, ModuleModel& model) {
    std::map<std::string, unsigned> ordinals;
    for (const AllocCall& kind : calls) {
        if (!kind.allocates()) continue;
        CallBase& call = *kind.call;
        const Value* old =
            kind.family == AllocFamily::Realloc || kind.family == AllocFamily::ReallocArray
                ? call.getArgOperand(0)
                : nullptr;
        InferredType inferred = debugTypes.allocatedType(call, old);
        SiteModel site;
        site.function = functionSourceName(*call.getFunction());
        site.file = sourceFile(call);
        site.line = sourceLine(call);
        site.allocator = allocatorCode(kind.family);
        site.allocatorName = kind.via.empty() ? call.getCalledFunction()->getName().str() : kind.via;
        site.flags = inferred.flags;
        if (kind.family == AllocFamily::Strdup || kind.family == AllocFamily::Strndup) {
            site.type = types.charType();
            site.flags = LU_SITE_TYPE_CAST | LU_SITE_ARRAY;
        } else if (inferred.type) {
            site.type = types.fromDebug(inferred.type);
            if (allocatesArray(kind, types.at(site.type).size)) site.flags |= LU_SITE_ARRAY;
        } else {
            site.type = types.unknown(0);
        }
        if (kind.family == AllocFamily::NewNothrow ||
            kind.family == AllocFamily::NewArrayNothrow)
            site.flags |= LU_SITE_NOTHROW;
        if (kind.family == AllocFamily::Wrapper) site.flags |= LU_SITE_WRAPPER;
        std::string key = site.function + "|" + types.at(site.type).name;
        site.id = fnv1a64(key + "|" + std::to_string(ordinals[key]++));
        model.sites.push_back(std::move(site));
    }
}

namespace {

struct RuntimeCalls {
    FunctionCallee alloc, calloc, realloc, strdup, strndup, free, registerObject,
        unregisterObject, retypeObject;

    explicit RuntimeCalls(Module& module) {
        LLVMContext& context = module.getContext();
        Type* ptr = PointerType::getUnqual(context);
        Type* size = Type::getInt64Ty(context);
        Type* u32 = Type::getInt32Ty(context);
        Type* none = Type::getVoidTy(context);
        alloc = module.getOrInsertFunction("__lu_alloc", ptr, size, ptr, u32);
        calloc = module.getOrInsertFunction("__lu_calloc", ptr, size, size, ptr);
        realloc = module.getOrInsertFunction("__lu_realloc", ptr, ptr, size, ptr);
        strdup = module.getOrInsertFunction("__lu_strdup", ptr, ptr, ptr);
        strndup = module.getOrInsertFunction("__lu_strndup", ptr, ptr, size, ptr);
        free = module.getOrInsertFunction("__lu_free", none, ptr, u32);
        registerObject = module.getOrInsertFunction("__lu_heap_register", none, ptr, size, ptr);
        unregisterObject = module.getOrInsertFunction("__lu_heap_unregister", none, ptr);
        retypeObject = module.getOrInsertFunction("__lu_heap_retype", none, ptr, ptr);
        describe(alloc, 0, std::nullopt, /*mayThrow=*/true);  // operator new throws
        describe(calloc, 0, 1, false);
        describe(realloc, 1, std::nullopt, false);
        describe(strdup, std::nullopt, std::nullopt, false);
        describe(strndup, std::nullopt, std::nullopt, false);
        for (FunctionCallee* callee : {&free, &registerObject, &unregisterObject, &retypeObject})
            if (auto* function = dyn_cast<Function>(callee->getCallee()))
                function->setDoesNotThrow();
    }

    // Tell the optimizer what malloc-like entries return, as it knows for
    // malloc itself, so instrumented code optimizes like the original.
    static void describe(FunctionCallee callee, std::optional<unsigned> sizeArgument,
                         std::optional<unsigned> countArgument, bool mayThrow) {
        auto* function = dyn_cast<Function>(callee.getCallee());
        if (!function) return;
        function->addRetAttr(Attribute::NoAlias);
        if (sizeArgument)
            function->addFnAttr(Attribute::getWithAllocSizeArgs(
                function->getContext(), *sizeArgument, countArgument));
        if (!mayThrow) function->setDoesNotThrow();
    }
};

void rewriteOne(const AllocCall& kind, Constant* site, RuntimeCalls& runtime) {
    CallBase& call = *kind.call;
    LLVMContext& context = call.getContext();
    auto how = [&](uint32_t value) { return ConstantInt::get(Type::getInt32Ty(context), value); };
    auto arg = [&](unsigned i) { return call.getArgOperand(i); };
    switch (kind.family) {
    case AllocFamily::Malloc:
    case AllocFamily::New:
    case AllocFamily::NewArray:
        replaceCall(call, runtime.alloc, {arg(0), site, how(allocatorCode(kind.family))});
        return;
    case AllocFamily::NewNothrow:
    case AllocFamily::NewArrayNothrow:
        replaceCall(call, runtime.alloc,
                    {arg(0), site, how(allocatorCode(kind.family) | LU_ALLOC_NOTHROW_BIT)});
        return;
    case AllocFamily::Calloc:
        replaceCall(call, runtime.calloc, {arg(0), arg(1), site});
        return;
    case AllocFamily::Realloc:
        replaceCall(call, runtime.realloc, {arg(0), arg(1), site});
        return;
    case AllocFamily::ReallocArray: {
        // reallocarray(p, n, size): an overflowing n * size asks for SIZE_MAX,
        // which the runtime cannot satisfy, so the call fails like the original.
        IRBuilder<> builder(&call);
        Value* product = builder.CreateBinaryIntrinsic(Intrinsic::umul_with_overflow,
                                                       arg(1), arg(2));
        Value* size = builder.CreateSelect(builder.CreateExtractValue(product, 1),
                                           builder.getInt64(~uint64_t{0}),
                                           builder.CreateExtractValue(product, 0));
        replaceCall(call, runtime.realloc, {arg(0), size, site});
        return;
    }
    case AllocFamily::Strdup:
        replaceCall(call, runtime.strdup, {arg(0), site});
        return;
    case AllocFamily::Strndup:
        replaceCall(call, runtime.strndup, {arg(0), arg(1), site});
        return;
    case AllocFamily::Free:
    case AllocFamily::Delete:
    case AllocFamily::DeleteArray:
        replaceCall(call, runtime.free, {arg(0), how(allocatorCode(kind.family))});
        return;
    case AllocFamily::CustomAlloc: {
        IRBuilder<> builder(insertionPointAfter(call));
        builder.SetCurrentDebugLocation(call.getDebugLoc());
        Value* size = builder.CreateZExtOrTrunc(arg(kind.argument), builder.getInt64Ty());
        builder.CreateCall(runtime.registerObject, {&call, size, site});
        return;
    }
    case AllocFamily::Wrapper: {
        IRBuilder<> builder(insertionPointAfter(call));
        builder.SetCurrentDebugLocation(call.getDebugLoc());
        builder.CreateCall(runtime.retypeObject, {&call, site});
        return;
    }
    case AllocFamily::CustomFree: {
        IRBuilder<> builder(&call);
        builder.CreateCall(runtime.unregisterObject, {arg(kind.argument)})
            ->setDebugLoc(call.getDebugLoc());
        return;
    }
    }
}

}  // namespace

void rewriteAllocations(Module& module, const std::vector<AllocCall>& calls,
                        const std::vector<SiteModel>& sites,
                        const std::function<Constant*(size_t)>& siteAddress) {
    RuntimeCalls runtime(module);
    size_t siteIndex = 0;
    for (const AllocCall& kind : calls) {
        const size_t index = siteIndex;
        Constant* site = kind.allocates() ? siteAddress(siteIndex++) : nullptr;
        if (kind.family == AllocFamily::Wrapper && ((sites[index].flags & LU_SITE_TYPE_UNKNOWN) || kind.insideWrapper))
            continue;
        rewriteOne(kind, site, runtime);
    }
}

}  // namespace neurath::pass
