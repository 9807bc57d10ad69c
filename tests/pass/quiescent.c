// Quiescent points: every call of the framework's receive (default name
// lu_quiescent_receive, or -lu-receive=<names>) is bracketed with
// __lu_quiescent_enter/leave; a definition annotated "neurath.quiescent" is
// bracketed inside its body instead.
// RUN: %clang -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %clang -O0 -S -emit-llvm %s -o - -mllvm -lu-receive=other_receive | FileCheck %s --check-prefix=RENAMED
// RUN: %dump_runtime %t.rt.o
// RUN: %clang -O2 %s %t.rt.o -o %t.exe
// RUN: %t.exe | FileCheck %s --check-prefix=EXEC
struct message { int type; int value; };

void lu_test_dump(void);

int lu_quiescent_receive(struct message* m) {
    m->type = 1;
    return 0;
}
int other_receive(struct message* m) {
    m->type = 2;
    return 0;
}
// IR-LABEL: define {{.*}}@framework_receive
// IR-NEXT: call void @__lu_quiescent_enter(
// IR: call void @__lu_quiescent_leave(
// IR-NEXT: ret i32
__attribute__((annotate("neurath.quiescent"))) int framework_receive(struct message* m) {
    m->type = 3;
    return 0;
}

int pending;

// IR-LABEL: define {{.*}}@event_loop
// IR: call void @__lu_quiescent_enter(ptr {{.*}}@__lu_quiescent_points
// IR-NEXT: call i32 @lu_quiescent_receive(
// IR-NEXT: call void @__lu_quiescent_leave(
// IR-NOT: __lu_quiescent_enter
// IR: call i32 @other_receive(
// RENAMED-LABEL: define {{.*}}@event_loop
// RENAMED-NOT: __lu_quiescent_enter
// RENAMED: call void @__lu_quiescent_enter(
// RENAMED-NEXT: call i32 @other_receive(
// RENAMED-NEXT: call void @__lu_quiescent_leave(
__attribute__((noinline)) void event_loop(int rounds) {
    struct message m;
    for (int i = 0; i < rounds; ++i) {
        lu_quiescent_receive(&m);
        pending += m.type;
    }
    other_receive(&m);
}

__attribute__((noinline)) void framework_loop(void) {
    struct message m;
    framework_receive(&m);
}

int main(void) {
    event_loop(2);
    framework_loop();
    lu_test_dump();
    return 0;
}

// EXEC: event quiescent-enter 'event_loop'
// EXEC-NEXT: event quiescent-leave 'event_loop'
// EXEC-NEXT: event quiescent-enter 'event_loop'
// EXEC-NEXT: event quiescent-leave 'event_loop'
// EXEC-NEXT: event quiescent-enter 'framework_receive'
// EXEC-NEXT: event quiescent-leave 'framework_receive'
// EXEC-DAG: quiescent-point in 'framework_receive' callee=framework_receive line=26
// EXEC-DAG: quiescent-point in 'event_loop' callee=lu_quiescent_receive line=47
