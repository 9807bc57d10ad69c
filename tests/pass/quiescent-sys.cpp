// The server framework's receive, sys::quiescent_receive(neurath::Message&),
// is a quiescent point without any option: the default receive names match a
// C++ callee by its demangled name without parameters. A function of the same
// name in another namespace is not a quiescent point, and naming receives
// with -lu-receive replaces the defaults.
// RUN: %clangxx -std=c++20 -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %clangxx -std=c++20 -O0 -S -emit-llvm %s -o - -mllvm -lu-receive=lu_quiescent_receive | FileCheck %s --check-prefix=OTHER
// RUN: %dump_runtime %t.rt.o
// RUN: %clangxx -std=c++20 -O2 %s %t.rt.o -o %t.exe
// RUN: %t.exe | FileCheck %s --check-prefix=EXEC
namespace neurath {
struct Message {
    int source;
    int type;
};
}  // namespace neurath

extern "C" void lu_test_dump(void);

namespace sys {
__attribute__((noinline)) int quiescent_receive(neurath::Message& message) {
    message.type = 7;
    return 0;
}
}  // namespace sys

namespace other {
__attribute__((noinline)) int quiescent_receive(neurath::Message& message) {
    message.type = 8;
    return 0;
}
}  // namespace other

int handled;

namespace sys {
// IR-LABEL: define {{.*}}@_ZN3sys12next_requestERN7neurath7MessageE(
// IR: call void @__lu_quiescent_enter(ptr {{.*}}@__lu_quiescent_points
// IR-NEXT: call noundef i32 @_ZN3sys17quiescent_receiveERN7neurath7MessageE(
// IR-NEXT: call void @__lu_quiescent_leave(ptr {{.*}}@__lu_quiescent_points
// IR-NOT: __lu_quiescent_enter
// IR: call noundef i32 @_ZN5other17quiescent_receiveERN7neurath7MessageE(
// IR-NOT: __lu_quiescent_leave
// IR: ret i32
// OTHER-NOT: __lu_quiescent_enter
__attribute__((noinline)) int next_request(neurath::Message& message) {
    int status = quiescent_receive(message);
    handled += message.type;
    other::quiescent_receive(message);
    return status;
}
}  // namespace sys

int main() {
    neurath::Message message{};
    for (int i = 0; i < 2; ++i) sys::next_request(message);
    lu_test_dump();
    return handled == 14 && message.type == 8 ? 0 : 1;
}

// EXEC: event quiescent-enter 'sys::next_request'
// EXEC-NEXT: event quiescent-leave 'sys::next_request'
// EXEC-NEXT: event quiescent-enter 'sys::next_request'
// EXEC-NEXT: event quiescent-leave 'sys::next_request'
// EXEC: quiescent-point in 'sys::next_request' callee=_ZN3sys17quiescent_receiveERN7neurath7MessageE line=
// EXEC-NOT: quiescent-point in
