// MetadataEmitter.h — emits a ModuleModel as the constant tables of
// libupdate/metadata.h and hooks the module record into section
// "lu_modules".
//
// Two phases, because the rewritten calls need the addresses of their
// records before the records are complete:
//   MetadataEmitter emitter(module, siteCount, pointCount);
//   emitter.siteAddress(i) / emitter.pointAddress(i)   (use in calls)
//   emitter.emit(model)                                 (fill everything)
#pragma once

#include <cstddef>
#include <string>

#include "Model.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"

namespace neurath::pass {

class MetadataEmitter {
public:
    MetadataEmitter(llvm::Module& module, size_t siteCount, size_t pointCount);

    llvm::Constant* siteAddress(size_t index);
    llvm::Constant* pointAddress(size_t index);
    void emit(const ModuleModel& model);

private:
    struct LayoutTypes;
    llvm::Constant* string(const std::string& text);
    llvm::Constant* element(llvm::GlobalVariable* table, size_t index);
    llvm::Constant* i32(uint32_t value);
    llvm::Constant* i64(uint64_t value);
    llvm::GlobalVariable* table(const char* name, llvm::StructType* type, size_t count);
    llvm::Constant* emitTypes(const ModuleModel& model);
    llvm::Constant* emitGlobals(const ModuleModel& model);
    llvm::Constant* emitSymbols(const ModuleModel& model);
    void fillSites(const ModuleModel& model);
    void fillPoints(const ModuleModel& model);
    void emitModuleRecord(const ModuleModel& model, llvm::Constant* types,
                          llvm::Constant* globals, llvm::Constant* symbols);
    llvm::Constant* typeRef(size_t index);

    llvm::Module& module_;
    llvm::LLVMContext& context_;
    llvm::PointerType* ptr_;
    llvm::StructType* fieldType_;
    llvm::StructType* enumeratorType_;
    llvm::StructType* typeType_;
    llvm::StructType* globalType_;
    llvm::StructType* symbolType_;
    llvm::StructType* siteType_;
    llvm::StructType* pointType_;
    llvm::StructType* moduleType_;
    llvm::GlobalVariable* sites_ = nullptr;
    llvm::GlobalVariable* points_ = nullptr;
    llvm::GlobalVariable* types_ = nullptr;
    llvm::StringMap<llvm::Constant*> strings_;
};

}  // namespace neurath::pass
