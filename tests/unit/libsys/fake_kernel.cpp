// fake_kernel.cpp — host implementations of the sys:: kernel-call wrappers
// (see fake_kernel.h).
#include "fake_kernel.h"

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <neurath/version.h>
#include <sys/stdio.h>
#include <stdexcept>

namespace fake {
Kernel& kernel() {
    static Kernel instance;
    return instance;
}
}  // namespace fake

namespace sys {
using neurath::Error;

Result<void> sendrec(Endpoint destination, Message& message) {
    fake::Kernel& k = fake::kernel();
    auto server = k.servers.find(destination);
    if (server == k.servers.end()) return Error::NoSuchEndpoint;
    message.source = k.caller;
    const Endpoint saved_caller = k.caller;
    k.caller = destination;
    Message reply{};
    const Outcome outcome = server->second(message, reply);
    k.caller = saved_caller;
    if (outcome != Outcome::SendReply) return Error::WouldBlock;  // deferred: the test inspects the outbox
    message = reply;
    message.source = destination;
    return {};
}

Result<void> send(Endpoint destination, const Message& message) {
    fake::Kernel& k = fake::kernel();
    if (k.not_receiving.count(destination) != 0)
        throw std::runtime_error("blocking send to endpoint " + std::to_string(destination) +
                                 ", which never receives: the sender would stall");
    k.outbox.push_back({k.caller, destination, message});
    return {};
}

Result<void> send_nonblocking(Endpoint destination, const Message& message) {
    fake::Kernel& k = fake::kernel();
    if (k.not_receiving.count(destination) != 0) return Error::NotReceiving;
    k.outbox.push_back({k.caller, destination, message});
    return {};
}

Result<uint64_t> grant_create(Endpoint grantee, const void* address, uint64_t length, uint32_t access) {
    fake::Kernel& k = fake::kernel();
    const uint64_t id = k.next_grant++;
    k.grants[id] = {address, length, access, k.caller, grantee};
    return id;
}

Result<void> grant_revoke(uint64_t grant_id) {
    fake::Kernel& k = fake::kernel();
    if (k.grants.erase(grant_id) == 0) return Error::InvalidArgument;
    ++k.revoked;
    return {};
}

namespace {
Result<const fake::GrantRecord*> checked_grant(Endpoint granter, uint64_t id, uint64_t offset, uint64_t length,
                                               uint32_t access) {
    fake::Kernel& k = fake::kernel();
    auto it = k.grants.find(id);
    if (it == k.grants.end() || it->second.owner != granter || it->second.grantee != k.caller)
        return Error::PermissionDenied;
    if ((it->second.access & access) == 0) return Error::PermissionDenied;
    if (offset > it->second.length || length > it->second.length - offset) return Error::BadAddress;
    return &it->second;
}
}  // namespace

Result<void> safecopy_from(Endpoint granter, uint64_t id, uint64_t offset, void* local, uint64_t length) {
    const fake::GrantRecord* grant = TRY(checked_grant(granter, id, offset, length, neurath::kGrantRead));
    std::memcpy(local, static_cast<const uint8_t*>(grant->address) + offset, length);
    return {};
}

Result<void> safecopy_to(Endpoint granter, uint64_t id, uint64_t offset, const void* local, uint64_t length) {
    const fake::GrantRecord* grant = TRY(checked_grant(granter, id, offset, length, neurath::kGrantWrite));
    std::memcpy(const_cast<uint8_t*>(static_cast<const uint8_t*>(grant->address)) + offset, local, length);
    return {};
}

Result<Endpoint> proc_spawn(const neurath::SpawnRequest& request) {
    fake::Kernel& k = fake::kernel();
    const auto* image = static_cast<const uint8_t*>(request.image);
    if (request.image_length < 4 || std::memcmp(image, "\x7f" "ELF", 4) != 0) return Error::BadExecutable;
    k.spawns.push_back(request);
    neurath::ProcessInfo info{};
    info.endpoint = request.endpoint == neurath::kNone ? k.next_endpoint++ : request.endpoint;
    info.supervisor = request.supervisor;
    info.state = neurath::ProcState::Ready;
    info.priority = request.priority;
    info.pid = k.next_pid++;
    std::memcpy(info.name, request.name, sizeof info.name);
    info.version = neurath::image_version(image, request.image_length);
    k.processes.push_back(info);
    return info.endpoint;
}

Result<uint64_t> proc_list(neurath::ProcessInfo* out, uint64_t capacity) {
    const auto& processes = fake::kernel().processes;
    uint64_t count = 0;
    for (; count < capacity && count < processes.size(); ++count) out[count] = processes[count];
    return count;
}

Result<void> proc_kill(Endpoint target, int32_t status) {
    fake::Kernel& k = fake::kernel();
    for (auto& info : k.processes) {
        if (info.endpoint == target && info.state != neurath::ProcState::Dead) {
            info.state = neurath::ProcState::Dead;
            k.kills.push_back({target, status});
            return {};
        }
    }
    return Error::NoSuchEndpoint;
}

Result<void> receive(Endpoint, Message& message) {
    auto& inbox = fake::kernel().inbox;
    if (inbox.empty()) return Error::WouldBlock;
    message = inbox.front();
    inbox.pop_front();
    return {};
}

void debug_write(const char* text, uint64_t length) { fake::kernel().log.append(text, length); }

void log(const char* pattern, ...) {
    char buffer[1024];
    va_list arguments;
    va_start(arguments, pattern);
    std::vsnprintf(buffer, sizeof buffer, pattern, arguments);
    va_end(arguments);
    fake::kernel().log += buffer;
}
Endpoint self_endpoint() { return fake::kernel().caller; }

uint64_t uptime_ns() {
    fake::Kernel& k = fake::kernel();
    const uint64_t now = k.uptime_ns;
    k.uptime_ns += 1'000'000;
    return now;
}
[[noreturn]] void exit(int32_t status) { throw std::runtime_error("exit " + std::to_string(status)); }

void inject_crash() { throw std::runtime_error("crash injected"); }

}  // namespace sys
