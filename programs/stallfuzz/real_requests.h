// real_requests.h — for each server, one well-formed request that it handles
// and answers with success (a stat of "/", a service list, a pid, a lookup,
// an empty console write), and pm's deferred answer (a wait for a child), so
// stallfuzz sends requests whose answers are real, not only refusals.
//
// Entry points: RealRequests (grants to one server, alive while it is
// attacked), RealRequests::make, start_deferred_wait.
#pragma once

#include <neurath/message.h>
#include <sys/grant.h>
#include <sys/result.h>

#include "targets.h"

namespace stallfuzz {

class RealRequests {
public:
    // Creates the grants the server's request names (none for some).
    static sys::Result<RealRequests> create(const fuzz::Target& target);
    RealRequests(RealRequests&&) = default;

    // The well-formed request for this server.
    neurath::Message make() const;

private:
    RealRequests(const fuzz::Target& target, sys::Grant grant)
        : target_(&target), grant_(static_cast<sys::Grant&&>(grant)) {}
    const fuzz::Target* target_;
    sys::Grant grant_;
};

// Starts a child that exits at once and asks pm, with a plain Send, to wait
// for it: pm answers when the child has ended (at once or deferred), and
// stallfuzz never takes that answer. Result of the Send.
sys::Result<void> start_deferred_wait();

}  // namespace stallfuzz
