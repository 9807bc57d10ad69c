// TypeTable.cpp — converts debug-info types into metadata type records.
//
// Entry points: TypeTable::fromDebug/unknown/voidType/arrayOf/finish, declTag,
// stripQualifiers. Recursive types terminate because a struct's record is
// cached before its fields are converted.
#include "TypeTable.h"

#include "Names.h"
#include "llvm/BinaryFormat/Dwarf.h"

namespace neurath::pass {

using namespace llvm;

std::string declTag(DINodeArray annotations, StringRef key, bool* present) {
    if (present) *present = false;
    if (!annotations) return "";
    for (const MDOperand& operand : annotations.get()->operands()) {
        auto* node = dyn_cast_or_null<MDNode>(operand.get());
        if (!node || node->getNumOperands() != 2) continue;
        auto* kind = dyn_cast<MDString>(node->getOperand(0));
        auto* text = dyn_cast<MDString>(node->getOperand(1));
        if (!kind || !text || kind->getString() != "btf_decl_tag") continue;
        StringRef tag = text->getString();
        if (tag == key) {
            if (present) *present = true;
            return "";
        }
        if (tag.startswith(key) && tag.drop_front(key.size()).startswith("=")) {
            if (present) *present = true;
            return tag.drop_front(key.size() + 1).str();
        }
    }
    return "";
}

std::string typedefName(const DIType* type) {
    while (auto* derived = dyn_cast_or_null<DIDerivedType>(type)) {
        if (derived->getTag() == dwarf::DW_TAG_typedef) return derived->getName().str();
        if (derived->getTag() != dwarf::DW_TAG_const_type &&
            derived->getTag() != dwarf::DW_TAG_volatile_type)
            return "";
        type = derived->getBaseType();
    }
    return "";
}

const DIType* stripQualifiers(const DIType* type) {
    while (auto* derived = dyn_cast_or_null<DIDerivedType>(type)) {
        switch (derived->getTag()) {
        case dwarf::DW_TAG_typedef:
        case dwarf::DW_TAG_const_type:
        case dwarf::DW_TAG_volatile_type:
        case dwarf::DW_TAG_restrict_type:
        case dwarf::DW_TAG_atomic_type:
            type = derived->getBaseType();
            continue;
        default:
            return type;
        }
    }
    return type;
}

TypeIndex TypeTable::add(TypeModel model) {
    types_.push_back(std::move(model));
    return static_cast<TypeIndex>(types_.size() - 1);
}

TypeIndex TypeTable::voidType() {
    if (!haveVoid_) {
        TypeModel model;
        model.name = "void";
        model.kind = LU_KIND_VOID;
        void_ = add(std::move(model));
        haveVoid_ = true;
    }
    return void_;
}

TypeIndex TypeTable::charType() {
    if (!haveChar_) {
        TypeModel model;
        model.name = "char";
        model.kind = LU_KIND_INTEGER;
        model.size = 1;
        model.align = 1;
        model.flags = LU_TYPE_CHAR | LU_TYPE_SIGNED;
        char_ = add(std::move(model));
        haveChar_ = true;
    }
    return char_;
}

TypeIndex TypeTable::unknown(uint64_t size) {
    auto found = unknownBySize_.find(size);
    if (found != unknownBySize_.end()) return found->second;
    TypeModel model;
    model.name = "<unknown>";
    model.kind = LU_KIND_UNKNOWN;
    model.size = size;
    TypeIndex index = add(std::move(model));
    unknownBySize_[size] = index;
    return index;
}

TypeIndex TypeTable::arrayOf(TypeIndex element, uint64_t count) {
    auto key = std::make_pair(element, count);
    auto found = arrays_.find(key);
    if (found != arrays_.end()) return found->second;
    TypeModel model;
    // C order: an array of 2 `int[3]` is "int[2][3]".
    const std::string& inner = types_[element].name;
    size_t dims = types_[element].kind == LU_KIND_ARRAY ? inner.find('[') : std::string::npos;
    std::string bound = "[" + std::to_string(count) + "]";
    model.name = dims == std::string::npos ? inner + bound
                                           : inner.substr(0, dims) + bound + inner.substr(dims);
    model.kind = LU_KIND_ARRAY;
    model.size = types_[element].size * count;
    model.align = types_[element].align;
    model.hasTarget = true;
    model.target = element;
    model.count = count;
    if (count == 0) model.flags |= LU_TYPE_FLEXIBLE;
    TypeIndex index = add(std::move(model));
    arrays_[key] = index;
    return index;
}

TypeIndex TypeTable::fromDebug(const DIType* type) {
    if (!type) return voidType();
    auto found = cache_.find(type);
    if (found != cache_.end()) return found->second;
    TypeIndex index = convert(type);
    cache_[type] = index;
    return index;
}

TypeIndex TypeTable::convert(const DIType* type) {
    if (auto* basic = dyn_cast<DIBasicType>(type)) return convertBasic(basic);
    if (auto* derived = dyn_cast<DIDerivedType>(type)) return convertDerived(derived);
    if (auto* composite = dyn_cast<DICompositeType>(type))
        return convertComposite(composite);
    return unknown(type->getSizeInBits() / 8);
}

TypeIndex TypeTable::convertBasic(const DIBasicType* type) {
    TypeModel model;
    model.name = type->getName().str();
    model.size = type->getSizeInBits() / 8;
    model.align = static_cast<uint32_t>(model.size);
    switch (type->getEncoding()) {
    case dwarf::DW_ATE_float:
        model.kind = LU_KIND_FLOAT;
        break;
    case dwarf::DW_ATE_boolean:
        model.kind = LU_KIND_INTEGER;
        model.flags = LU_TYPE_BOOL;
        break;
    case dwarf::DW_ATE_signed:
        model.kind = LU_KIND_INTEGER;
        model.flags = LU_TYPE_SIGNED;
        break;
    case dwarf::DW_ATE_signed_char:
        model.kind = LU_KIND_INTEGER;
        model.flags = LU_TYPE_SIGNED | LU_TYPE_CHAR;
        break;
    case dwarf::DW_ATE_unsigned_char:
    case dwarf::DW_ATE_UTF:
        model.kind = LU_KIND_INTEGER;
        model.flags = LU_TYPE_CHAR;
        break;
    case dwarf::DW_ATE_unsigned:
        model.kind = LU_KIND_INTEGER;
        break;
    default:
        model.kind = type->getTag() == dwarf::DW_TAG_unspecified_type
                         ? LU_KIND_VOID  // decltype(nullptr) and friends
                         : LU_KIND_UNKNOWN;
        break;
    }
    return add(std::move(model));
}

TypeIndex TypeTable::convertDerived(const DIDerivedType* type) {
    switch (type->getTag()) {
    case dwarf::DW_TAG_pointer_type:
    case dwarf::DW_TAG_reference_type:
    case dwarf::DW_TAG_rvalue_reference_type:
        return convertPointer(type);
    case dwarf::DW_TAG_typedef: {
        TypeIndex base = fromDebug(type->getBaseType());
        // typedef struct { ... } name;  names the anonymous struct.
        if (types_[base].name.empty() && types_[base].kind != LU_KIND_VOID)
            types_[base].name = qualifiedName(type->getScope(), type->getName());
        return base;
    }
    case dwarf::DW_TAG_const_type:
    case dwarf::DW_TAG_volatile_type:
    case dwarf::DW_TAG_restrict_type:
    case dwarf::DW_TAG_atomic_type:
        return fromDebug(type->getBaseType());
    default: {
        // Pointers to members and anything exotic: opaque bytes.
        TypeModel model;
        model.name = displayName(type);
        model.kind = LU_KIND_UNKNOWN;
        model.size = type->getSizeInBits() / 8;
        model.flags = LU_TYPE_IMPRECISE;
        return add(std::move(model));
    }
    }
}

TypeIndex TypeTable::convertPointer(const DIDerivedType* type) {
    TypeModel model;
    model.size = type->getSizeInBits() ? type->getSizeInBits() / 8 : 8;
    model.align = 8;
    model.name = displayName(type);
    if (type->getTag() != dwarf::DW_TAG_pointer_type)
        model.flags |= LU_TYPE_REFERENCE;
    const DIType* pointee = type->getBaseType();
    // clang describes a vptr as a pointer to the pointer type "__vtbl_ptr_type".
    auto* vtableEntry = dyn_cast_or_null<DIDerivedType>(stripQualifiers(pointee));
    if (type->getName() == "__vtbl_ptr_type" ||
        (vtableEntry && vtableEntry->getName() == "__vtbl_ptr_type")) {
        model.kind = LU_KIND_VTABLE_POINTER;
        return add(std::move(model));
    }
    if (auto* qualified = dyn_cast_or_null<DIDerivedType>(pointee);
        qualified && qualified->getTag() == dwarf::DW_TAG_const_type)
        model.flags |= LU_TYPE_CONST;
    const DIType* bare = stripQualifiers(pointee);
    if (isa_and_nonnull<DISubroutineType>(bare)) {
        model.kind = LU_KIND_FUNCTION_POINTER;
        return add(std::move(model));
    }
    auto* basic = dyn_cast_or_null<DIBasicType>(bare);
    bool isChar = basic && basic->getName() == "char" &&
                  (basic->getEncoding() == dwarf::DW_ATE_signed_char ||
                   basic->getEncoding() == dwarf::DW_ATE_unsigned_char);
    model.kind = isChar ? LU_KIND_C_STRING : LU_KIND_POINTER;
    TypeIndex index = add(std::move(model));
    cache_[type] = index;  // before the pointee: it may point back to us
    TypeIndex target = fromDebug(pointee);
    types_[index].hasTarget = true;
    types_[index].target = target;
    return index;
}

TypeIndex TypeTable::convertComposite(const DICompositeType* type) {
    switch (type->getTag()) {
    case dwarf::DW_TAG_array_type:
        return convertArray(type);
    case dwarf::DW_TAG_enumeration_type:
        return convertEnum(type);
    case dwarf::DW_TAG_structure_type:
    case dwarf::DW_TAG_class_type:
    case dwarf::DW_TAG_union_type:
        break;
    default:
        return unknown(type->getSizeInBits() / 8);
    }
    TypeModel model;
    model.name = type->getName().empty()
                     ? std::string()
                     : qualifiedName(type->getScope(), type->getName());
    model.renamedFrom = declTag(type->getAnnotations(), "lu.renamed_from");
    model.size = type->getSizeInBits() / 8;
    model.align = type->getAlignInBits() / 8;
    model.kind = type->getTag() == dwarf::DW_TAG_union_type ? LU_KIND_UNION
                                                            : LU_KIND_STRUCT;
    if (type->getTag() == dwarf::DW_TAG_class_type) model.flags |= LU_TYPE_CLASS;
    if (type->isForwardDecl()) model.flags |= LU_TYPE_INCOMPLETE;
    TypeIndex index = add(std::move(model));
    cache_[type] = index;  // before the fields: they may point back to us
    fillFields(index, type);
    return index;
}

void TypeTable::fillFields(TypeIndex index, const DICompositeType* type) {
    std::vector<FieldModel> fields;
    for (const DINode* element : type->getElements()) {
        auto* member = dyn_cast_or_null<DIDerivedType>(element);
        if (!member) continue;  // methods, template parameters, ...
        bool isBase = member->getTag() == dwarf::DW_TAG_inheritance;
        if (member->getTag() != dwarf::DW_TAG_member && !isBase) continue;
        if (member->isStaticMember()) continue;
        FieldModel field;
        field.type = fromDebug(member->getBaseType());
        field.name = isBase ? types_[field.type].name : member->getName().str();
        field.declaredAs = typedefName(member->getBaseType());
        field.renamedFrom = declTag(member->getAnnotations(), "lu.renamed_from");
        field.defaultValue = declTag(member->getAnnotations(), "lu.default");
        bool noTransfer = false;
        declTag(member->getAnnotations(), "lu.no_transfer", &noTransfer);
        uint64_t bitOffset = member->getOffsetInBits();
        field.offset = bitOffset / 8;
        if (member->isBitField()) {
            field.bitOffset = static_cast<uint32_t>(bitOffset % 8);
            field.bitSize = static_cast<uint32_t>(member->getSizeInBits());
        }
        if (isBase) field.flags |= LU_FIELD_BASE;
        if (member->isArtificial()) field.flags |= LU_FIELD_ARTIFICIAL;
        if (noTransfer) field.flags |= LU_FIELD_NO_TRANSFER;
        fields.push_back(std::move(field));
    }
    types_[index].fields = std::move(fields);
}

TypeIndex TypeTable::convertArray(const DICompositeType* type) {
    TypeIndex element = fromDebug(type->getBaseType());
    std::vector<int64_t> counts;
    for (const DINode* node : type->getElements()) {
        auto* range = dyn_cast_or_null<DISubrange>(node);
        if (!range) continue;
        int64_t count = 0;
        if (auto* constant = range->getCount().dyn_cast<ConstantInt*>())
            count = constant->getSExtValue();
        counts.push_back(count < 0 ? 0 : count);
    }
    // int a[2][3]: an array of 2 arrays of 3 ints; build from the inside.
    TypeIndex result = element;
    for (auto it = counts.rbegin(); it != counts.rend(); ++it)
        result = arrayOf(result, static_cast<uint64_t>(*it));
    return result;
}

TypeIndex TypeTable::convertEnum(const DICompositeType* type) {
    TypeModel model;
    model.name = type->getName().empty()
                     ? std::string()
                     : qualifiedName(type->getScope(), type->getName());
    model.renamedFrom = declTag(type->getAnnotations(), "lu.renamed_from");
    model.kind = LU_KIND_ENUM;
    model.size = type->getSizeInBits() / 8;
    model.align = static_cast<uint32_t>(model.size);
    bool anyNegative = false;
    for (const DINode* node : type->getElements()) {
        auto* enumerator = dyn_cast_or_null<DIEnumerator>(node);
        if (!enumerator) continue;
        const APInt& value = enumerator->getValue();
        int64_t bits = enumerator->isUnsigned()
                           ? static_cast<int64_t>(value.getZExtValue())
                           : value.getSExtValue();
        anyNegative |= !enumerator->isUnsigned() && bits < 0;
        model.enumerators.push_back({enumerator->getName().str(), bits});
    }
    TypeIndex index = add(std::move(model));
    cache_[type] = index;
    TypeIndex underlying;
    if (type->getBaseType()) {
        underlying = fromDebug(type->getBaseType());
    } else {
        TypeModel integer;
        integer.name = anyNegative ? "int" : "unsigned int";
        integer.kind = LU_KIND_INTEGER;
        integer.size = types_[index].size;
        integer.align = static_cast<uint32_t>(integer.size);
        integer.flags = anyNegative ? LU_TYPE_SIGNED : 0;
        underlying = add(std::move(integer));
    }
    types_[index].hasTarget = true;
    types_[index].target = underlying;
    types_[index].flags |= types_[underlying].flags & LU_TYPE_SIGNED;
    return index;
}

std::string TypeTable::displayName(const DIType* type) {
    if (!type) return "void";
    if (auto* subroutine = dyn_cast<DISubroutineType>(type)) {
        std::string text;
        auto params = subroutine->getTypeArray();
        text += params.size() > 0 ? displayName(params[0]) : "void";
        text += "(";
        for (unsigned i = 1; i < params.size(); ++i) {
            if (i > 1) text += ",";
            text += params[i] ? displayName(params[i]) : "...";
        }
        return text + ")";
    }
    if (auto* derived = dyn_cast<DIDerivedType>(type)) {
        switch (derived->getTag()) {
        case dwarf::DW_TAG_pointer_type:
            if (derived->getName() == "__vtbl_ptr_type") return "__vtbl_ptr_type";
            return displayName(derived->getBaseType()) + "*";
        case dwarf::DW_TAG_reference_type:
            return displayName(derived->getBaseType()) + "&";
        case dwarf::DW_TAG_rvalue_reference_type:
            return displayName(derived->getBaseType()) + "&&";
        case dwarf::DW_TAG_const_type:
            return "const " + displayName(derived->getBaseType());
        case dwarf::DW_TAG_volatile_type:
        case dwarf::DW_TAG_restrict_type:
        case dwarf::DW_TAG_atomic_type:
            return displayName(derived->getBaseType());
        default:
            break;
        }
    }
    if (type->getName().empty()) return "<anonymous>";
    return qualifiedName(type->getScope(), type->getName());
}

void TypeTable::finish() {
    auto pointerKind = [](uint32_t kind) {
        return kind == LU_KIND_POINTER || kind == LU_KIND_C_STRING ||
               kind == LU_KIND_FUNCTION_POINTER || kind == LU_KIND_VTABLE_POINTER;
    };
    bool changed = true;
    while (changed) {
        changed = false;
        for (TypeModel& type : types_) {
            if (type.flags & LU_TYPE_HAS_POINTERS) continue;
            bool has = pointerKind(type.kind);
            if (type.kind == LU_KIND_ARRAY && type.hasTarget)
                has = types_[type.target].flags & LU_TYPE_HAS_POINTERS;
            for (const FieldModel& field : type.fields)
                has = has || (types_[field.type].flags & LU_TYPE_HAS_POINTERS);
            if (has) {
                type.flags |= LU_TYPE_HAS_POINTERS;
                changed = true;
            }
        }
    }
}

}  // namespace neurath::pass
