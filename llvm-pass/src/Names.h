// Names.h — source names and stable identifiers for metadata records.
//
// Entry points: qualifiedName() (namespace/class/function-qualified names from
// debug info), functionSourceName(), fnv1a64() (stable ids), demangledBase().
#pragma once

#include <cstdint>
#include <string>

#include "llvm/ADT/StringRef.h"

namespace llvm {
class DIScope;
class Function;
class Instruction;
}  // namespace llvm

namespace neurath::pass {

// "name" qualified by its enclosing namespaces, classes and (for local
// statics) function: "ns::Cls::name", "handle_open::calls".
std::string qualifiedName(const llvm::DIScope* scope, llvm::StringRef name);

// Source name of a function: its DISubprogram's qualified name if there is
// one, else the demangled linker name without parameters.
std::string functionSourceName(const llvm::Function& function);

// Demangled name without the parameter list ("ns::f" for _ZN2ns1fEi); the
// input when it is not a mangled name.
std::string demangledBase(llvm::StringRef linkerName);

// "file:line" of an instruction's debug location, "" without one.
std::string sourceLocation(const llvm::Instruction& instruction);
std::string sourceFile(const llvm::Instruction& instruction);
uint32_t sourceLine(const llvm::Instruction& instruction);

// 64-bit FNV-1a of `text`.
uint64_t fnv1a64(llvm::StringRef text);

}  // namespace neurath::pass
