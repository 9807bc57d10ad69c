// main.cpp — /test/net-foreign: tries every socket id inet may have handed
// out (1..kMaxId) with requests a thief would send — recv, send, bind,
// listen, accept, shutdown, close and poll — owning none of them itself,
// plus malformed requests on a socket it does own (unknown kind, bad backlog,
// bad shutdown, empty and oversized poll, a bad grant). Every one must be
// refused; afterwards its own socket must still work (bind, listen, close).
//
// Prints "net-foreign: N refused, M accepted" (M must be 0). Entry point:
// main. Exit status 0 when nothing was accepted, 1 otherwise.
#include <sys/call.h>
#include <sys/socket.h>
#include <sys/stdio.h>

namespace {

namespace pi = protocol::inet;
constexpr uint32_t kMaxId = 64;

struct Tally {
    uint32_t refused = 0;
    uint32_t accepted = 0;

    template <typename T>
    void expect_refused(const sys::Result<T>& result, const char* what, uint32_t id) {
        if (result.is_error()) {
            ++refused;
            return;
        }
        ++accepted;
        printf("net-foreign: %s on socket %u was accepted\n", what, id);
    }
};

void try_foreign(Tally& tally, uint32_t id) {
    uint8_t byte = 0;
    tally.expect_refused(sys::inet::recv(id, &byte, 1, 1), "recv", id);
    tally.expect_refused(sys::inet::send(id, &byte, 1, 1), "send", id);
    tally.expect_refused(sys::inet::bind(id, {0, 40000, 0}), "bind", id);
    tally.expect_refused(sys::inet::listen(id, 1), "listen", id);
    tally.expect_refused(sys::inet::accept(id, 1), "accept", id);
    tally.expect_refused(sys::inet::shutdown(id, pi::ShutdownHow::Both), "shutdown", id);
    pi::PollItem item{id, pi::kReadable, 0};
    tally.expect_refused(sys::inet::poll(&item, 1, 0), "poll", id);
    tally.expect_refused(sys::inet::close(id), "close", id);
}

void try_malformed(Tally& tally, uint32_t own) {
    tally.expect_refused(sys::call<pi::SocketReply>(pi::kInet, pi::kSocket, pi::SocketRequest{static_cast<pi::SocketKind>(9)}),
                         "socket of an unknown kind", own);
    tally.expect_refused(sys::inet::listen(own, 0), "listen with backlog 0", own);
    tally.expect_refused(sys::inet::listen(own, 1000), "listen with backlog 1000", own);
    tally.expect_refused(sys::inet::shutdown(own, static_cast<pi::ShutdownHow>(7)), "shutdown how=7", own);
    pi::PollItem items[pi::kMaxPollItems + 1] = {};
    for (auto& item : items) item = {own, pi::kReadable, 0};
    tally.expect_refused(sys::inet::poll(items, 0, 0), "poll of no items", own);
    tally.expect_refused(sys::inet::poll(items, pi::kMaxPollItems + 1, 0), "poll of 17 items", own);
    pi::SendRequest bad_grant{own, 1, {0xDEAD, 64}, {}};
    tally.expect_refused(sys::call<pi::SendReply>(pi::kInet, pi::kSend, bad_grant), "send with a forged grant", own);
}

}  // namespace

int main(int, char**) {
    auto own = sys::inet::socket(sys::inet::SocketKind::Stream);
    if (own.is_error()) {
        printf("net-foreign: socket: %s\n", neurath::error_name(own.error()));
        return 1;
    }
    Tally tally;
    for (uint32_t id = 1; id <= kMaxId; ++id)
        if (id != own.value()) try_foreign(tally, id);
    try_malformed(tally, own.value());
    const bool works = sys::inet::bind(own.value(), {0, 40001, 0}).ok() && sys::inet::listen(own.value(), 1).ok() &&
                       sys::inet::close(own.value()).ok();
    printf("net-foreign: %u refused, %u accepted; own socket %s\n", tally.refused, tally.accepted,
           works ? "works" : "broken");
    return tally.accepted == 0 && works ? 0 : 1;
}
