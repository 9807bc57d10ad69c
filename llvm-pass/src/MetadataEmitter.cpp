// MetadataEmitter.cpp — builds the metadata tables as IR constants.
//
// Entry points: MetadataEmitter (constructor), siteAddress, pointAddress,
// emit. The LLVM struct types below mirror libupdate/metadata.h member for
// member; natural alignment gives the same LP64 layout (sizes are
// static_asserted in the header).
#include "MetadataEmitter.h"

#include "llvm/IR/DerivedTypes.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

namespace neurath::pass {

using namespace llvm;

MetadataEmitter::MetadataEmitter(Module& module, size_t siteCount, size_t pointCount)
    : module_(module), context_(module.getContext()) {
    ptr_ = PointerType::getUnqual(context_);
    Type* i32t = Type::getInt32Ty(context_);
    Type* i64t = Type::getInt64Ty(context_);
    fieldType_ = StructType::create(
        context_, {ptr_, ptr_, ptr_, ptr_, i64t, i32t, i32t, i32t, i32t}, "lu.field");
    enumeratorType_ = StructType::create(context_, {ptr_, i64t}, "lu.enumerator");
    typeType_ = StructType::create(
        context_, {ptr_, ptr_, i64t, i32t, i32t, i32t, i32t, ptr_, i64t, ptr_, ptr_},
        "lu.type");
    globalType_ = StructType::create(
        context_, {ptr_, ptr_, ptr_, ptr_, i64t, ptr_, i32t, i32t}, "lu.global");
    symbolType_ = StructType::create(context_, {ptr_, ptr_, i64t, i32t, i32t}, "lu.symbol");
    siteType_ = StructType::create(
        context_, {i64t, ptr_, ptr_, i32t, i32t, ptr_, ptr_, i32t, i32t}, "lu.alloc_site");
    pointType_ = StructType::create(
        context_, {i64t, ptr_, ptr_, ptr_, i32t, i32t}, "lu.quiescent_point");
    moduleType_ = StructType::create(
        context_,
        {i32t, i32t, ptr_, i32t, i32t, ptr_, i64t, ptr_, i64t, ptr_, i64t, ptr_, i64t,
         ptr_, i64t},
        "lu.module");
    sites_ = table("__lu_alloc_sites", siteType_, siteCount);
    points_ = table("__lu_quiescent_points", pointType_, pointCount);
}

GlobalVariable* MetadataEmitter::table(const char* name, StructType* type, size_t count) {
    if (count == 0) return nullptr;
    auto* arrayType = ArrayType::get(type, count);
    auto* global = new GlobalVariable(module_, arrayType, /*isConstant=*/true,
                                      GlobalValue::InternalLinkage,
                                      ConstantAggregateZero::get(arrayType), name);
    global->setAlignment(Align(8));
    return global;
}

Constant* MetadataEmitter::element(GlobalVariable* table, size_t index) {
    if (!table) return ConstantPointerNull::get(ptr_);
    Constant* indices[] = {i64(0), i64(index)};
    return ConstantExpr::getInBoundsGetElementPtr(table->getValueType(), table, indices);
}

Constant* MetadataEmitter::siteAddress(size_t index) { return element(sites_, index); }
Constant* MetadataEmitter::pointAddress(size_t index) { return element(points_, index); }
Constant* MetadataEmitter::typeRef(size_t index) { return element(types_, index); }

Constant* MetadataEmitter::i32(uint32_t value) {
    return ConstantInt::get(Type::getInt32Ty(context_), value);
}
Constant* MetadataEmitter::i64(uint64_t value) {
    return ConstantInt::get(Type::getInt64Ty(context_), value);
}

Constant* MetadataEmitter::string(const std::string& text) {
    auto found = strings_.find(text);
    if (found != strings_.end()) return found->second;
    Constant* data = ConstantDataArray::getString(context_, text, /*AddNull=*/true);
    auto* global = new GlobalVariable(module_, data->getType(), true,
                                      GlobalValue::PrivateLinkage, data, "__lu_str");
    global->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    global->setAlignment(Align(1));
    strings_[text] = global;
    return global;
}

Constant* MetadataEmitter::emitTypes(const ModuleModel& model) {
    types_ = table("__lu_types", typeType_, model.types.size());
    std::vector<Constant*> fields, enumerators;
    std::vector<size_t> firstField, firstEnumerator;
    for (const TypeModel& type : model.types) {
        firstField.push_back(fields.size());
        for (const FieldModel& field : type.fields)
            fields.push_back(ConstantStruct::get(
                fieldType_, {string(field.name), string(field.renamedFrom),
                             string(field.defaultValue), typeRef(field.type),
                             i64(field.offset), i32(field.bitOffset), i32(field.bitSize),
                             i32(field.flags), i32(0)}));
        firstEnumerator.push_back(enumerators.size());
        for (const EnumeratorModel& enumerator : type.enumerators)
            enumerators.push_back(ConstantStruct::get(
                enumeratorType_,
                {string(enumerator.name), i64(static_cast<uint64_t>(enumerator.value))}));
    }
    GlobalVariable* fieldTable = table("__lu_fields", fieldType_, fields.size());
    if (fieldTable)
        fieldTable->setInitializer(ConstantArray::get(
            cast<ArrayType>(fieldTable->getValueType()), fields));
    GlobalVariable* enumTable = table("__lu_enumerators", enumeratorType_, enumerators.size());
    if (enumTable)
        enumTable->setInitializer(ConstantArray::get(
            cast<ArrayType>(enumTable->getValueType()), enumerators));
    std::vector<Constant*> records;
    for (size_t i = 0; i < model.types.size(); ++i) {
        const TypeModel& type = model.types[i];
        uint64_t count = type.kind == LU_KIND_ARRAY ? type.count
                         : type.kind == LU_KIND_ENUM ? type.enumerators.size()
                                                     : type.fields.size();
        Constant* null = ConstantPointerNull::get(ptr_);
        records.push_back(ConstantStruct::get(
            typeType_,
            {string(type.name), string(type.renamedFrom), i64(type.size), i32(type.kind),
             i32(type.flags), i32(type.align), i32(0),
             type.hasTarget ? typeRef(type.target) : null, i64(count),
             type.fields.empty() ? null : element(fieldTable, firstField[i]),
             type.enumerators.empty() ? null : element(enumTable, firstEnumerator[i])}));
    }
    if (types_)
        types_->setInitializer(
            ConstantArray::get(cast<ArrayType>(types_->getValueType()), records));
    return element(types_, 0);
}

Constant* MetadataEmitter::emitGlobals(const ModuleModel& model) {
    std::vector<Constant*> records;
    for (const GlobalModel& global : model.globals) {
        Constant* address = global.flags & LU_GLOBAL_THREAD_LOCAL
                                ? static_cast<Constant*>(ConstantPointerNull::get(ptr_))
                                : global.variable;
        records.push_back(ConstantStruct::get(
            globalType_, {string(global.name), string(global.symbol),
                          string(global.renamedFrom), address, i64(global.size),
                          typeRef(global.type), i32(global.flags), i32(0)}));
    }
    GlobalVariable* globals = table("__lu_globals", globalType_, records.size());
    if (globals)
        globals->setInitializer(
            ConstantArray::get(cast<ArrayType>(globals->getValueType()), records));
    return element(globals, 0);
}

Constant* MetadataEmitter::emitSymbols(const ModuleModel& model) {
    std::vector<Constant*> records;
    for (const SymbolModel& symbol : model.symbols)
        records.push_back(ConstantStruct::get(
            symbolType_, {string(symbol.name), symbol.address, i64(symbol.size),
                          i32(symbol.kind), i32(symbol.flags)}));
    GlobalVariable* symbols = table("__lu_symbols", symbolType_, records.size());
    if (symbols)
        symbols->setInitializer(
            ConstantArray::get(cast<ArrayType>(symbols->getValueType()), records));
    return element(symbols, 0);
}

void MetadataEmitter::fillSites(const ModuleModel& model) {
    if (!sites_) return;
    std::vector<Constant*> records;
    for (const SiteModel& site : model.sites)
        records.push_back(ConstantStruct::get(
            siteType_, {i64(site.id), string(site.function), string(site.file),
                        i32(site.line), i32(site.allocator), typeRef(site.type),
                        string(site.allocatorName), i32(site.flags), i32(0)}));
    sites_->setInitializer(ConstantArray::get(cast<ArrayType>(sites_->getValueType()), records));
}

void MetadataEmitter::fillPoints(const ModuleModel& model) {
    if (!points_) return;
    std::vector<Constant*> records;
    for (const QuiescentModel& point : model.quiescentPoints)
        records.push_back(ConstantStruct::get(
            pointType_, {i64(point.id), string(point.function), string(point.callee),
                         string(point.file), i32(point.line), i32(0)}));
    points_->setInitializer(
        ConstantArray::get(cast<ArrayType>(points_->getValueType()), records));
}

void MetadataEmitter::emitModuleRecord(const ModuleModel& model, Constant* types,
                                       Constant* globals, Constant* symbols) {
    Constant* record = ConstantStruct::get(
        moduleType_,
        {i32(LU_METADATA_MAGIC), i32(LU_METADATA_VERSION), string(model.sourceFile),
         i32(model.flags), i32(0), types, i64(model.types.size()), globals,
         i64(model.globals.size()), symbols, i64(model.symbols.size()), siteAddress(0),
         i64(model.sites.size()), pointAddress(0), i64(model.quiescentPoints.size())});
    auto* moduleRecord = new GlobalVariable(module_, moduleType_, true,
                                            GlobalValue::InternalLinkage, record,
                                            "__lu_module");
    moduleRecord->setAlignment(Align(8));
    auto* entry = new GlobalVariable(module_, ptr_, true, GlobalValue::InternalLinkage,
                                     moduleRecord, "__lu_module_entry");
    entry->setSection(LU_MODULES_SECTION);
    entry->setAlignment(Align(8));
    appendToUsed(module_, {entry});
}

void MetadataEmitter::emit(const ModuleModel& model) {
    Constant* types = emitTypes(model);
    Constant* globals = emitGlobals(model);
    Constant* symbols = emitSymbols(model);
    fillSites(model);
    fillPoints(model);
    emitModuleRecord(model, types, globals, symbols);
}

}  // namespace neurath::pass
