// rs_client.cpp — client stubs for the supervisor.
#include <sys/call.h>
#include <sys/cstring.h>
#include <sys/grant.h>
#include <sys/rs_client.h>

namespace sys::rs {
namespace pr = protocol::rs;
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

}  // namespace sys::rs
