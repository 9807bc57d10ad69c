// update_agent_double.cpp — a test double of the live-update agent for host
// tests of the server framework and of servers' handlers (the real agent,
// libupdate/target/update_agent.cpp, makes kernel calls). It records what
// the framework hands it and refuses to prepare, so tests can check that
// only rs's update messages reach the agent.
#include "update_agent_double.h"

#include <protocol/update.h>

namespace test_doubles {
int update_agent_calls = 0;
}

namespace sys {

bool update_agent_dispatch(const neurath::Message& request, neurath::Message& reply, bool& send_reply) {
    send_reply = false;
    if (request.type != protocol::update::kPrepare) return false;
    ++test_doubles::update_agent_calls;
    reply.type = protocol::reply_type_for(neurath::Error::NotSupported);
    send_reply = true;
    return true;
}

Result<void> update_agent_start(const libupdate::UpdatePolicy*, UpdateStep) { return neurath::Error::NotSupported; }

TransferFigures update_agent_own_transfer() { return {}; }

}  // namespace sys
