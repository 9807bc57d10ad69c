// Names.cpp — qualified source names, source locations and FNV-1a ids.
//
// Entry points: see Names.h.
#include "Names.h"

#include <vector>

#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instruction.h"

namespace neurath::pass {

std::string qualifiedName(const llvm::DIScope* scope, llvm::StringRef name) {
    std::vector<std::string> parts;
    for (const llvm::DIScope* s = scope; s; s = s->getScope()) {
        if (llvm::isa<llvm::DIFile>(s) || llvm::isa<llvm::DICompileUnit>(s))
            break;
        if (auto* block = llvm::dyn_cast<llvm::DILexicalBlockBase>(s)) {
            (void)block;
            continue;  // blocks inside a function add nothing to the name
        }
        std::string part = s->getName().str();
        if (auto* ns = llvm::dyn_cast<llvm::DINamespace>(s); ns && part.empty())
            part = "(anonymous namespace)";
        if (!part.empty()) parts.push_back(part);
    }
    std::string result;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
        result += *it;
        result += "::";
    }
    return result + name.str();
}

std::string demangledBase(llvm::StringRef linkerName) {
    std::string text = linkerName.str();
    if (!llvm::StringRef(text).startswith("_Z")) return text;
    std::string demangled = llvm::demangle(text);
    if (demangled == text) return text;
    // Cut the parameter list: the first '(' at template depth 0.
    int depth = 0;
    for (size_t i = 0; i < demangled.size(); ++i) {
        char c = demangled[i];
        if (c == '<') ++depth;
        else if (c == '>') --depth;
        else if (c == '(' && depth == 0 && i > 0) return demangled.substr(0, i);
    }
    return demangled;
}

std::string functionSourceName(const llvm::Function& function) {
    if (const llvm::DISubprogram* sp = function.getSubprogram()) {
        std::string name = sp->getName().str();
        if (!name.empty()) return qualifiedName(sp->getScope(), name);
    }
    return demangledBase(function.getName());
}

std::string sourceFile(const llvm::Instruction& instruction) {
    if (const llvm::DebugLoc& loc = instruction.getDebugLoc())
        if (auto* scope = llvm::dyn_cast<llvm::DIScope>(loc.getScope()))
            return scope->getFilename().str();
    return "";
}

uint32_t sourceLine(const llvm::Instruction& instruction) {
    if (const llvm::DebugLoc& loc = instruction.getDebugLoc())
        return loc.getLine();
    return 0;
}

std::string sourceLocation(const llvm::Instruction& instruction) {
    std::string file = sourceFile(instruction);
    if (file.empty()) return "";
    return file + ":" + std::to_string(sourceLine(instruction));
}

uint64_t fnv1a64(llvm::StringRef text) {
    uint64_t hash = 0xcbf29ce484222325ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    return hash;
}

}  // namespace neurath::pass
