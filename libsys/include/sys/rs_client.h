// rs_client.h — client stubs for the supervisor (protocol/rs.h).
//
// Entry points: sys::rs::service_list, crash_service, shutdown.
#pragma once

#include <protocol/rs.h>
#include <sys/kcall.h>
#include <sys/result.h>

namespace sys::rs {

using protocol::rs::ServiceEntry;
using protocol::rs::ServiceListReply;

Result<ServiceListReply> service_list(ServiceEntry* entries, uint32_t capacity);
Result<void> crash_service(const char* name);
Result<void> shutdown(int32_t code);

}  // namespace sys::rs
