// Options.cpp — the pass's cl::opt declarations and their snapshot.
//
// Entry points: options(), parseAllocatorSpec().
#include "Options.h"

#include <cstdlib>

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

namespace neurath::pass {
namespace {

namespace cl = llvm::cl;

cl::list<std::string> receiveOption(
    "lu-receive", cl::CommaSeparated,
    cl::desc("Functions whose calls are quiescent points, by linker or "
             "demangled name (default: lu_quiescent_receive, "
             "sys::quiescent_receive)"));
cl::list<std::string> allocatorOption(
    "lu-allocator", cl::CommaSeparated,
    cl::desc("Project allocators, name[:size-argument-index]"));
cl::list<std::string> deallocatorOption(
    "lu-deallocator", cl::CommaSeparated,
    cl::desc("Project deallocators, name[:pointer-argument-index]"));
cl::list<std::string> wrapperOption(
    "lu-allocator-wrapper", cl::CommaSeparated,
    cl::desc("Functions returning memory allocated inside them (through "
             "malloc, realloc or a function pointer): each call's result is "
             "typed from its uses at the call site"));
cl::list<std::string> dataOption(
    "lu-data-allocation", cl::CommaSeparated,
    cl::desc("Functions whose byte buffers hold data only (file contents, "
             "loaded binaries): live update copies them without scanning "
             "them for addresses"));
cl::list<std::string> skipOption(
    "lu-skip-prefix", cl::CommaSeparated,
    cl::desc("Linker-name prefixes of functions whose allocations are left "
             "alone (default: libstdc++ std::string internals)"));
cl::opt<std::string> reportFileOption(
    "lu-report", cl::desc("Path of the limits report to write"));
cl::opt<std::string> reportDirOption(
    "lu-report-dir",
    cl::desc("Directory for limits reports (<source>.lu-limits.txt)"));

// The receives that are quiescent points unless -lu-receive names others: the
// C entry point, and the server framework's receive in libsys, a C++ function
// matched by its demangled name without parameters
// (_ZN3sys17quiescent_receiveERN7neurath7MessageE).
const char* const defaultReceiveFunctions[] = {"lu_quiescent_receive",
                                               "sys::quiescent_receive"};

const char* const defaultSkipPrefixes[] = {
    // std::string is an extern template: its members also run inside
    // libstdc++.so, which must be able to free what they allocate here.
    "_ZNSt7__cxx1112basic_string", "_ZNKSt7__cxx1112basic_string",
    "_ZNSs", "_ZNKSs",
    // ...and the character allocators behind it (so vector<char> too).
    "_ZNSt15__new_allocatorIcE", "_ZNSt15__new_allocatorIwE",
    "_ZNSt15__new_allocatorIDsE", "_ZNSt15__new_allocatorIDiE",
    "_ZN9__gnu_cxx13new_allocatorIcE", "_ZN9__gnu_cxx13new_allocatorIwE"};

std::vector<AllocatorSpec> parseSpecs(const cl::list<std::string>& list,
                                      const char* optionName) {
    std::vector<AllocatorSpec> specs;
    for (const std::string& text : list) {
        AllocatorSpec spec;
        if (parseAllocatorSpec(text, spec))
            specs.push_back(spec);
        else
            llvm::errs() << "neurath-pass: ignoring malformed -" << optionName
                         << "=" << text << " (expected name[:index])\n";
    }
    return specs;
}

}  // namespace

bool parseAllocatorSpec(const std::string& text, AllocatorSpec& spec) {
    size_t colon = text.find(':');
    spec.name = text.substr(0, colon);
    spec.argument = 0;
    if (spec.name.empty()) return false;
    if (colon == std::string::npos) return true;
    std::string index = text.substr(colon + 1);
    if (index.empty() || index.size() > 2) return false;
    for (char c : index)
        if (c < '0' || c > '9') return false;
    spec.argument = static_cast<unsigned>(std::stoi(index));
    return true;
}

Options options() {
    Options result;
    result.receiveFunctions.assign(receiveOption.begin(), receiveOption.end());
    if (result.receiveFunctions.empty())
        result.receiveFunctions.assign(std::begin(defaultReceiveFunctions),
                                       std::end(defaultReceiveFunctions));
    result.allocators = parseSpecs(allocatorOption, "lu-allocator");
    result.deallocators = parseSpecs(deallocatorOption, "lu-deallocator");
    result.allocatorWrappers.assign(wrapperOption.begin(), wrapperOption.end());
    result.dataAllocations.assign(dataOption.begin(), dataOption.end());
    result.skipFunctionPrefixes.assign(skipOption.begin(), skipOption.end());
    if (skipOption.empty())
        result.skipFunctionPrefixes.assign(std::begin(defaultSkipPrefixes),
                                           std::end(defaultSkipPrefixes));
    result.reportFile = reportFileOption;
    result.reportDir = reportDirOption;
    if (result.reportDir.empty()) {
        if (const char* env = std::getenv("NEURATH_LU_REPORT_DIR"))
            result.reportDir = env;
    }
    return result;
}

}  // namespace neurath::pass
