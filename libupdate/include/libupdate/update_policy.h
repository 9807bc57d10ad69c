// update_policy.h — what a server (or updatable program) built on the libsys
// framework tells the update agent about its own state: transfer hooks for
// type changes the default rules cannot convert, and invariants the new state
// must satisfy before rs may commit. Given to the framework through
// sys::Lifecycle::update_policy; servers without special needs give none.
#pragma once

#include <libupdate/transfer.h>

namespace libupdate {

// The transfer hooks and invariants of libupdate's transfer (transfer.h),
// named for the framework: {type hooks, count, variable hooks, count,
// invariants, count}.
struct UpdatePolicy : TransferHooks {};

}  // namespace libupdate
