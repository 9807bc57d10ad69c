// call.h — the one way a client calls a server: build a request message,
// SendReceive it, turn the reply status into a Result, unpack the reply.
//
// Entry points:
//   sys::call<Reply>(server, type, request)  -> Result<Reply>
//   sys::call_status(server, type, request)  -> Result<void> (reply payload ignored)
#pragma once

#include <protocol/common.h>
#include <sys/cstring.h>
#include <sys/kcall.h>

namespace sys {

template <typename Request>
Message make_message(int32_t type, const Request& request) {
    Message message;
    str::memset(&message, 0, sizeof message);
    message.type = type;
    neurath::payload_of<Request>(message) = request;
    return message;
}

template <typename Request>
Result<Message> call_raw(Endpoint server, int32_t type, const Request& request) {
    Message message = make_message(type, request);
    TRY(sendrec(server, message));
    if (message.type < 0) return protocol::error_of_reply(message.type);
    return message;
}

template <typename Reply, typename Request>
Result<Reply> call(Endpoint server, int32_t type, const Request& request) {
    Message message = TRY(call_raw(server, type, request));
    return neurath::payload_of<Reply>(message);
}

template <typename Request>
Result<void> call_status(Endpoint server, int32_t type, const Request& request) {
    TRY(call_raw(server, type, request));
    return {};
}

}  // namespace sys
