// wait_graph.h — deadlock detection for synchronous IPC. Pure logic
// (host-testable): the caller supplies who each endpoint is waiting for.
//
// Entry points: find_wait_cycle(sender, target, waits_for, path, capacity).
// A process "waits for" endpoint X when it is blocked sending to X, or
// blocked receiving from X specifically (receiving from anyone waits for
// nobody). A send from `sender` to `target` that cannot complete at once
// would close a cycle when following waits-for edges from `target` reaches
// `sender`. The walk is bounded by kMaxEndpoints steps.
#pragma once

#include <neurath/endpoint.h>
#include <stddef.h>

namespace kernel {

// WaitsFor: Endpoint(Endpoint) returning the endpoint waited for, or kNone.
// On a cycle, path receives sender, target, ..., (up to capacity entries) and
// the function returns the number of entries; otherwise it returns 0.
template <typename WaitsFor>
size_t find_wait_cycle(neurath::Endpoint sender, neurath::Endpoint target, WaitsFor waits_for,
                       neurath::Endpoint* path, size_t capacity) {
    size_t length = 0;
    auto record = [&](neurath::Endpoint e) {
        if (length < capacity) path[length] = e;
        ++length;
    };
    record(sender);
    neurath::Endpoint cursor = target;
    for (int step = 0; step < neurath::kMaxEndpoints; ++step) {
        if (cursor == sender) return length < capacity ? length : capacity;
        if (cursor == neurath::kNone || cursor == neurath::kAny) return 0;
        record(cursor);
        cursor = waits_for(cursor);
    }
    return 0;
}

}  // namespace kernel
