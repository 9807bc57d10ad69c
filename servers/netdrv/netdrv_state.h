// netdrv_state.h — everything netdrv owns, passed to every handler: the
// device, the DMA memory it was given, the link's owner, the receive that
// waits for a frame, the frames received and not yet fetched, and the
// counters LinkInfo reports.
#pragma once

#include <neurath/endpoint.h>
#include <protocol/net.h>

#include "dma_arena.h"
#include "nic.h"

namespace netdrv {

using neurath::Endpoint;
using neurath::Error;
using neurath::Message;

// Frames the device has written and no client has fetched yet, oldest first.
class ReadyQueue {
public:
    bool empty() const { return count_ == 0; }
    const ReceivedFrame& front() const { return frames_[head_]; }
    void push(const ReceivedFrame& frame);  // never more than kBufferCount: each frame holds a buffer
    ReceivedFrame pop();

private:
    ReceivedFrame frames_[kBufferCount] = {};
    uint16_t head_ = 0;
    uint16_t count_ = 0;
};

struct Owner {
    Endpoint client = neurath::kNone;
    uint32_t notify_tag = protocol::net::kNoNotify;
};

// A Receive held until a frame arrives or its deadline passes.
struct PendingReceive {
    bool waiting = false;
    Endpoint client = neurath::kNone;
    protocol::GrantRef buffer = {};
    uint64_t deadline_ns = 0;
};

struct Counters {
    uint64_t frames_in = 0;
    uint64_t frames_out = 0;
    uint64_t bytes_in = 0;
    uint64_t bytes_out = 0;
    uint64_t drops = 0;
    uint64_t errors = 0;
};

struct NetdrvState {
    DmaArena arena;
    Nic nic;
    uint32_t irq = 0;
    Owner owner;
    PendingReceive pending;
    ReadyQueue ready;
    Counters counters;
};

}  // namespace netdrv
