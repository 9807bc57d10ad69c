// endpoint_table.h — stable IPC names: endpoint -> the process currently
// behind it. Pure logic (host-testable).
//
// Entry points: EndpointTable::bind (explicit endpoint), allocate_user,
// lookup, mark_dead, swap, status, name_of.
// Invariants: kKernel (0) is never bound; an endpoint is Free (never used),
// Live (bound to one process slot) or Dead (its process died; the name is
// remembered and may be re-bound by a restart, which keeps the name).
// Automatic allocation starts at kFirstUserEndpoint, prefers never-used
// endpoints and cycles, so a just-freed name is not handed out at once.
#pragma once

#include <neurath/endpoint.h>
#include <neurath/syscall.h>
#include <stdint.h>

#include "core/result.h"

namespace kernel {

using neurath::Endpoint;

enum class EndpointStatus : uint8_t { Free, Live, Dead };

class EndpointTable {
public:
    static constexpr bool in_range(Endpoint endpoint) { return endpoint > 0 && endpoint < neurath::kMaxEndpoints; }

    // Bind `endpoint` to `slot`. -InvalidArgument out of range or kKernel,
    // -AlreadyExists when it is live.
    Result<void> bind(Endpoint endpoint, int32_t slot, const char* name);
    // Pick a free (or, when none is left, dead) user endpoint; does not bind it.
    Result<Endpoint> allocate_user();
    // The live slot, or -NoSuchEndpoint (never bound / out of range) or -DeadEndpoint.
    Result<int32_t> lookup(Endpoint endpoint) const;
    void mark_dead(Endpoint endpoint);
    // Exchanges the slots (and names) of two live endpoints; -NoSuchEndpoint /
    // -DeadEndpoint when either is not live, -InvalidArgument when a == b.
    Result<void> swap(Endpoint a, Endpoint b);
    EndpointStatus status(Endpoint endpoint) const;
    const char* name_of(Endpoint endpoint) const;

private:
    struct Entry {
        EndpointStatus status = EndpointStatus::Free;
        int32_t slot = -1;
        char name[neurath::kNameLength] = {};
    };
    Entry entries_[neurath::kMaxEndpoints];
    Endpoint next_user_ = neurath::kFirstUserEndpoint;
};

}  // namespace kernel
