// C++ new/delete in all their forms, exception edges kept, the allocated
// type from clang's !heapallocsite or std::allocator<T>; std::string's own
// buffers stay with the system allocator.
// RUN: %clangxx -std=c++20 -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %dump_runtime %t.rt.o
// RUN: %clangxx -std=c++20 -O0 %s %t.rt.o -o %t.exe
// RUN: %t.exe | FileCheck %s --check-prefix=EXEC
// RUN: %clangxx -std=c++20 -O2 %s %t.rt.o -o %t.o2.exe
// RUN: %t.o2.exe | FileCheck %s --check-prefix=EXEC
// A program that replaces the global operator new is told so in the report:
// RUN: %clangxx -std=c++20 -O0 -DREPLACE_NEW -c %s -o %t.replaced.o -mllvm -lu-report=%t.replaced.txt
// RUN: FileCheck %s --check-prefix=REPORT < %t.replaced.txt
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#ifdef REPLACE_NEW
// REPORT: replaced-allocator: operator new: the program defines this global allocator
void* operator new(std::size_t size) { return std::malloc(size ? size : 1); }
#endif

extern "C" void lu_test_dump(void);

namespace shop {
struct Item {
    int price = 0;
    Item* related = nullptr;
};
}  // namespace shop

void may_throw(int value) {
    if (value < 0) throw value;
}

// IR-LABEL: define {{.*}}@_Z7singlesv
void singles() {
    // IR: call {{.*}}ptr @__lu_alloc(i64 16, ptr {{.*}}, i32 4){{.*}}!heapallocsite
    shop::Item* item = new shop::Item;
    // IR: call {{.*}}ptr @__lu_alloc(i64 {{.*}}, i32 5){{.*}}!heapallocsite
    shop::Item* items = new shop::Item[3];
    // IR: call {{.*}}ptr @__lu_alloc(i64 16, ptr {{.*}}, i32 260)
    shop::Item* maybe = new (std::nothrow) shop::Item;
    // IR: call void @__lu_free(ptr {{.*}}, i32 4)
    delete item;
    // IR: call void @__lu_free(ptr {{.*}}, i32 5)
    delete[] items;
    delete maybe;
}

// IR-LABEL: define {{.*}}@_Z7guardedi
// IR: invoke {{.*}}ptr @__lu_alloc(i64 16,
// IR-NEXT: to label %{{.*}} unwind label %{{.*}}
void guarded(int value) {
    try {
        shop::Item* item = new shop::Item;
        may_throw(value);
        delete item;
    } catch (int) {
    }
}

void containers() {
    std::vector<shop::Item*> list;
    list.push_back(nullptr);
    std::string text(100, 'x');  // heap buffer of std::string: untracked
}

int main() {
    singles();
    guarded(1);
    containers();
    lu_test_dump();
}
// std::string's buffer (std::__new_allocator<char>) makes no event (it is
// untracked): the EXEC-NEXT chain below has no line for it.

// EXEC: event alloc how=0x4 size=16 site='singles' type='shop::Item'
// EXEC-NEXT: event alloc how=0x5 size={{[0-9]+}} site='singles' type='shop::Item'
// EXEC-NEXT: event alloc how=0x104 size=16 site='singles' type='shop::Item'
// EXEC-NEXT: event free how=4 null=0
// EXEC-NEXT: event free how=5 null=0
// EXEC-NEXT: event free how=4 null=0
// EXEC-NEXT: event alloc how=0x4 size=16 site='guarded' type='shop::Item'
// EXEC-NEXT: event free how=4 null=0
// EXEC-NEXT: event alloc how=0x4 size=8 site='std::__new_allocator<shop::Item *>::allocate' type='shop::Item*'
// EXEC-NEXT: event free how=4 null=0
// EXEC-NEXT: module
// EXEC-DAG: site in 'singles' line={{[0-9]+}} allocator=4 via=_Znwm type='shop::Item' flags=heapallocsite
// EXEC-DAG: site in 'singles' line={{[0-9]+}} allocator=5 via=_Znam type='shop::Item' flags=heapallocsite|array
// EXEC-DAG: site in 'singles' line={{[0-9]+}} allocator=4 via=_ZnwmRKSt9nothrow_t type='shop::Item' flags=heapallocsite|nothrow
// EXEC-DAG: site in 'std::__new_allocator<shop::Item *>::allocate' line={{[0-9]+}} allocator=4 via=_Znwm type='shop::Item*' flags=cast|array
// EXEC-DAG: type 'shop::Item' kind=struct size=16
