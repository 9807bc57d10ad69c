// Options.h — command-line options of the Neurath pass.
//
// Set with `opt -lu-...` or `clang -mllvm -lu-...` (clang needs the plugin
// loaded early for that: `-Xclang -load -Xclang NeurathPass.so`). Entry
// point: options(), a snapshot of every option as plain values.
#pragma once

#include <string>
#include <vector>

namespace neurath::pass {

// A project allocator or deallocator: the function name and the index of the
// argument that carries the size (allocator) or the pointer (deallocator).
struct AllocatorSpec {
    std::string name;
    unsigned argument = 0;
};

struct Options {
    std::vector<std::string> receiveFunctions;   // quiescent callees
    std::vector<AllocatorSpec> allocators;        // project allocators
    std::vector<AllocatorSpec> deallocators;      // project deallocators
    std::vector<std::string> allocatorWrappers;   // typed at their call sites
    std::vector<std::string> dataAllocations;     // functions whose byte buffers are data
    std::vector<std::string> skipFunctionPrefixes; // not instrumented inside
    std::string reportFile;                       // exact report path
    std::string reportDir;                        // directory for reports
};

// The options as given, with defaults applied (and the environment variable
// NEURATH_LU_REPORT_DIR as a fallback for the report directory).
Options options();

// Parses "name[:index]" (index defaults to 0). Returns false if malformed.
bool parseAllocatorSpec(const std::string& text, AllocatorSpec& spec);

}  // namespace neurath::pass
