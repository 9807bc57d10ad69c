// harness.cpp — check counting, reading the own image, spawning children and
// looking them up in the process list.
//
// Entry points: see harness.h.
#include "harness.h"

namespace selftest {
namespace {

uint32_t check_count = 0;
uint32_t failure_count = 0;
constexpr uint64_t kImageAddress = 0x40000000;
uint64_t image_length = 0;

void append(char* block, uint32_t& used, const char* text) {
    size_t length = text_length(text);
    memcpy(block + used, text, length + 1);
    used += static_cast<uint32_t>(length + 1);
}

}  // namespace

void expect(const char* name, int64_t got, int64_t want) {
    ++check_count;
    if (got == want) {
        write_text("ok   ");
    } else {
        ++failure_count;
        write_text("FAIL ");
    }
    write_text(name);
    if (got != want) {
        write_text(": got ");
        write_number(got);
        write_text(", want ");
        write_number(want);
    }
    write_text("\n");
}

uint32_t failures() { return failure_count; }
uint32_t checks() { return check_count; }

void load_own_image() {
    ModuleDescriptor module{};
    if (call(Sys::ModuleInfo, 0, reinterpret_cast<uint64_t>(&module)) != 0) return;
    uint64_t mapped = (module.length + 4095) & ~uint64_t{4095};
    if (call(Sys::MapAnonymous, kImageAddress, mapped) != 0) return;
    image_length = static_cast<uint64_t>(call(Sys::ModuleRead, 0, 0, kImageAddress, module.length));
}

const void* own_image() { return reinterpret_cast<const void*>(kImageAddress); }
uint64_t own_image_length() { return image_length; }

SpawnRequest make_request(const char* role, const char* argument, const ChildOptions& options) {
    SpawnRequest request;
    memset(&request, 0, sizeof request);
    request.image = own_image();
    request.image_length = image_length;
    memcpy(request.name, role, text_length(role) + 1);
    append(request.args, request.args_length, "child");
    append(request.args, request.args_length, role);
    if (argument != nullptr) append(request.args, request.args_length, argument);
    request.endpoint = options.endpoint;
    request.supervisor = kRs;
    request.priority = options.priority;
    request.privileges.kernel_calls = options.kernel_calls;
    request.privileges.io_first = options.io_first;
    request.privileges.io_count = options.io_count;
    request.state_source = options.state_source;
    if (options.may_send_to_rs) request.privileges.send_mask[0] = uint64_t{1} << kRs;
    if (options.may_send_to_all) {
        for (uint64_t& word : request.privileges.send_mask) word = ~uint64_t{0};
    }
    return request;
}

int64_t spawn_request(SpawnRequest& request) { return call(Sys::ProcSpawn, reinterpret_cast<uint64_t>(&request)); }

int64_t spawn_child(const char* role, const char* argument, const ChildOptions& options) {
    SpawnRequest request = make_request(role, argument, options);
    return spawn_request(request);
}

Message next_kernel_message() {
    Message m{};
    int64_t result = receive(kKernel, m);
    if (result != 0) m.type = static_cast<int32_t>(result);
    return m;
}

ChildOptions same_priority() {
    ChildOptions options;
    options.priority = 0;
    options.may_send_to_all = true;
    return options;
}

char* number_text(int64_t value, char (&buffer)[12]) {
    int at = 11;
    buffer[at] = '\0';
    do {
        buffer[--at] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    return buffer + at;
}

const ProcessInfo* process_info(int64_t endpoint) {
    static ProcessInfo list[64];
    int64_t count = call(Sys::ProcList, reinterpret_cast<uint64_t>(list), 64);
    for (int64_t i = 0; i < count; ++i) {
        if (list[i].endpoint == endpoint) return &list[i];
    }
    return nullptr;
}

ProcState state_of(int64_t endpoint) {
    const ProcessInfo* info = process_info(endpoint);
    return info != nullptr ? info->state : ProcState::Dead;
}

}  // namespace selftest
