// check_dma_loans.cpp — DmaInherit: a driver's new version borrows its old
// version's DMA pages (same addresses, same frames); the commit's swap hands
// them over, an undone swap hands them back, and whoever ends, they are freed
// once and never while mapped.
//
// Entry point: check_dma_loans. "dmalender" and "dmaborrower" children
// (roles_dma.cpp) run at rs's priority; rs plays the update manager.
#include "harness.h"
#include "roles.h"

namespace selftest {
namespace {

constexpr uint64_t kDmaCall = uint64_t{1} << static_cast<uint64_t>(Sys::DmaAlloc);
constexpr int64_t kPatternSum = static_cast<int64_t>(kLoanPattern * kLoanPages + kLoanPages * (kLoanPages - 1) / 2);

int64_t ask(int64_t endpoint, int32_t type) {
    Message m{};
    m.type = type;
    const int64_t sent = send_receive(static_cast<Endpoint>(endpoint), m);
    return sent != 0 ? sent : payload_of<int64_t>(m);
}

void quit(int64_t endpoint) {
    Message m{};
    m.type = kQuitEcho;
    send(static_cast<Endpoint>(endpoint), m);
    next_kernel_message();
}

void end(int64_t endpoint) {
    call(Sys::ProcKill, static_cast<uint64_t>(endpoint), 0);
    next_kernel_message();
}

// An old version holding DMA pages, and a new one that borrowed them.
struct Versions {
    int64_t old_version;
    int64_t new_version;
};

Versions lend() {
    ChildOptions lender = same_priority();
    lender.kernel_calls = kDmaCall;
    const int64_t old_version = spawn_child("dmalender", nullptr, lender);
    expect("the old version has DMA memory", ask(old_version, kLoanPing), 0);
    ChildOptions borrower = same_priority();
    borrower.state_source = static_cast<Endpoint>(old_version);
    const int64_t new_version = spawn_child("dmaborrower", nullptr, borrower);
    expect("dma_inherit maps the old version's pages (the unmapped one skipped)", ask(new_version, kLoanTake),
           static_cast<int64_t>(kLoanPages));
    return Versions{old_version, new_version};
}

void check_refusals() {
    const int64_t stranger = spawn_child("dmaborrower", nullptr, same_priority());
    expect("dma_inherit without a state source", ask(stranger, kLoanTake), failure(Error::PermissionDenied));
    quit(stranger);
    ChildOptions reader = same_priority();
    reader.state_source = static_cast<Endpoint>(spawn_child("waitkernel", nullptr, same_priority()));
    const int64_t borrower = spawn_child("dmaborrower", nullptr, reader);
    expect("dma_inherit from a process without DMA memory", ask(borrower, kLoanTake), failure(Error::NotFound));
    quit(borrower);
    end(reader.state_source);
}

void check_lender_ends_first() {
    const Versions versions = lend();
    expect("dma_inherit only once", ask(versions.new_version, kLoanTake), failure(Error::AlreadyExists));
    expect("the borrowed pages hold the old version's data", ask(versions.new_version, kLoanRead), kPatternSum);
    end(versions.old_version);  // e.g. it crashed during the update: its pages go, and leave the borrower first
    expect("a borrower whose lender ended has lost the pages (it faults)", ask(versions.new_version, kLoanRead),
           failure(Error::DeadEndpoint));
    const Message report = next_kernel_message();
    expect("as a page fault", static_cast<int64_t>(payload_of<FaultReport>(report).vector), 14);
}

void check_commit_hands_over() {
    const Versions versions = lend();
    expect("commit: swap", call(Sys::ProcSwapEndpoints, static_cast<uint64_t>(versions.old_version),
                                static_cast<uint64_t>(versions.new_version)), 0);
    end(versions.new_version);  // the name now held by the old version, ended after the commit
    expect("after the commit the old version's end leaves the pages to the new one",
           ask(versions.old_version, kLoanRead), kPatternSum);
    quit(versions.old_version);
}

void check_undone_commit_hands_back() {
    const Versions versions = lend();
    const auto swap = [&] {
        return call(Sys::ProcSwapEndpoints, static_cast<uint64_t>(versions.old_version),
                    static_cast<uint64_t>(versions.new_version));
    };
    expect("commit", swap(), 0);
    expect("undo the commit", swap(), 0);
    end(versions.new_version);  // rolled back: the new version ends and frees nothing it borrowed
    expect("after a rollback the old version still has its pages", ask(versions.old_version, kLoanRead), kPatternSum);
    quit(versions.old_version);
}

}  // namespace

void check_dma_loans() {
    check_refusals();
    check_lender_ends_first();
    check_commit_hands_over();
    check_undone_commit_hands_back();
}

}  // namespace selftest
