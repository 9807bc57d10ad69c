// main.cpp — /test/net-malformed: requests to netdrv from a process that is
// not inet, each of which must be refused and change nothing but netdrv's
// count of refused requests: only the TCP/IP server may own the link, so
// open (with a good or a bad notification tag), send (through a real or a
// forged grant), receive and close are all PermissionDenied; an unknown
// request type is BadMessage (the framework refuses it before any handler).
// LinkInfo, open to everyone, still answers, and counts exactly the six
// refusals. That frames still flow is shown by arping afterwards (tests).
//
// Entry point: main. Prints "net-malformed: N checks, F failed"; exit status
// 0 only when nothing failed. Needs a network device (./neurath run --net).
#include <protocol/net.h>
#include <sys/call.h>
#include <sys/net_client.h>
#include <sys/stdio.h>

namespace {

namespace pn = protocol::net;
using neurath::Error;

constexpr uint64_t kCountedRefusals = 6;

struct Tally {
    uint32_t checks = 0;
    uint32_t failed = 0;
};

void expect(Tally& tally, const char* what, const sys::Result<void>& got, Error want) {
    ++tally.checks;
    const Error error = got.is_error() ? got.error() : Error::None;
    if (error == want) return;
    ++tally.failed;
    printf("FAIL %s: got %s, want %s\n", what, error == Error::None ? "ok" : neurath::error_name(error),
           want == Error::None ? "ok" : neurath::error_name(want));
}

template <typename T>
sys::Result<void> status_of(const sys::Result<T>& result) {
    if (result.is_error()) return result.error();
    return {};
}

void check_refusals(Tally& tally) {
    uint8_t frame[pn::kMaxFrame] = {};
    expect(tally, "open", sys::net::open(), Error::PermissionDenied);
    expect(tally, "open with tag 99", sys::net::open(99), Error::PermissionDenied);
    expect(tally, "send", sys::net::send(frame, 60), Error::PermissionDenied);
    expect(tally, "send through a grant that does not exist",
           sys::call_status(pn::kNetdrv, pn::kSend, pn::SendRequest{{0xDEAD0000, 60}}), Error::PermissionDenied);
    expect(tally, "receive", status_of(sys::net::receive(frame, sizeof frame, 0)), Error::PermissionDenied);
    expect(tally, "close", sys::net::close(), Error::PermissionDenied);
    expect(tally, "unknown request", sys::call_status(pn::kNetdrv, protocol::kNetBase + 77, pn::Empty{}),
           Error::BadMessage);
}

}  // namespace

int main(int, char**) {
    auto before = sys::net::link_info();
    if (before.is_error()) {
        printf("net-malformed: no network device: %s\n", neurath::error_name(before.error()));
        return 2;
    }
    Tally tally;
    check_refusals(tally);
    auto after = sys::net::link_info();
    ++tally.checks;
    const uint64_t refused = after.is_error() ? 0 : after.value().errors - before.value().errors;
    if (refused != kCountedRefusals) {
        ++tally.failed;
        printf("FAIL netdrv counted %lu refused requests, want %lu\n", refused, kCountedRefusals);
    }
    ++tally.checks;
    if (after.is_error() || !after.value().owned) {
        ++tally.failed;
        printf("FAIL the link is no longer owned (by inet)\n");
    }
    printf("net-malformed: %u checks, %u failed\n", tally.checks, tally.failed);
    return tally.failed == 0 ? 0 : 1;
}
