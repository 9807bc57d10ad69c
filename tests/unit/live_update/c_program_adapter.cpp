// c_program_adapter.cpp — implements program.h for test programs written in C
// (see c_program.h).
#include <vector>

#include "c_program.h"
#include "program.h"

namespace test_program {

void workload(int phase) { program_workload(phase); }
void scenario(const char* name) { program_scenario(name); }
std::string digest() {
    std::vector<char> buffer(1 << 16);
    program_digest(buffer.data(), buffer.size());
    return buffer.data();
}

}  // namespace test_program
