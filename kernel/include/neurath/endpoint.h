// endpoint.h — well-known endpoints.
//
// An endpoint names a process for IPC and stays the same when the process
// behind it is restarted or replaced (live update swaps the process, not the
// name). System servers have fixed endpoints; user processes get endpoints
// allocated from kFirstUserEndpoint upwards.
#pragma once

#include <neurath/message.h>

namespace neurath {

inline constexpr Endpoint kAny = -1;      // receive from anyone
inline constexpr Endpoint kNone = -2;     // no endpoint
inline constexpr Endpoint kKernel = 0;    // source of kernel-generated messages (exits, faults, IRQs)
inline constexpr Endpoint kRs = 1;        // supervisor and update manager
inline constexpr Endpoint kPm = 2;        // process manager
inline constexpr Endpoint kVfs = 3;       // file system
inline constexpr Endpoint kDs = 4;        // data store
inline constexpr Endpoint kTty = 5;       // console driver
inline constexpr Endpoint kFirstUserEndpoint = 16;
inline constexpr Endpoint kMaxEndpoints = 256;

}  // namespace neurath
