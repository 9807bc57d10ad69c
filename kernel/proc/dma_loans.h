// dma_loans.h — a driver's DMA memory lent from its old version to its new
// one during a live update (Sys::DmaInherit).
//
// The new version (the borrower) maps the frames its old version (the lender)
// owns; the device keeps using them throughout. Ownership follows the role:
// ProcSwapEndpoints hands the frames over with the privileges (and so with the
// device's bus mastering), and a second swap (an undone commit) hands them
// back. Whoever ends, the frames are freed exactly once and never while
// mapped: a lender that ends first takes them out of its borrower's space
// before it frees them (its device stops at its end, as always); a borrower
// that ends frees nothing it borrowed.
//
// Entry points: dma_loan_take(borrower, lender, base, length),
// dma_loan_on_swap(a, b), dma_loan_on_end(process).
#pragma once

#include "proc/process.h"

namespace kernel {

// Maps the lender's device pages of the window into the borrower; returns
// how many. -AlreadyExists when the borrower has a loan already or a page in
// the way, -NotFound when the window holds no device page of the lender.
Result<uint64_t> dma_loan_take(Process& borrower, Process& lender, uint64_t base, uint64_t length);

// Two processes exchange roles: a loan between them changes direction.
void dma_loan_on_swap(Process& a, Process& b);

// The process ends (before its memory is freed): its loans end with it.
void dma_loan_on_end(Process& process);

}  // namespace kernel
