// rs_client.cpp — client stubs for the supervisor.
#include <sys/call.h>
#include <sys/cstring.h>
#include <sys/grant.h>
#include <sys/rs_client.h>

namespace sys::rs {
namespace pr = protocol::rs;
using neurath::kGrantRead;
using neurath::kGrantWrite;
using neurath::kRs;

Result<ServiceListReply> service_list(ServiceEntry* entries, uint32_t capacity) {
    Grant grant = TRY(Grant::create(kRs, entries, uint64_t{capacity} * sizeof(ServiceEntry), kGrantWrite));
    return call<ServiceListReply>(kRs, pr::kServiceList, pr::ServiceListRequest{grant.ref()});
}

Result<void> crash_service(const char* name) {
    pr::CrashServiceRequest request{};
    if (str::strlen(name) >= sizeof request.name) return Error::NameTooLong;
    str::strlcpy(request.name, name, sizeof request.name);
    return call_status(kRs, pr::kCrashService, request);
}

Result<void> shutdown(int32_t code) { return call_status(kRs, pr::kShutdown, pr::ShutdownRequest{code}); }

Result<pr::ServiceInfoReply> service_info(const char* name) {
    pr::ServiceInfoRequest request{};
    if (str::strlen(name) >= sizeof request.name) return Error::NameTooLong;
    str::strlcpy(request.name, name, sizeof request.name);
    return call<pr::ServiceInfoReply>(kRs, pr::kServiceInfo, request);
}

Result<uint32_t> update(const UpdateSpec& spec, char* error_text, size_t capacity) {
    if (error_text == nullptr || capacity == 0) return Error::InvalidArgument;
    str::memset(error_text, 0, capacity);
    Grant spec_grant = TRY(Grant::create(kRs, &spec, sizeof spec, kGrantRead));
    Grant text_grant = TRY(Grant::create(kRs, error_text, capacity, kGrantWrite));
    const Result<pr::UpdateReply> reply =
        call<pr::UpdateReply>(kRs, pr::kUpdate, pr::UpdateRequest{spec_grant.ref(), text_grant.ref()});
    error_text[capacity - 1] = '\0';
    if (reply.is_error()) return reply.error();
    return reply.value().transaction;
}

Result<UpdateWaitReply> update_wait(uint32_t transaction, uint32_t first_line, char (*lines)[kUpdateLineLength],
                                    uint32_t capacity) {
    Grant grant = TRY(Grant::create(kRs, lines, uint64_t{capacity} * kUpdateLineLength, kGrantWrite));
    const UpdateWaitReply reply =
        TRY(call<UpdateWaitReply>(kRs, pr::kUpdateWait, pr::UpdateWaitRequest{transaction, first_line, grant.ref()}));
    if (reply.count > capacity) return Error::BadMessage;
    return reply;
}

Result<UpdateHistoryReply> update_history(UpdateRecord* records, uint32_t capacity) {
    Grant grant = TRY(Grant::create(kRs, records, uint64_t{capacity} * sizeof(UpdateRecord), kGrantWrite));
    const UpdateHistoryReply reply =
        TRY(call<UpdateHistoryReply>(kRs, pr::kUpdateHistory, pr::UpdateHistoryRequest{grant.ref()}));
    if (reply.count > capacity) return Error::BadMessage;
    return reply;
}

}  // namespace sys::rs
