// DebugTypeOf.cpp — recovers source types of IR values from debug info.
//
// Entry points: DebugTypeOf::objectAt, pointeeOf, allocatedType (see header).
// Walks are bounded (`depth`) so phi cycles and long chains terminate.
#include "DebugTypeOf.h"

#include "TypeTable.h"
#include "libupdate/metadata.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Operator.h"

namespace neurath::pass {

using namespace llvm;

namespace {

constexpr unsigned maxDepth = 12;

bool isPointerTag(unsigned tag) {
    return tag == dwarf::DW_TAG_pointer_type || tag == dwarf::DW_TAG_reference_type ||
           tag == dwarf::DW_TAG_rvalue_reference_type;
}

std::string qualifiedCompositeName(const DICompositeType* type) {
    std::string name = type->getName().str();
    for (const DIScope* s = type->getScope(); s; s = s->getScope()) {
        if (isa<DIFile>(s) || isa<DICompileUnit>(s)) break;
        if (!s->getName().empty()) name = s->getName().str() + "::" + name;
    }
    return name;
}

}  // namespace

const DIType* pointeeOfPointerType(const DIType* type) {
    auto* pointer = dyn_cast_or_null<DIDerivedType>(stripQualifiers(type));
    if (!pointer || !isPointerTag(pointer->getTag())) return nullptr;
    return pointer->getBaseType();
}

DebugTypeOf::DebugTypeOf(Module& module) : layout_(module.getDataLayout()) {
    DebugInfoFinder finder;
    finder.processModule(module);
    for (const DIType* type : finder.types()) {
        auto* composite = dyn_cast<DICompositeType>(type);
        if (!composite || composite->isForwardDecl() || composite->getName().empty())
            continue;
        composites_.try_emplace(qualifiedCompositeName(composite), composite);
    }
}

uint64_t DebugTypeOf::sizeOf(const DIType* type) {
    type = stripQualifiers(type);
    return type ? type->getSizeInBits() / 8 : 0;
}

const DIType* DebugTypeOf::memberAt(const DIType* type, uint64_t offset,
                                    uint64_t size) {
    for (unsigned steps = 0; type && steps < maxDepth; ++steps) {
        type = stripQualifiers(type);
        if (!type) return nullptr;
        uint64_t typeSize = sizeOf(type);
        if (offset == 0 && (typeSize == size || size == 0)) return type;
        auto* composite = dyn_cast<DICompositeType>(type);
        if (!composite) return offset == 0 && typeSize >= size ? type : nullptr;
        if (composite->getTag() == dwarf::DW_TAG_array_type) {
            uint64_t elementSize = sizeOf(composite->getBaseType());
            if (elementSize == 0) return nullptr;
            offset %= elementSize;
            type = composite->getBaseType();
            continue;
        }
        const DIType* next = nullptr;
        uint64_t nextOffset = 0;
        for (const DINode* element : composite->getElements()) {
            auto* member = dyn_cast_or_null<DIDerivedType>(element);
            if (!member || member->isStaticMember()) continue;
            if (member->getTag() != dwarf::DW_TAG_member &&
                member->getTag() != dwarf::DW_TAG_inheritance)
                continue;
            uint64_t start = member->getOffsetInBits() / 8;
            uint64_t memberSize = sizeOf(member->getBaseType());
            if (offset < start || offset >= start + std::max<uint64_t>(memberSize, 1))
                continue;
            // In a union several members overlap: prefer one of the exact size.
            if (!next || (offset == start && memberSize == size)) {
                next = member->getBaseType();
                nextOffset = offset - start;
            }
        }
        if (!next) return nullptr;
        type = next;
        offset = nextOffset;
    }
    return nullptr;
}

const DIType* DebugTypeOf::objectAt(const Value* address, uint64_t size,
                                    unsigned depth) {
    if (!address || depth > maxDepth) return nullptr;
    address = address->stripPointerCasts();
    const DIType* type = nullptr;
    if (auto* alloca = dyn_cast<AllocaInst>(address)) {
        for (DbgDeclareInst* declare :
             FindDbgDeclareUses(const_cast<AllocaInst*>(alloca))) {
            type = declare->getVariable()->getType();
            break;
        }
    } else if (auto* global = dyn_cast<GlobalVariable>(address)) {
        SmallVector<DIGlobalVariableExpression*, 1> expressions;
        global->getDebugInfo(expressions);
        if (!expressions.empty()) type = expressions.front()->getVariable()->getType();
    } else if (auto* gep = dyn_cast<GEPOperator>(address)) {
        type = gepTarget(*gep, depth + 1);
    } else {
        type = pointeeOf(address, depth + 1);
    }
    return type ? memberAt(type, 0, size) : nullptr;
}

const DIType* DebugTypeOf::pointeeOf(const Value* pointer, unsigned depth) {
    if (!pointer || depth > maxDepth) return nullptr;
    pointer = pointer->stripPointerCasts();
    if (isa<AllocaInst>(pointer) || isa<GlobalVariable>(pointer))
        return objectAt(pointer, 0, depth + 1);
    if (auto* gep = dyn_cast<GEPOperator>(pointer)) return gepTarget(*gep, depth + 1);
    if (auto* load = dyn_cast<LoadInst>(pointer))
        return pointeeOfPointerType(objectAt(load->getPointerOperand(), 8, depth + 1));
    if (auto* argument = dyn_cast<Argument>(pointer))
        return pointeeOfPointerType(parameterType(*argument));
    if (auto* call = dyn_cast<CallBase>(pointer)) {
        if (const Function* callee = call->getCalledFunction())
            if (const DISubprogram* sp = callee->getSubprogram())
                if (auto types = sp->getType()->getTypeArray(); types.size() > 0)
                    return pointeeOfPointerType(types[0]);
        return nullptr;
    }
    if (auto* phi = dyn_cast<PHINode>(pointer))
        return phi->getNumIncomingValues() ? pointeeOf(phi->getIncomingValue(0), depth + 1)
                                           : nullptr;
    if (auto* select = dyn_cast<SelectInst>(pointer))
        return pointeeOf(select->getTrueValue(), depth + 1);
    return nullptr;
}

const DIType* DebugTypeOf::parameterType(const Argument& argument) {
    const Function* function = argument.getParent();
    const DISubprogram* sp = function->getSubprogram();
    if (!sp || argument.hasStructRetAttr()) return nullptr;
    unsigned index = argument.getArgNo();
    for (unsigned i = 0; i < argument.getArgNo(); ++i)
        if (function->getArg(i)->hasStructRetAttr()) --index;
    auto types = sp->getType()->getTypeArray();
    if (index + 1 >= types.size()) return nullptr;
    return types[index + 1];
}

const DIType* DebugTypeOf::gepTarget(const GEPOperator& gep, unsigned depth) {
    const DIType* type = pointeeOf(gep.getPointerOperand(), depth + 1);
    if (!type) return nullptr;
    uint64_t resultSize = layout_.getTypeAllocSize(gep.getResultElementType());
    if (gep.getNumIndices() == 0) return memberAt(type, 0, resultSize);
    APInt offset(64, 0);
    if (gep.getSourceElementType()->isIntegerTy() &&
        gep.accumulateConstantOffset(layout_, offset)) {
        uint64_t typeSize = sizeOf(type);
        int64_t bytes = offset.getSExtValue();
        if (typeSize == 0 || bytes < 0) return nullptr;
        return memberAt(type, static_cast<uint64_t>(bytes) % typeSize, resultSize);
    }
    // Typed GEP: the first index steps over whole objects, the rest descend.
    Type* irType = gep.getSourceElementType();
    unsigned pendingDims = 0;
    for (auto index = gep.idx_begin() + 1; index != gep.idx_end(); ++index) {
        type = stripQualifiers(type);
        auto* composite = dyn_cast_or_null<DICompositeType>(type);
        if (!composite) return nullptr;
        if (auto* structType = dyn_cast<StructType>(irType)) {
            auto* field = dyn_cast<ConstantInt>(index->get());
            if (!field) return nullptr;
            unsigned fieldIndex = static_cast<unsigned>(field->getZExtValue());
            uint64_t fieldOffset =
                layout_.getStructLayout(structType)->getElementOffset(fieldIndex);
            irType = structType->getElementType(fieldIndex);
            type = memberAt(type, fieldOffset, layout_.getTypeAllocSize(irType));
            continue;
        }
        if (auto* arrayType = dyn_cast<ArrayType>(irType)) {
            irType = arrayType->getElementType();
            if (composite->getTag() != dwarf::DW_TAG_array_type) return nullptr;
            unsigned dims = 0;
            for (const DINode* node : composite->getElements())
                dims += isa_and_nonnull<DISubrange>(node) ? 1 : 0;
            if (++pendingDims >= dims) {
                type = composite->getBaseType();
                pendingDims = 0;
            }
            continue;
        }
        return nullptr;
    }
    return pendingDims ? nullptr : memberAt(type, 0, resultSize);
}

const DICompositeType* DebugTypeOf::compositeNamed(StringRef irStructName) {
    // "struct.node", "class.ns::Cls", "union.u", maybe with a ".123" suffix.
    size_t dot = irStructName.find('.');
    if (dot == StringRef::npos) return nullptr;
    StringRef name = irStructName.drop_front(dot + 1);
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto found = composites_.find(name);
        if (found != composites_.end()) return found->second;
        size_t suffix = name.rfind('.');
        if (suffix == StringRef::npos) break;
        name = name.take_front(suffix);
    }
    return nullptr;
}

const DIType* DebugTypeOf::typeFromUse(const User& user, const Value& value,
                                       uint32_t& flags) {
    if (auto* store = dyn_cast<StoreInst>(&user)) {
        if (store->getValueOperand() != &value) return nullptr;
        flags = LU_SITE_TYPE_STORE;
        return pointeeOfPointerType(objectAt(store->getPointerOperand(), 8));
    }
    flags = LU_SITE_TYPE_CAST;
    if (auto* ret = dyn_cast<ReturnInst>(&user)) {
        const DISubprogram* sp = ret->getFunction()->getSubprogram();
        if (!sp) return nullptr;
        auto types = sp->getType()->getTypeArray();
        return types.size() ? pointeeOfPointerType(types[0]) : nullptr;
    }
    if (auto* gep = dyn_cast<GEPOperator>(&user)) {
        if (gep->getPointerOperand() != &value) return nullptr;
        if (auto* structType = dyn_cast<StructType>(gep->getSourceElementType()))
            if (structType->hasName()) return compositeNamed(structType->getName());
        return nullptr;
    }
    if (auto* call = dyn_cast<CallBase>(&user)) {
        const Function* callee = call->getCalledFunction();
        if (!callee || !callee->getSubprogram()) return nullptr;
        for (unsigned i = 0; i < call->arg_size(); ++i)
            if (call->getArgOperand(i) == &value && i < callee->arg_size())
                return pointeeOfPointerType(parameterType(*callee->getArg(i)));
    }
    return nullptr;
}

const DIType* DebugTypeOf::allocatorTemplateType(const CallBase& call) {
    // std::allocator<T>::allocate calls ::operator new(n * sizeof(T)) with no
    // !heapallocsite; T is the allocator class's template argument.
    const DISubprogram* sp = call.getFunction()->getSubprogram();
    if (!sp) return nullptr;
    if (const DISubprogram* declaration = sp->getDeclaration()) sp = declaration;
    auto* owner = dyn_cast_or_null<DICompositeType>(sp->getScope());
    if (!owner || !owner->getName().contains("allocator")) return nullptr;
    for (const DITemplateParameter* parameter : owner->getTemplateParams())
        if (auto* typeParameter = dyn_cast_or_null<DITemplateTypeParameter>(parameter))
            return typeParameter->getType();
    return nullptr;
}

InferredType DebugTypeOf::allocatedType(const CallBase& call, const Value* oldPointer) {
    if (MDNode* site = call.getMetadata("heapallocsite"))
        if (auto* type = dyn_cast<DIType>(site))
            return {type, LU_SITE_TYPE_HEAPALLOCSITE};
    SmallVector<const Value*, 4> values{&call};
    for (size_t i = 0; i < values.size() && i < 16; ++i) {
        for (const User* user : values[i]->users()) {
            if (isa<BitCastInst>(user) || isa<AddrSpaceCastInst>(user)) {
                values.push_back(user);
                continue;
            }
            uint32_t flags = 0;
            if (const DIType* type = typeFromUse(*user, *values[i], flags))
                return {type, flags};
        }
    }
    if (oldPointer)
        if (const DIType* type = pointeeOf(oldPointer)) return {type, LU_SITE_TYPE_CAST};
    if (const DIType* type = allocatorTemplateType(call))
        return {type, LU_SITE_TYPE_CAST};
    return {nullptr, LU_SITE_TYPE_UNKNOWN};
}

}  // namespace neurath::pass
