// GlobalCollector.cpp — describes global/static variables and code symbols.
//
// Entry points: collectGlobals, collectSymbols, isPassGlobal. Variables come
// with their debug-info name and type; a writable variable with no debug
// info is still listed (type UNKNOWN, LU_GLOBAL_NO_DEBUG_INFO) so the runtime
// can at least copy its bytes. Constants without debug info (string
// literals, typeinfo, vtables) are not variables and are skipped.
// Annotations come from debug info (btf_decl_tag, C only in clang 16) or,
// for C and C++ alike, from annotate("lu.no_transfer") /
// annotate("lu.renamed_from=<old name>") on the variable.
#include "GlobalCollector.h"

#include "IRHelpers.h"
#include "Names.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Module.h"

namespace neurath::pass {

using namespace llvm;

bool isPassGlobal(StringRef name) {
    return name.startswith("__lu_") || name.startswith("llvm.");
}

namespace {

GlobalModel describeWithDebugInfo(GlobalVariable& variable,
                                  const DIGlobalVariable& debug, TypeTable& types) {
    GlobalModel global;
    global.variable = &variable;
    global.symbol = variable.getName().str();
    // A static data member is scoped by its class through its declaration.
    if (const DIDerivedType* member = debug.getStaticDataMemberDeclaration())
        global.name = qualifiedName(member->getScope(), member->getName());
    else
        global.name = qualifiedName(debug.getScope(), debug.getName());
    global.renamedFrom = declTag(debug.getAnnotations(), "lu.renamed_from");
    global.type = types.fromDebug(debug.getType());
    global.declaredAs = typedefName(debug.getType());
    bool noTransfer = false;
    declTag(debug.getAnnotations(), "lu.no_transfer", &noTransfer);
    if (noTransfer) global.flags |= LU_GLOBAL_NO_TRANSFER;
    if (isa_and_nonnull<DISubprogram>(debug.getScope()) ||
        isa_and_nonnull<DILexicalBlockBase>(debug.getScope()))
        global.flags |= LU_GLOBAL_LOCAL_STATIC;
    return global;
}

GlobalModel describeWithoutDebugInfo(GlobalVariable& variable, uint64_t size,
                                     TypeTable& types) {
    GlobalModel global;
    global.variable = &variable;
    global.symbol = variable.getName().str();
    global.name = demangledBase(variable.getName());
    global.type = types.unknown(size);
    global.flags |= LU_GLOBAL_NO_DEBUG_INFO;
    // C++ guard variables of local statics are plain flags, copied as bytes.
    if (!variable.getName().startswith("_ZGV")) global.flags |= LU_GLOBAL_IMPRECISE;
    return global;
}

// annotate("...") on a variable: the same meaning as its btf_decl_tag form.
void applySourceAnnotations(const std::vector<std::string>& texts, GlobalModel& global) {
    static const std::string kRenamedFrom = "lu.renamed_from=";
    for (const std::string& text : texts) {
        if (text == "lu.no_transfer") global.flags |= LU_GLOBAL_NO_TRANSFER;
        else if (text.rfind(kRenamedFrom, 0) == 0) global.renamedFrom = text.substr(kRenamedFrom.size());
    }
}

}  // namespace

void collectGlobals(Module& module, TypeTable& types, ModuleModel& model) {
    const DataLayout& layout = module.getDataLayout();
    const SourceAnnotations annotations = sourceAnnotations(module);
    for (GlobalVariable& variable : module.globals()) {
        if (variable.isDeclaration() || variable.hasAvailableExternallyLinkage() ||
            isPassGlobal(variable.getName()))
            continue;
        SmallVector<DIGlobalVariableExpression*, 1> expressions;
        variable.getDebugInfo(expressions);
        uint64_t size = layout.getTypeAllocSize(variable.getValueType());
        GlobalModel global;
        // clang describes string literals as nameless variables: not state.
        if (!expressions.empty() && expressions.front()->getVariable()->getName().empty())
            continue;
        if (!expressions.empty()) {
            global = describeWithDebugInfo(variable, *expressions.front()->getVariable(),
                                           types);
        } else {
            if (variable.isConstant() || variable.hasGlobalUnnamedAddr()) continue;
            global = describeWithoutDebugInfo(variable, size, types);
        }
        if (auto found = annotations.find(&variable); found != annotations.end())
            applySourceAnnotations(found->second, global);
        global.size = size;
        if (variable.isConstant()) global.flags |= LU_GLOBAL_CONST;
        if (variable.hasLocalLinkage()) global.flags |= LU_GLOBAL_INTERNAL;
        if (variable.isThreadLocal()) global.flags |= LU_GLOBAL_THREAD_LOCAL;
        model.globals.push_back(std::move(global));
    }
}

void collectSymbols(Module& module, ModuleModel& model) {
    for (Function& function : module.functions()) {
        if (function.isDeclaration() || function.isIntrinsic() ||
            function.hasAvailableExternallyLinkage())
            continue;
        // A function pointer can only hold a function whose address is taken
        // here, or an external one some other unit may take. Inline and
        // template (linkonce) functions taken elsewhere are listed there.
        bool mayBeTakenElsewhere =
            !function.hasLocalLinkage() && !function.hasLinkOnceLinkage();
        if (!mayBeTakenElsewhere && !function.hasAddressTaken()) continue;
        SymbolModel symbol;
        symbol.name = function.getName().str();
        symbol.address = &function;
        symbol.kind = LU_SYMBOL_FUNCTION;
        symbol.flags = function.hasLocalLinkage() ? 1u : 0u;
        model.symbols.push_back(std::move(symbol));
    }
    const DataLayout& layout = module.getDataLayout();
    for (GlobalVariable& variable : module.globals()) {
        if (variable.isDeclaration() || !variable.getName().startswith("_ZTV")) continue;
        SymbolModel symbol;
        symbol.name = variable.getName().str();
        symbol.address = &variable;
        symbol.size = layout.getTypeAllocSize(variable.getValueType());
        symbol.kind = LU_SYMBOL_VTABLE;
        symbol.flags = variable.hasLocalLinkage() ? 1u : 0u;
        model.symbols.push_back(std::move(symbol));
    }
}

}  // namespace neurath::pass
