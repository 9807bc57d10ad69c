// fake_console.h — host stand-ins for what the tty handlers touch outside
// their own code: the UART (input queue, captured output) and the
// framework's deferred replies (recorded instead of sent).
#pragma once

#include <string>
#include <vector>

#include <neurath/message.h>

namespace fake_console {

struct SentReply {
    neurath::Endpoint client;
    neurath::Message message;
};

extern std::string typed;     // bytes the UART will hand out
extern std::string printed;   // bytes written to the UART
extern std::vector<SentReply> replies;
void reset();

}  // namespace fake_console
