// update_policy.h — what a server (or updatable program) built on the libsys
// framework tells the update agent about its own state: transfer hooks for
// type changes the default rules cannot convert, and invariants the new state
// must satisfy before rs may commit. Given to the framework through
// sys::Lifecycle::update_policy; servers without special needs give none.
#pragma once

#include <libupdate/transfer.h>

namespace libupdate {

struct UpdatePolicy {
    const TypeHookEntry* type_hooks = nullptr;
    size_t type_hook_count = 0;
    const VariableHookEntry* variable_hooks = nullptr;
    size_t variable_hook_count = 0;
    const InvariantEntry* invariants = nullptr;
    size_t invariant_count = 0;
};

}  // namespace libupdate
