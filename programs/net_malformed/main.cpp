// main.cpp — /test/net-malformed: malformed and unauthorised requests to
// netdrv, each of which must be refused with its own error and change
// nothing, then proof that the driver still works (a frame goes out, the
// counters moved by exactly what happened).
//
// Cases: send before owning the link, a notification tag out of range, a
// grant that does not exist, a frame too long and too short, a receive
// buffer too small, a wait too long, an unknown request type, and a second
// process (this program started with "intruder") that tries to open, send,
// receive and close while the first owns the link.
//
// Entry point: main. Prints "net-malformed: N checks, F failed"; exit status
// 0 only when nothing failed. Needs a network device (./neurath run --net).
#include <protocol/net.h>
#include <sys/call.h>
#include <sys/cstring.h>
#include <sys/grant.h>
#include <sys/net_client.h>
#include <sys/pm_client.h>
#include <sys/stdio.h>

namespace {

namespace pn = protocol::net;
using neurath::Error;

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

// The intruder: every owner-only request is refused while another owns the link.
int run_intruder() {
    Tally tally;
    uint8_t frame[pn::kMaxFrame] = {};
    expect(tally, "intruder open", sys::net::open(), Error::Busy);
    expect(tally, "intruder send", sys::net::send(frame, 60), Error::PermissionDenied);
    expect(tally, "intruder receive", status_of(sys::net::receive(frame, sizeof frame, 0)), Error::PermissionDenied);
    expect(tally, "intruder close", sys::net::close(), Error::PermissionDenied);
    return tally.failed == 0 ? 0 : 1;
}

void check_intruder(Tally& tally, const char* self) {
    const char* argv[] = {self, "intruder"};
    auto child = sys::pm::spawn(self, 2, argv);
    expect(tally, "spawn the intruder", status_of(child), Error::None);
    if (child.is_error()) return;
    auto waited = sys::pm::wait(child.value().endpoint);
    ++tally.checks;
    if (waited.is_error() || waited.value().status != 0) {
        ++tally.failed;
        printf("FAIL the intruder was not refused everything\n");
    }
}

void check_bad_requests(Tally& tally) {
    static uint8_t big[4000];
    uint8_t frame[pn::kMaxFrame] = {};
    expect(tally, "send before open", sys::net::send(frame, 60), Error::PermissionDenied);
    expect(tally, "open with tag 99", sys::net::open(99), Error::InvalidArgument);
    expect(tally, "open", sys::net::open(), Error::None);
    expect(tally, "send through a grant that does not exist",
           sys::call_status(pn::kNetdrv, pn::kSend, pn::SendRequest{{0xDEAD0000, 60}}), Error::NotFound);
    expect(tally, "send 4000 bytes", sys::net::send(big, sizeof big), Error::TooBig);
    expect(tally, "send 10 bytes", sys::net::send(frame, 10), Error::InvalidArgument);
    expect(tally, "receive into 100 bytes", status_of(sys::net::receive(frame, 100, 0)), Error::InvalidArgument);
    expect(tally, "receive waiting 10 minutes", status_of(sys::net::receive(frame, sizeof frame, 600'000)),
           Error::InvalidArgument);
    expect(tally, "unknown request", sys::call_status(pn::kNetdrv, protocol::kNetBase + 77, pn::Empty{}),
           Error::BadMessage);
}

// A broadcast frame of no protocol in use (EtherType 0x88b5, local experimental).
void check_still_sends(Tally& tally, const pn::LinkInfo& before) {
    uint8_t frame[60] = {};
    sys::str::memset(frame, 0xFF, 6);
    sys::str::memcpy(frame + 6, before.mac, 6);
    frame[12] = 0x88;
    frame[13] = 0xB5;
    expect(tally, "a good frame after all that", sys::net::send(frame, sizeof frame), Error::None);
    auto after = sys::net::link_info();
    ++tally.checks;
    if (after.is_error() || after.value().frames_out != before.frames_out + 1 ||
        after.value().bytes_out != before.bytes_out + 60) {
        ++tally.failed;
        printf("FAIL the counters did not count exactly one 60-byte frame out\n");
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && sys::str::strcmp(argv[1], "intruder") == 0) return run_intruder();
    auto before = sys::net::link_info();
    if (before.is_error()) {
        printf("net-malformed: no network device: %s\n", neurath::error_name(before.error()));
        return 2;
    }
    Tally tally;
    check_bad_requests(tally);
    check_intruder(tally, argv[0]);
    auto middle = sys::net::link_info();
    ++tally.checks;
    // 7 refusals here and 4 by the intruder count as errors; the unknown
    // request type is refused by the server framework before any handler.
    const uint64_t refused = middle.is_error() ? 0 : middle.value().errors - before.value().errors;
    if (refused != 11) {
        ++tally.failed;
        printf("FAIL netdrv counted %lu refused requests, want 11\n", refused);
    }
    if (middle.ok()) check_still_sends(tally, middle.value());
    expect(tally, "close", sys::net::close(), Error::None);
    printf("net-malformed: %u checks, %u failed\n", tally.checks, tally.failed);
    return tally.failed == 0 ? 0 : 1;
}
