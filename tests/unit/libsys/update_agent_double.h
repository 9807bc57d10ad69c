// update_agent_double.h — what the host tests' update-agent double saw
// (update_agent_double.cpp).
#pragma once

#include <sys/update_agent.h>

namespace test_doubles {
extern int update_agent_calls;  // kPrepare messages handed to the agent
}
