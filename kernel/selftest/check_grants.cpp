// check_grants.cpp — grant windows: copies inside the window with the granted
// access succeed; wrong access, wrong granter, out-of-window ranges, bad
// local memory and revoked grants are refused; grants to a process that
// ended are gone.
//
// Entry point: check_grants.
#include "harness.h"
#include "roles.h"

namespace selftest {
namespace {

int64_t copy_from(Endpoint granter, int64_t id, uint64_t offset, void* local, uint64_t length) {
    return call(Sys::SafeCopyFrom, static_cast<uint64_t>(granter), static_cast<uint64_t>(id), offset,
                reinterpret_cast<uint64_t>(local), length);
}

int64_t copy_to(Endpoint granter, int64_t id, uint64_t offset, const void* local, uint64_t length) {
    return call(Sys::SafeCopyTo, static_cast<uint64_t>(granter), static_cast<uint64_t>(id), offset,
                reinterpret_cast<uint64_t>(local), length);
}

Message expect_request(int32_t type) {
    Message m{};
    expect("grant child request", receive(kAny, m), 0);
    expect("grant child request type", m.type, type);
    return m;
}

// A grant to a process that ends goes with it: the next process at that
// endpoint (a restart, or a reused user endpoint) must not inherit it.
void check_grants_die_with_grantee() {
    static char window[16] = "rs's own memory";
    ChildOptions at_45 = same_priority();
    at_45.endpoint = 45;
    expect("grantee started at 45", spawn_child("exit", "0", at_45), 45);
    // The child may already have ended (same priority): then the grant is refused.
    int64_t to_grantee = call(Sys::GrantCreate, 45, reinterpret_cast<uint64_t>(window), sizeof window, kGrantRead);
    int64_t to_other = call(Sys::GrantCreate, kRs, reinterpret_cast<uint64_t>(window), sizeof window, kGrantRead);
    expect_true("grants to 45 and to rs itself made (or 45 already gone)",
                (to_grantee >= 0 || to_grantee == failure(Error::DeadEndpoint)) && to_other >= 0);
    Message report = next_kernel_message();
    expect("grantee at 45 ended", payload_of<ExitReport>(report).endpoint, 45);
    if (to_grantee >= 0)
        expect("its grant went with it", call(Sys::GrantRevoke, static_cast<uint64_t>(to_grantee)),
               failure(Error::NotFound));
    expect("a grant to a dead endpoint is refused",
           call(Sys::GrantCreate, 45, reinterpret_cast<uint64_t>(window), sizeof window, kGrantRead),
           failure(Error::DeadEndpoint));
    expect("a grant to another endpoint stays", call(Sys::GrantRevoke, static_cast<uint64_t>(to_other)), 0);
}

}  // namespace

void check_grants() {
    Endpoint child = static_cast<Endpoint>(spawn_child("grant", nullptr));
    Message m = expect_request(kGrantOffered);
    int64_t id = payload_of<int64_t>(m);
    expect_true("grant id is valid", id >= 0);
    char local[40] = {};
    expect("copy the whole read window", copy_from(child, id, 0, local, 32), 0);
    expect_true("copied bytes match", text_equal(local, "granted window contents"));
    expect("copy past the window", copy_from(child, id, 20, local, 20), failure(Error::InvalidArgument));
    expect("copy with offset overflow", copy_from(child, id, ~uint64_t{0}, local, 2), failure(Error::InvalidArgument));
    expect("write through a read grant", copy_to(child, id, 0, local, 4), failure(Error::PermissionDenied));
    expect("wrong granter", copy_from(kRs, id, 0, local, 4), failure(Error::NotFound));
    expect("copy into bad local memory", copy_from(child, id, 0, reinterpret_cast<void*>(0x10), 4),
           failure(Error::BadAddress));
    expect("grant to a live endpoint", call(Sys::GrantCreate, child, 0x10000000, 16, kGrantRead) >= 0, 1);
    expect("grant to an endpoint nobody holds", call(Sys::GrantCreate, 99, 0x10000000, 16, kGrantRead),
           failure(Error::NoSuchEndpoint));
    expect("grant with bad access bits", call(Sys::GrantCreate, kAny, 0x10000000, 16, 8),
           failure(Error::InvalidArgument));
    expect("grant of kernel memory", call(Sys::GrantCreate, kAny, 0xFFFF800000000000, 16, kGrantRead),
           failure(Error::BadAddress));
    send(child, m);

    m = expect_request(kGrantRevoked);
    expect("copy through a revoked grant", copy_from(child, payload_of<int64_t>(m), 0, local, 4),
           failure(Error::NotFound));
    send(child, m);

    m = expect_request(kGrantWritable);
    int64_t write_id = payload_of<int64_t>(m);
    expect("read through a write grant", copy_from(child, write_id, 0, local, 4), failure(Error::PermissionDenied));
    expect("write through the write grant", copy_to(child, write_id, 0, kWrittenByRs, text_length(kWrittenByRs) + 1),
           0);
    send(child, m);
    Message report = next_kernel_message();
    expect("grantee saw the written bytes", payload_of<ExitReport>(report).status, 0);
    check_grants_die_with_grantee();
}

}  // namespace selftest
