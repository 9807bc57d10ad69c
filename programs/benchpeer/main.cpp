// main.cpp — /bin/benchpeer: the partner process for bench and ipcstress.
//
// Entry point: main. Modes (argv[1]):
//   (none) | echo    serve echo_protocol.h requests until kQuit, replying
//                    with reply-and-wait (one kernel call per round trip)
//   exit             exit at once with status 0 (spawn cost measurement)
//   ping <count>     ping vfs, pm, ds and tty <count> times each; exit 0 if
//                    every ping was answered, 1 otherwise (concurrent load)
#include <neurath/endpoint.h>
#include <protocol/common.h>
#include <sys/call.h>
#include <sys/cstring.h>
#include <sys/kcall.h>

#include "echo_protocol.h"

namespace {

using neurath::Message;

// Turns a request into its reply in place; returns true for kQuit.
bool answer(Message& message) {
    const bool quit = message.type == echo::kQuit;
    if (message.type == echo::kEcho) {
        auto& payload = neurath::payload_of<echo::EchoPayload>(message);
        for (uint64_t& word : payload.words) ++word;  // echo::expected_echo, in place
        message.type = protocol::kReplyOk;
    } else {
        message.type = quit ? protocol::kReplyOk : protocol::reply_type_for(neurath::Error::BadMessage);
    }
    return quit;
}

// Replies with SendReceive to the client, which hands back that client's
// next request in the same kernel call (reply-and-wait); when that fails
// (the client went away) it waits for anyone again.
int serve_echo() {
    Message message;
    bool have_request = false;
    for (;;) {
        if (!have_request) {
            if (sys::receive(neurath::kAny, message).is_error()) continue;
            if (message.source == neurath::kKernel) continue;
        }
        const neurath::Endpoint client = message.source;
        if (answer(message)) {
            (void)sys::send(client, message);
            return 0;
        }
        have_request = sys::sendrec(client, message).ok();
    }
}

uint32_t parse_count(const char* text) {
    uint32_t value = 0;
    for (; *text >= '0' && *text <= '9' && value < 1000000; ++text) value = value * 10 + (*text - '0');
    return value;
}

int ping_servers(uint32_t count) {
    const neurath::Endpoint servers[] = {neurath::kVfs, neurath::kPm, neurath::kDs, neurath::kTty};
    uint32_t failures = 0;
    for (uint32_t round = 0; round < count; ++round) {
        for (neurath::Endpoint server : servers) {
            if (sys::call_status(server, protocol::common::kPing, protocol::common::Empty{}).is_error()) ++failures;
        }
    }
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || sys::str::strcmp(argv[1], "echo") == 0) return serve_echo();
    if (sys::str::strcmp(argv[1], "exit") == 0) return 0;
    if (sys::str::strcmp(argv[1], "ping") == 0 && argc == 3) return ping_servers(parse_count(argv[2]));
    return 2;
}
