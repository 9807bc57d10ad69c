// roles_dma.cpp — the self-test's child roles for DMA memory lent between two
// versions of a driver (DmaInherit, check_dma_loans.cpp).
//
// Entry point: run_dma_role(role, argument) (never returns for its own roles;
// returns for any other). Roles, each answering rs's messages until kQuitEcho
// (exit 7):
//   dmalender    DmaAlloc's kLoanPages pages at kLoanBase, a pattern written in
//                the first word of each; kLoanPing answers DmaAlloc's outcome (0 ok)
//   dmaborrower  kLoanTake answers DmaInherit over the lender's pages and one
//                more (unmapped) page; kLoanRead answers the sum of the words
//                at the start of each page (faults when they are not mapped)
#include "roles.h"

namespace selftest {
namespace {

volatile uint64_t* loan_word(uint64_t page) { return reinterpret_cast<volatile uint64_t*>(kLoanBase + page * 4096); }

[[noreturn]] void serve_loan(int64_t ping_answer) {
    Message m{};
    for (;;) {
        if (receive(kAny, m) != 0) continue;
        if (m.type == kQuitEcho) exit(7);
        if (m.type == kLoanPing) {
            payload_of<int64_t>(m) = ping_answer;
        } else if (m.type == kLoanTake) {
            payload_of<int64_t>(m) = call(Sys::DmaInherit, kLoanBase, (kLoanPages + 1) * 4096);
        } else if (m.type == kLoanRead) {
            uint64_t sum = 0;
            for (uint64_t page = 0; page < kLoanPages; ++page) sum += *loan_word(page);
            payload_of<int64_t>(m) = static_cast<int64_t>(sum);
        } else {
            continue;
        }
        send(kRs, m);
    }
}

[[noreturn]] void dma_lender() {
    const int64_t physical = call(Sys::DmaAlloc, kLoanBase, kLoanPages * 4096);
    if (physical > 0) {
        for (uint64_t page = 0; page < kLoanPages; ++page) *loan_word(page) = kLoanPattern + page;
    }
    serve_loan(physical > 0 ? 0 : physical);
}

}  // namespace

void run_dma_role(const char* role, const char*) {
    if (text_equal(role, "dmalender")) dma_lender();
    if (text_equal(role, "dmaborrower")) serve_loan(0);
}

}  // namespace selftest
