// ownership.h — who may kill whom through pm, and how many processes a
// process may have below it: the ownership rules of the security model
// (docs/architecture.md#security-model). Pure logic over the process table,
// unit-tested on the host (tests/unit/pm).
//
// Entry points: pm::check_kill, pm::check_process_limit.
#pragma once

#include "process_table.h"

namespace pm {

// Whether `caller` may kill `target`. Servers (endpoints below
// kFirstUserEndpoint) may kill any program pm started. A program may kill
// itself and its own descendants; with profile `kill programs`, any program
// pm started. Nobody kills init but a `kill programs` profile or a server;
// no server is ever killed through pm. PermissionDenied when refused,
// NotFound when `target` is no live process pm started.
Result<void> check_kill(const ProcessTable& table, Endpoint caller, Endpoint target, Endpoint init);

// Whether `parent` may start one more process: for `parent` and each of its
// ancestors with a process limit, its live descendants plus the new one must
// stay within the limit. ProcessLimit when one would be exceeded.
Result<void> check_process_limit(const ProcessTable& table, Endpoint parent);

}  // namespace pm
