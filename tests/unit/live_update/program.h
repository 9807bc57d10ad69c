// program.h — the interface every live-update test program implements,
// identical in all its versions: run one phase of its deterministic
// workload, optionally break its own state in a named way (failure tests),
// and print a canonical digest of everything it knows, i.e. its observable
// behaviour. old_main.cpp drives the old version; the test suites drive the
// new one.
#pragma once

#include <string>

namespace test_program {

void workload(int phase);
void scenario(const char* name);
std::string digest();

}  // namespace test_program
