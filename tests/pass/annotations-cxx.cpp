// C++ globals take the live-update annotations through annotate("..."), since
// clang 16 accepts btf_decl_tag only in C: lu.no_transfer and
// lu.renamed_from=<old name> on a variable, with or without a namespace.
// RUN: %dump_runtime %t.rt.o
// RUN: %clangxx -std=c++20 -O1 %s %t.rt.o -o %t.exe
// RUN: %t.exe | FileCheck %s
extern "C" void lu_test_dump(void);

namespace sys {
namespace {
[[clang::annotate("lu.no_transfer")]] void* installed_gate = nullptr;
}  // namespace
[[clang::annotate("lu.renamed_from=old_total")]] long total = 3;
}  // namespace sys

int plain = 1;

int main() {
    lu_test_dump();
    return static_cast<int>(sys::total) + plain - 4 + (sys::installed_gate != nullptr);
}
// CHECK-DAG: global 'sys::(anonymous namespace)::installed_gate' {{.*}} flags=internal|no-transfer
// CHECK-DAG: global 'sys::total' {{.*}}renamed_from='old_total'
// CHECK-DAG: global 'plain' {{.*}} flags=none
