// Model.h — the pass's in-memory picture of one module's metadata.
//
// Analyses fill a ModuleModel; MetadataEmitter turns it into the constant
// tables described in libupdate/metadata.h; LimitsReport reads it. Type
// references are indices into ModuleModel::types (never dangling while the
// vector grows).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "libupdate/metadata.h"

namespace llvm {
class Constant;
class Function;
class GlobalVariable;
}  // namespace llvm

namespace neurath::pass {

using TypeIndex = uint32_t;

struct FieldModel {
    std::string name;
    std::string renamedFrom;
    std::string defaultValue;
    TypeIndex type = 0;
    uint64_t offset = 0;
    uint32_t bitOffset = 0;
    uint32_t bitSize = 0;
    uint32_t flags = 0;
    std::string declaredAs;  // typedef the field was declared with, if any
};

struct EnumeratorModel {
    std::string name;
    int64_t value = 0;
};

struct TypeModel {
    std::string name;
    std::string renamedFrom;
    uint64_t size = 0;
    uint32_t kind = LU_KIND_UNKNOWN;
    uint32_t flags = 0;
    uint32_t align = 0;
    bool hasTarget = false;
    TypeIndex target = 0;
    uint64_t count = 0;  // arrays only; fields/enumerators use their vectors
    std::vector<FieldModel> fields;
    std::vector<EnumeratorModel> enumerators;
};

struct GlobalModel {
    std::string name;
    std::string symbol;
    std::string renamedFrom;
    llvm::GlobalVariable* variable = nullptr;
    uint64_t size = 0;
    TypeIndex type = 0;
    uint32_t flags = 0;
    std::string declaredAs;  // typedef the variable was declared with, if any
};

struct SymbolModel {
    std::string name;
    llvm::Constant* address = nullptr;
    uint64_t size = 0;
    uint32_t kind = 0;
    uint32_t flags = 0;
};

struct SiteModel {
    uint64_t id = 0;
    std::string function;
    std::string file;
    uint32_t line = 0;
    uint32_t allocator = 0;
    TypeIndex type = 0;
    std::string allocatorName;
    uint32_t flags = 0;
};

struct QuiescentModel {
    uint64_t id = 0;
    std::string function;
    std::string callee;
    std::string file;
    uint32_t line = 0;
};

// One finding for the limits report.
struct LimitModel {
    std::string kind;     // short tag, e.g. "pointer-in-integer"
    std::string subject;  // variable path, type or site
    std::string location; // file:line or ""
    std::string reason;   // what the author should do about it
};

struct ModuleModel {
    std::string sourceFile;
    uint32_t flags = 0;
    std::vector<TypeModel> types;
    std::vector<GlobalModel> globals;
    std::vector<SymbolModel> symbols;
    std::vector<SiteModel> sites;
    std::vector<QuiescentModel> quiescentPoints;
    std::vector<LimitModel> limits;
};

}  // namespace neurath::pass
