// dma_loans.cpp — DMA memory lent between two versions of a driver (see
// dma_loans.h).
#include "proc/dma_loans.h"

namespace kernel {
namespace {

// `borrower` owned nothing of the loan and now owns it all; `lender` keeps the
// mapping, borrowed.
void reverse(Process& borrower, Process& lender) {
    DmaLoan loan = borrower.dma_loan;
    borrower.space.set_borrowed(loan.base, loan.length, false);
    lender.space.set_borrowed(loan.base, loan.length, true);
    borrower.dma_pages += loan.pages;
    lender.dma_pages = lender.dma_pages > loan.pages ? lender.dma_pages - loan.pages : 0;
    loan.lender = &borrower;
    lender.dma_loan = loan;
    borrower.dma_loan = DmaLoan{};
}

}  // namespace

Result<uint64_t> dma_loan_take(Process& borrower, Process& lender, uint64_t base, uint64_t length) {
    if (borrower.dma_loan.lender != nullptr) return Error::AlreadyExists;
    const uint64_t pages = TRY(borrower.space.borrow_device_pages(lender.space, base, length));
    borrower.dma_loan = DmaLoan{&lender, base, length, pages};
    return pages;
}

void dma_loan_on_swap(Process& a, Process& b) {
    if (b.dma_loan.lender == &a) {
        reverse(b, a);
    } else if (a.dma_loan.lender == &b) {
        reverse(a, b);
    }
}

void dma_loan_on_end(Process& process) {
    for (int32_t slot = 0; slot < kMaxProcesses; ++slot) {
        Process* other = process_table_slot(slot);
        if (other == nullptr || other->dma_loan.lender != &process) continue;
        other->space.drop_borrowed(other->dma_loan.base, other->dma_loan.length);
        other->dma_loan = DmaLoan{};
    }
    process.dma_loan = DmaLoan{};  // what it borrowed stays with its lender: destroy() skips it
}

}  // namespace kernel
