; Without debug info the pass still rewrites and emits tables, but flags the
; module, lists writable variables as UNKNOWN bytes and says so in the report.
; Running the pass twice changes nothing the second time.
; RUN: %opt_lu -passes=neurath-instrument -lu-report=%t.txt -S %s -o %t.ll
; RUN: FileCheck %s < %t.ll
; RUN: FileCheck %s --check-prefix=REPORT < %t.txt
; RUN: %opt_lu -passes=neurath-instrument,neurath-instrument -S %s | FileCheck %s --check-prefix=TWICE
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@counter = global i32 0, align 4
@greeting = private unnamed_addr constant [3 x i8] c"hi\00", align 1

declare ptr @malloc(i64)
declare void @free(ptr)

define ptr @make() {
  %p = call ptr @malloc(i64 32)
  ret ptr %p
}

define void @drop(ptr %p) {
  call void @free(ptr %p)
  ret void
}

; CHECK: @__lu_alloc_sites = internal constant [1 x %lu.alloc_site]
; CHECK-SAME: i32 8, i32 0 }]
; CHECK: @__lu_types = internal constant
; CHECK: @__lu_globals = internal constant [1 x %lu.global] [%lu.global { ptr @{{.*}}, ptr @{{.*}}, ptr @{{.*}}, ptr @counter, i64 4, ptr {{.*}}, i32 80, i32 0 }]
; CHECK: @__lu_module = internal constant %lu.module { i32 1145918796, i32 1, ptr @{{.*}}, i32 1,
; CHECK: @__lu_module_entry = internal constant ptr @__lu_module, section "lu_modules"
; CHECK: @llvm.used = appending global [1 x ptr] [ptr @__lu_module_entry]
; CHECK-LABEL: define ptr @make()
; CHECK-NEXT: %p = call ptr @__lu_alloc(i64 32, ptr @__lu_alloc_sites, i32 1)
; CHECK-LABEL: define void @drop(
; CHECK-NEXT: call void @__lu_free(ptr %p, i32 1)

; REPORT-DAG: no-debug-info: {{.*}}no-debug-info.ll: compiled without -g
; REPORT-DAG: no-debug-info: counter: compiled without -g: its bytes travel scanned: a heap object a word points to keeps its address
; REPORT-DAG: unknown-allocation-type: heap object from malloc in make:

; TWICE-COUNT-1: @__lu_module =
; TWICE-NOT: @__lu_module.
; TWICE: call ptr @__lu_alloc(i64 32, ptr @__lu_alloc_sites, i32 1)
