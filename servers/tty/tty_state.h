// tty_state.h — everything the tty server owns, passed to every handler.
//
// Live-update state: the line discipline (the line being edited, queued
// lines) and the pending read (who waits for a line, and into which grant).
#pragma once

#include <neurath/endpoint.h>
#include <protocol/common.h>

#include "line_discipline.h"
#include "uart.h"

namespace tty {

using neurath::Endpoint;
using neurath::Error;
using neurath::Message;

struct PendingRead {
    bool waiting = false;
    Endpoint client = neurath::kNone;
    protocol::GrantRef buffer = {};
};

struct TtyState {
    Uart uart{kCom1Base};
    LineDiscipline discipline;
    PendingRead pending;
    uint64_t lines_delivered = 0;
    uint64_t bytes_written = 0;
};

}  // namespace tty
