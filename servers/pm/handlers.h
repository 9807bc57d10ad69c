// handlers.h — pm's dispatch table and start hook.
//
// Entry points: pm::make_table, pm::start_fresh.
#pragma once

#include <sys/server.h>

#include "pm_state.h"

namespace pm {

sys::DispatchTable<PmState> make_table();
Result<void> start_fresh(PmState& state, const sys::StartInfo& info);

}  // namespace pm
