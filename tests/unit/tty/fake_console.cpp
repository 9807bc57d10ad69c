// fake_console.cpp — fake UART and deferred-reply recorder for the tty
// handler tests (see fake_console.h).
#include "fake_console.h"

#include <protocol/common.h>
#include <sys/server.h>

#include "uart.h"

namespace fake_console {

std::string typed;
std::string printed;
std::vector<SentReply> replies;

void reset() {
    typed.clear();
    printed.clear();
    replies.clear();
}

}  // namespace fake_console

namespace tty {

sys::Result<void> Uart::init() {
    (void)base_;  // no ports on the host
    return {};
}
sys::Result<void> Uart::attach() { return {}; }

void Uart::write(const char* bytes, size_t length) { fake_console::printed.append(bytes, length); }

size_t Uart::read_available(char* out, size_t capacity) {
    const size_t count = fake_console::typed.size() < capacity ? fake_console::typed.size() : capacity;
    fake_console::typed.copy(out, count);
    fake_console::typed.erase(0, count);
    return count;
}

}  // namespace tty

namespace sys {

Result<void> send_reply(Endpoint client, Message& reply) {
    fake_console::replies.push_back({client, reply});
    return {};
}

Result<void> send_error_reply(Endpoint client, Error error) {
    Message reply{};
    reply.type = protocol::reply_type_for(error);
    fake_console::replies.push_back({client, reply});
    return {};
}

}  // namespace sys
