// update_args.h — the words of an `update` command turned into the
// UpdateSpec rs expects, with every argument checked before anything is sent.
//
// Forms (options may come anywhere after `update`):
//   update <name> <binary> [--state EXPR] [--timeout MS] [--prepare-only] [--round-trip]
//   update <name>:<binary> <name>:<binary> ... [same options]   (one transaction)
//   update --undo <name> [--timeout MS]
// <name> is a service, a program name or a pid; <binary> a path in vfs
// (relative paths start at "/"); EXPR one word (quote it to use spaces).
// Errors name the argument at fault ("--timeout: 'soon' is not a number of
// milliseconds", "unknown option --fast", "too many targets: 7 (at most 6)").
// Pure: tested on the host (tests/unit/sh).
//
// Entry point: parse_update_args.
#pragma once

#include <protocol/rs.h>
#include <stddef.h>
#include <sys/result.h>

namespace shell {

inline constexpr size_t kUpdateArgsErrorLength = 160;
inline constexpr uint64_t kMaxUpdateTimeoutMs = 3600000;  // one hour

// Fills `spec` from argv[1 .. argc) (argv[0] is the command name). On error
// returns InvalidArgument and describes the problem in `error` (capacity
// kUpdateArgsErrorLength); `spec` is then unspecified.
sys::Result<void> parse_update_args(size_t argc, const char* const* argv, protocol::rs::UpdateSpec& spec,
                                    char (&error)[kUpdateArgsErrorLength]);

}  // namespace shell
