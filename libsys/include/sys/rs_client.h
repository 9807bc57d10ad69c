// rs_client.h — client stubs for the supervisor (protocol/rs.h).
//
// Entry points: sys::rs::service_list, crash_service, shutdown; live update:
// update (start a transaction), update_wait (its progress lines, blocking
// until there is news), update_history (finished updates, oldest first).
#pragma once

#include <protocol/rs.h>
#include <sys/kcall.h>
#include <sys/result.h>

namespace sys::rs {

using protocol::rs::kUpdateLineLength;
using protocol::rs::ServiceEntry;
using protocol::rs::ServiceListReply;
using protocol::rs::UpdateHistoryReply;
using protocol::rs::UpdateRecord;
using protocol::rs::UpdateSpec;
using protocol::rs::UpdateWaitReply;

Result<ServiceListReply> service_list(ServiceEntry* entries, uint32_t capacity);
Result<void> crash_service(const char* name);
Result<void> shutdown(int32_t code);
// A service's record in detail; BadMessage from an rs that predates the request.
Result<protocol::rs::ServiceInfoReply> service_info(const char* name);

// Starts the update `spec` describes; returns its transaction id. When rs
// refuses it, the error comes back and rs's explanation is in `error_text`
// (always NUL-terminated here; "" when rs wrote none).
Result<uint32_t> update(const UpdateSpec& spec, char* error_text, size_t capacity);
// Waits until transaction `transaction` has progress lines past `first_line`
// or has finished; writes at most `capacity` lines into `lines`.
Result<UpdateWaitReply> update_wait(uint32_t transaction, uint32_t first_line, char (*lines)[kUpdateLineLength],
                                    uint32_t capacity);
Result<UpdateHistoryReply> update_history(UpdateRecord* records, uint32_t capacity);

}  // namespace sys::rs
