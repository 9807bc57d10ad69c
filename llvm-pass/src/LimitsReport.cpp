// LimitsReport.cpp — finds what the metadata cannot describe and writes the
// per-module limits report.
//
// Entry points: analyzeLimits, reportPath, writeReport. Type findings walk
// every transferred root (writable globals, then heap allocation sites);
// code findings scan the IR for pointer/integer conversions and constant
// out-of-bounds arithmetic.
#include "LimitsReport.h"

#include <algorithm>
#include <fstream>
#include <map>

#include "Names.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace neurath::pass {

using namespace llvm;

// What the transfer does with bytes it cannot type (libupdate's likely
// pointers and address-preserving transfer), in every item that has them.
#define SCANNED_BYTES_TEXT                                                                     \
    "its bytes travel scanned: a heap object a word points to keeps its address, " \
    "a function or unchanged variable is remapped by name, anything else refuses "   \
    "the transfer"

namespace {

constexpr unsigned maxWalkDepth = 8;

bool isPointerSizedIntegerTypedef(const std::string& name) {
    return name == "uintptr_t" || name == "intptr_t";
}

// Walks the types reachable from one root (without following pointers) and
// records findings under the root's access path ("table.entries[].key").
class TypeWalker {
public:
    TypeWalker(ModuleModel& model, std::map<TypeIndex, bool>& reportedTypes)
        : model_(model), reportedTypes_(reportedTypes) {}

    // Returns true if anything under the root was reported.
    bool walk(TypeIndex index, const std::string& path, const std::string& declaredAs,
              const std::string& location, unsigned depth = 0) {
        if (depth > maxWalkDepth) return false;
        TypeModel& type = model_.types[index];
        bool found = false;
        if (isPointerSizedIntegerTypedef(declaredAs) && type.kind == LU_KIND_INTEGER)
            found |= add("pointer-in-integer", path + " (" + declaredAs + ")", location,
                         "if it holds a pointer, the pointer is not relocated; write a "
                         "transfer hook");
        switch (type.kind) {
        case LU_KIND_UNION:
            if (type.flags & LU_TYPE_HAS_POINTERS) {
                type.flags |= LU_TYPE_IMPRECISE;
                found |= add("union-with-pointer", path + " (" + displayed(type) + ")",
                             location,
                             "the active member is unknown, so " SCANNED_BYTES_TEXT " (a changed "
                             "union layout is refused); declare its tag (UnionTagEntry) "
                             "to relocate its pointers precisely");
            }
            break;
        case LU_KIND_ARRAY:
            found |= walkArray(type, path, location, depth);
            break;
        case LU_KIND_STRUCT:
            if (type.flags & LU_TYPE_INCOMPLETE) {
                found |= add("incomplete-type", path + " (" + displayed(type) + ")",
                             location,
                             "only declared in this unit's debug info: compile with "
                             "-fstandalone-debug (neurath_instrument does)");
                break;
            }
            found |= walkStruct(index, path, location, depth);
            break;
        case LU_KIND_POINTER:
            if (type.hasTarget && model_.types[type.target].kind == LU_KIND_VOID)
                found |= add("untyped-pointer", path + " (void*)", location,
                             "the target's type comes only from its allocation site; "
                             "a pointer into memory no object covers is refused");
            else if (type.hasTarget && (model_.types[type.target].flags & LU_TYPE_INCOMPLETE))
                found |= add("incomplete-type", path + " (" + displayed(type) + ")", location,
                             "points to a type only declared here: the target is typed "
                             "by its allocation site alone; when that has no type, " SCANNED_BYTES_TEXT);
            break;
        case LU_KIND_UNKNOWN:
            found |= add("opaque-type", path + " (" + displayed(type) + ")", location,
                         "no type description: " SCANNED_BYTES_TEXT);
            break;
        default:
            break;
        }
        return found;
    }

private:
    bool walkArray(TypeModel& array, const std::string& path, const std::string& location,
                   unsigned depth) {
        if (!array.hasTarget) return false;
        const TypeModel& element = model_.types[array.target];
        if (element.kind == LU_KIND_INTEGER && (element.flags & LU_TYPE_CHAR))
            return add("untyped-buffer",
                       path + " (" + element.name + "[" + std::to_string(array.count) + "])",
                       location,
                       "bytes only: copied unchanged and not scanned for "
                       "pointers; keep no addresses in it");
        return walk(array.target, path + "[]", "", location, depth + 1);
    }

    bool walkStruct(TypeIndex index, const std::string& path, const std::string& location,
                    unsigned depth) {
        // Report each struct's insides once per module: the first root naming it.
        auto [known, inserted] = reportedTypes_.try_emplace(index, false);
        if (!inserted) return known->second;
        bool found = false;
        std::vector<FieldModel> fields = model_.types[index].fields;  // walk may grow types
        for (const FieldModel& field : fields)
            found |= walk(field.type, path + "." + field.name, field.declaredAs, location,
                          depth + 1);
        reportedTypes_[index] = found;
        return found;
    }

    static std::string displayed(const TypeModel& type) {
        return type.name.empty() ? "<anonymous>" : type.name;
    }

    bool add(const char* kind, const std::string& subject, const std::string& location,
             const char* reason) {
        model_.limits.push_back({kind, subject, location, reason});
        return true;
    }

    ModuleModel& model_;
    std::map<TypeIndex, bool>& reportedTypes_;  // struct -> had findings
};

// Heap objects whose bytes the transfer does not type precisely although
// their site has a type: raw byte buffers, and one T followed by more bytes.
void reportSiteShape(const SiteModel& site, const TypeModel& type, const std::string& location, ModuleModel& model) {
    const std::string what = "heap " + (type.name.empty() ? "<anonymous>" : type.name) + " from " + site.allocatorName +
                             " in " + site.function;
    const bool bytes = type.kind == LU_KIND_INTEGER && type.size == 1;
    if (bytes && type.name != "char" && !(site.flags & LU_SITE_DATA))
        model.limits.push_back({"byte-buffer", what, location,
                                "raw bytes that may hold objects carved out of them: " SCANNED_BYTES_TEXT
                                "; declare data-only buffers (annotate(\"neurath.data_allocation\") "
                                "or -lu-data-allocation)"});
    if (!bytes && (site.flags & LU_SITE_WRAPPER) && !(site.flags & LU_SITE_ARRAY))
        model.limits.push_back({"header-allocation", what, location,
                                (site.flags & LU_SITE_DATA)
                                    ? "one object followed by data (a header, in a function declared to allocate "
                                      "data): the header converts by its fields and must keep its layout; the rest "
                                      "is copied unchanged and not scanned"
                                    : "one object followed by bytes of unknown type (a common "
                                      "header): the header converts by its fields and must keep "
                                      "its layout; for the rest, " SCANNED_BYTES_TEXT});
}

void analyzeTypes(ModuleModel& model) {
    std::map<TypeIndex, bool> reportedTypes;
    TypeWalker walker(model, reportedTypes);
    for (GlobalModel& global : model.globals) {
        if (global.flags & (LU_GLOBAL_CONST | LU_GLOBAL_NO_TRANSFER)) continue;
        if (global.flags & LU_GLOBAL_NO_DEBUG_INFO) {
            if (global.flags & LU_GLOBAL_IMPRECISE)
                model.limits.push_back({"no-debug-info", global.name, "",
                                        "compiled without -g: " SCANNED_BYTES_TEXT});
            continue;
        }
        if (walker.walk(global.type, global.name, global.declaredAs, ""))
            global.flags |= LU_GLOBAL_IMPRECISE;
    }
    for (const SiteModel& site : model.sites) {
        std::string location = site.file.empty() ? "" : site.file + ":" + std::to_string(site.line);
        if (site.flags & LU_SITE_TYPE_UNKNOWN) {
            model.limits.push_back({"unknown-allocation-type",
                                    "heap object from " + site.allocatorName + " in " +
                                        site.function,
                                    location,
                                    "type not inferred: " SCANNED_BYTES_TEXT "; store the result "
                                    "in a typed variable, or name the allocator wrapper "
                                    "(-lu-allocator-wrapper)"});
            continue;
        }
        const TypeModel& type = model.types[site.type];
        reportSiteShape(site, type, location, model);
        walker.walk(site.type, "heap " + (type.name.empty() ? "<anonymous>" : type.name), "",
                    location);
    }
}

std::string describeAddress(const Value* address) {
    address = getUnderlyingObject(address);
    if (auto* global = dyn_cast<GlobalVariable>(address)) return demangledBase(global->getName());
    if (auto* call = dyn_cast<CallBase>(address))
        if (const Function* callee = call->getCalledFunction())
            return "heap object from " + callee->getName().str();
    return "memory";
}

void scanPointerIntegerFlows(Function& function, ModuleModel& model) {
    for (Instruction& instruction : instructions(function)) {
        if (auto* toInt = dyn_cast<PtrToIntInst>(&instruction)) {
            for (const User* user : toInt->users()) {
                auto* store = dyn_cast<StoreInst>(user);
                if (!store || store->getValueOperand() != toInt) continue;
                const Value* object = getUnderlyingObject(store->getPointerOperand());
                if (isa<AllocaInst>(object)) continue;  // stack: never transferred
                model.limits.push_back({"pointer-in-integer",
                                        describeAddress(store->getPointerOperand()),
                                        sourceLocation(*store),
                                        "a pointer is stored as an integer and will not be "
                                        "relocated; write a transfer hook"});
            }
        }
        if (auto* toPointer = dyn_cast<IntToPtrInst>(&instruction)) {
            auto* load = dyn_cast<LoadInst>(toPointer->getOperand(0));
            if (!load || isa<AllocaInst>(getUnderlyingObject(load->getPointerOperand())))
                continue;
            model.limits.push_back({"int-to-pointer",
                                    describeAddress(load->getPointerOperand()),
                                    sourceLocation(*toPointer),
                                    "a pointer is rebuilt from a stored integer; that "
                                    "integer is not relocated"});
        }
    }
}

// Size of the object `base` designates, 0 if unknown.
uint64_t objectSize(const Value* base, const DataLayout& layout) {
    if (auto* global = dyn_cast<GlobalVariable>(base))
        return layout.getTypeAllocSize(global->getValueType());
    if (auto* alloca = dyn_cast<AllocaInst>(base))
        if (auto size = alloca->getAllocationSize(layout)) return size->getFixedValue();
    return 0;
}

void checkBounds(const GEPOperator& gep, const Instruction& at, const DataLayout& layout,
                 ModuleModel& model) {
    const Value* base = gep.getPointerOperand()->stripPointerCasts();
    uint64_t size = objectSize(base, layout);
    APInt offset(64, 0);
    if (size == 0 || !gep.accumulateConstantOffset(layout, offset)) return;
    int64_t bytes = offset.getSExtValue();
    if (bytes >= 0 && static_cast<uint64_t>(bytes) <= size) return;
    std::string name = base->hasName() ? demangledBase(base->getName()) : "object";
    model.limits.push_back({"out-of-bounds-pointer",
                            name + " + " + std::to_string(bytes) + " (size " +
                                std::to_string(size) + ")",
                            sourceLocation(at),
                            "the pointer leaves its object and cannot be attributed "
                            "to it during transfer"});
}

// GEP instructions and constant GEP expressions used by instructions.
void scanOutOfBounds(Function& function, ModuleModel& model) {
    const DataLayout& layout = function.getParent()->getDataLayout();
    for (Instruction& instruction : instructions(function)) {
        if (auto* gep = dyn_cast<GEPOperator>(&instruction))
            checkBounds(*gep, instruction, layout, model);
        for (const Use& operand : instruction.operands())
            if (auto* expression = dyn_cast<ConstantExpr>(operand.get()))
                if (auto* gep = dyn_cast<GEPOperator>(expression))
                    checkBounds(*gep, instruction, layout, model);
    }
}

}  // namespace

void analyzeLimits(Module& module, DebugTypeOf& debugTypes, ModuleModel& model) {
    (void)debugTypes;
    analyzeTypes(model);
    for (Function& function : module.functions()) {
        if (function.isDeclaration()) continue;
        scanPointerIntegerFlows(function, model);
        scanOutOfBounds(function, model);
    }
}

namespace {

// The object file named by "-o" on this process's command line, if any.
std::string outputFromCommandLine() {
    std::ifstream input("/proc/self/cmdline", std::ios::binary);
    if (!input) return "";
    std::vector<std::string> arguments;
    std::string argument;
    while (std::getline(input, argument, '\0')) arguments.push_back(argument);
    for (size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "-o" && i + 1 < arguments.size()) return arguments[i + 1];
        if (arguments[i].size() > 2 && arguments[i].rfind("-o", 0) == 0 &&
            arguments[i].find('=') == std::string::npos)
            return arguments[i].substr(2);
    }
    return "";
}

}  // namespace

std::string reportPath(const Options& options, const ModuleModel& model) {
    if (!options.reportFile.empty()) return options.reportFile;
    if (!options.reportDir.empty()) {
        SmallString<256> path(options.reportDir);
        sys::path::append(path, sys::path::filename(model.sourceFile) + ".lu-limits.txt");
        return std::string(path);
    }
    std::string output = outputFromCommandLine();
    if (output.empty() || output == "-" || StringRef(output).startswith("/dev/")) return "";
    return output + ".lu-limits.txt";
}

std::string writeReport(const ModuleModel& model, const std::string& path) {
    std::vector<std::string> lines;
    for (const LimitModel& limit : model.limits) {
        std::string line = limit.kind + ": " + limit.subject;
        if (!limit.location.empty()) line += " at " + limit.location;
        lines.push_back(line + ": " + limit.reason);
    }
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    std::error_code error;
    raw_fd_ostream out(path, error, sys::fs::OF_Text);
    if (error) return "cannot write " + path + ": " + error.message();
    out << "# Neurath live-update limits report\n";
    out << "# module: " << model.sourceFile << "\n";
    out << "# each line: kind: subject [at file:line]: what it means\n";
    for (const std::string& line : lines) out << line << "\n";
    out << "# " << lines.size() << " finding(s)\n";
    return "";
}

}  // namespace neurath::pass
