// manifest.cpp — parser and validator for etc/system.conf (format: libsys/README.md).
//
// Line-oriented: each line is split into words (after stripping '#'
// comments); the first word is a keyword. `service <name>` and
// `profile user` open a section; the other keywords fill the open one.
// IPC names are resolved to endpoints once every service is known.
#include <sys/args.h>
#include <sys/cstring.h>
#include <sys/manifest.h>

namespace sys::manifest {
using neurath::Error;

namespace {

constexpr size_t kMaxLine = 256;
constexpr size_t kMaxWords = 24;

struct KernelCallName {
    const char* name;
    neurath::Sys call;
};
constexpr KernelCallName kKernelCalls[] = {
    {"ProcSpawn", neurath::Sys::ProcSpawn},       {"ProcKill", neurath::Sys::ProcKill},
    {"ProcList", neurath::Sys::ProcList},         {"ModuleInfo", neurath::Sys::ModuleInfo},
    {"ModuleRead", neurath::Sys::ModuleRead},     {"IoPortEnable", neurath::Sys::IoPortEnable},
    {"IrqSubscribe", neurath::Sys::IrqSubscribe}, {"Shutdown", neurath::Sys::Shutdown},
    {"DmaAlloc", neurath::Sys::DmaAlloc},
};

struct WellKnown {
    const char* name;
    Endpoint endpoint;
};
constexpr WellKnown kWellKnown[] = {
    {"rs", neurath::kRs}, {"pm", neurath::kPm}, {"vfs", neurath::kVfs}, {"ds", neurath::kDs}, {"tty", neurath::kTty},
};

// Parser state while walking the lines.
struct Parser {
    Manifest& manifest;
    ParseError& error;
    uint32_t line = 0;
    ServiceSpec* service = nullptr;      // open `service` section
    ProgramProfile* profile = nullptr;   // open `profile` section

    Result<void> fail(const char* reason) {
        error = {line, reason};
        return Error::InvalidArgument;
    }
};

Result<int32_t> parse_int(const char* word) {
    if (*word == '\0') return Error::InvalidArgument;
    int32_t value = 0;
    for (; *word; ++word) {
        if (*word < '0' || *word > '9' || value > 100000) return Error::InvalidArgument;
        value = value * 10 + (*word - '0');
    }
    return value;
}

bool copy_name(char (&out)[neurath::kNameLength], const char* word) {
    if (str::strlen(word) >= neurath::kNameLength) return false;
    str::strlcpy(out, word, sizeof out);
    return true;
}

// Decimal, or hexadecimal with 0x; at most `limit`.
Result<uint32_t> parse_number(const char* word, uint32_t limit) {
    uint32_t base = 10;
    if (word[0] == '0' && (word[1] == 'x' || word[1] == 'X')) {
        base = 16;
        word += 2;
    }
    if (*word == '\0') return Error::InvalidArgument;
    uint64_t value = 0;
    for (; *word; ++word) {
        const char c = *word;
        uint32_t digit = 0;
        if (c >= '0' && c <= '9') digit = static_cast<uint32_t>(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f') digit = static_cast<uint32_t>(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F') digit = static_cast<uint32_t>(c - 'A' + 10);
        else return Error::InvalidArgument;
        value = value * base + digit;
        if (value > limit) return Error::InvalidArgument;
    }
    return static_cast<uint32_t>(value);
}

void set_bit(uint64_t* words, uint32_t bit) { words[bit / 64] |= uint64_t{1} << (bit % 64); }

Result<void> open_service(Parser& p, char** words, size_t count) {
    if (count != 2) return p.fail("usage: service <name>");
    if (p.manifest.service_count == kMaxServices) return p.fail("too many services");
    if (p.manifest.find(words[1])) return p.fail("duplicate service name");
    ServiceSpec& spec = p.manifest.services[p.manifest.service_count++];
    str::memset(&spec, 0, sizeof spec);
    if (!copy_name(spec.name, words[1])) return p.fail("service name too long");
    spec.endpoint = neurath::kNone;
    spec.priority = 3;
    p.service = &spec;
    p.profile = nullptr;
    return {};
}

Result<void> open_profile(Parser& p, char** words, size_t count) {
    if (count != 2) return p.fail("usage: profile <name>");
    if (p.manifest.profile(words[1])) return p.fail("duplicate profile");
    if (p.manifest.profile_count == kMaxProfiles) return p.fail("too many profiles");
    ProgramProfile& profile = p.manifest.profiles[p.manifest.profile_count++];
    str::memset(&profile, 0, sizeof profile);
    if (!copy_name(profile.name, words[1])) return p.fail("profile name too long");
    profile.priority = 5;
    p.service = nullptr;
    p.profile = &profile;
    return {};
}

Result<void> copy_program_path(Parser& p, char (&out)[kMaxProgramPath], const char* path) {
    if (path[0] != '/') return p.fail("program paths must be absolute");
    if (str::strlen(path) >= kMaxProgramPath) return p.fail("program path too long");
    str::strlcpy(out, path, sizeof out);
    return {};
}

Result<void> add_names(Parser& p, char (*names)[neurath::kNameLength], uint32_t& used, size_t capacity,
                       char** words, size_t count) {
    if (count < 2) return p.fail("expected at least one name");
    for (size_t i = 1; i < count; ++i) {
        if (used == capacity) return p.fail("too many names");
        if (!copy_name(names[used++], words[i])) return p.fail("name too long");
    }
    return {};
}

Result<void> add_calls(Parser& p, neurath::Privileges& privileges, char** words, size_t count) {
    if (count < 2) return p.fail("expected at least one kernel call");
    for (size_t i = 1; i < count; ++i) {
        auto bit = kernel_call_bit(words[i]);
        if (bit.is_error()) return p.fail("unknown kernel call");
        privileges.kernel_calls |= uint64_t{1} << bit.value();
    }
    return {};
}

Result<void> set_priority(Parser& p, int32_t& priority, char** words, size_t count) {
    if (count != 2) return p.fail("usage: priority <0-7>");
    auto value = parse_int(words[1]);
    if (value.is_error() || value.value() > 7) return p.fail("priority must be 0..7");
    priority = value.value();
    return {};
}

// `ports <first> <count>`: the I/O port window IoPortEnable is scoped to.
Result<void> set_ports(Parser& p, ServiceSpec& spec, char** words, size_t count) {
    if (count != 3) return p.fail("usage: ports <first> <count>");
    auto first = parse_number(words[1], neurath::kIoPortCount - 1);
    auto length = parse_number(words[2], neurath::kIoPortCount);
    if (first.is_error() || length.is_error() || length.value() == 0 ||
        first.value() + length.value() > neurath::kIoPortCount)
        return p.fail("ports must be a window inside 0..0xffff");
    spec.privileges.io_first = first.value();
    spec.privileges.io_count = length.value();
    return {};
}

// `irq <line>...`: the IRQ lines IrqSubscribe is scoped to.
Result<void> add_irqs(Parser& p, ServiceSpec& spec, char** words, size_t count) {
    if (count < 2) return p.fail("usage: irq <line>...");
    for (size_t i = 1; i < count; ++i) {
        auto line = parse_number(words[i], 15);
        if (line.is_error() || line.value() == 0 || line.value() == 2) return p.fail("irq lines are 1 and 3..15");
        spec.privileges.irq_mask |= 1u << line.value();
    }
    return {};
}

// `device <vendor>:<device>`: the PCI device (hex ids) this driver claims.
Result<void> set_device(Parser& p, ServiceSpec& spec, char** words, size_t count) {
    if (count != 2) return p.fail("usage: device <vendor>:<device>");
    char ids[16];
    if (str::strlen(words[1]) >= sizeof ids) return p.fail("usage: device <vendor>:<device>");
    str::strlcpy(ids, words[1], sizeof ids);
    char* colon = str::strchr(ids, ':');
    if (!colon) return p.fail("usage: device <vendor>:<device>");
    *colon = '\0';
    char vendor_hex[20] = "0x";
    char device_hex[20] = "0x";
    str::strlcpy(vendor_hex + 2, ids, sizeof vendor_hex - 2);
    str::strlcpy(device_hex + 2, colon + 1, sizeof device_hex - 2);
    auto vendor = parse_number(vendor_hex, 0xFFFE);
    auto device = parse_number(device_hex, 0xFFFF);
    if (vendor.is_error() || device.is_error()) return p.fail("device ids are hexadecimal vendor:device");
    spec.claims_device = true;
    spec.pci_vendor = static_cast<uint16_t>(vendor.value());
    spec.pci_device = static_cast<uint16_t>(device.value());
    return {};
}

Result<void> service_keyword(Parser& p, char** words, size_t count) {
    ServiceSpec& spec = *p.service;
    const char* keyword = words[0];
    if (str::strcmp(keyword, "endpoint") == 0) {
        auto value = count == 2 ? parse_int(words[1]) : Result<int32_t>(Error::InvalidArgument);
        if (value.is_error()) return p.fail("usage: endpoint <number>");
        if (value.value() <= neurath::kRs || value.value() >= neurath::kFirstUserEndpoint)
            return p.fail("service endpoints must be between 2 and 15");
        if (p.manifest.find(value.value())) return p.fail("duplicate endpoint");
        spec.endpoint = value.value();
        return {};
    }
    if (str::strcmp(keyword, "program") == 0) {
        if (count != 2) return p.fail("usage: program <path in boot image>");
        const char* path = words[1];
        while (*path == '/') ++path;
        if (str::strlen(path) >= kMaxProgramPath || *path == '\0') return p.fail("bad program path");
        str::strlcpy(spec.program, path, sizeof spec.program);
        return {};
    }
    if (str::strcmp(keyword, "depends") == 0)
        return add_names(p, spec.dependencies, spec.dependency_count, kMaxDependencies, words, count);
    if (str::strcmp(keyword, "ipc") == 0)
        return add_names(p, spec.ipc_names, spec.ipc_count, kMaxIpcNames, words, count);
    if (str::strcmp(keyword, "calls") == 0) return add_calls(p, spec.privileges, words, count);
    if (str::strcmp(keyword, "priority") == 0) return set_priority(p, spec.priority, words, count);
    if (str::strcmp(keyword, "ports") == 0) return set_ports(p, spec, words, count);
    if (str::strcmp(keyword, "irq") == 0) return add_irqs(p, spec, words, count);
    if (str::strcmp(keyword, "device") == 0) return set_device(p, spec, words, count);
    return p.fail("unknown keyword in service section");
}

// `memory <N>K` or `<N>M`: KiB or MiB (N >= 1).
Result<void> set_memory_limit(Parser& p, uint64_t& limit, char** words, size_t count) {
    if (count != 2) return p.fail("usage: memory <N>K | <N>M");
    char number[16];
    const size_t length = str::strlen(words[1]);
    if (length < 2 || length > sizeof number) return p.fail("usage: memory <N>K | <N>M");
    str::strlcpy(number, words[1], length);  // drops the unit letter
    const char unit = words[1][length - 1];
    auto value = parse_int(number);
    if (value.is_error() || value.value() == 0 || (unit != 'K' && unit != 'M'))
        return p.fail("memory must be <N>K or <N>M with N >= 1");
    limit = static_cast<uint64_t>(value.value()) << (unit == 'K' ? 10 : 20);
    return {};
}

Result<void> set_process_limit(Parser& p, uint32_t& limit, char** words, size_t count) {
    auto value = count == 2 ? parse_int(words[1]) : Result<int32_t>(Error::InvalidArgument);
    if (value.is_error() || value.value() == 0) return p.fail("usage: processes <N>, N >= 1");
    limit = static_cast<uint32_t>(value.value());
    return {};
}

Result<void> set_kill_scope(Parser& p, KillScope& scope, char** words, size_t count) {
    if (count == 2 && str::strcmp(words[1], "descendants") == 0) scope = KillScope::Descendants;
    else if (count == 2 && str::strcmp(words[1], "programs") == 0) scope = KillScope::Programs;
    else return p.fail("usage: kill descendants | programs");
    return {};
}

Result<void> set_net_permission(Parser& p, uint32_t& server_permissions, char** words, size_t count) {
    if (count != 2 || str::strcmp(words[1], "privileged-ports") != 0) return p.fail("usage: net privileged-ports");
    server_permissions |= neurath::kPermitPrivilegedPorts;
    return {};
}

// Limits, the kill scope and network permissions of a profile; NotFound
// when `keyword` is none of them.
Result<void> profile_limit_keyword(Parser& p, ProgramProfile& profile, char** words, size_t count) {
    if (str::strcmp(words[0], "memory") == 0) return set_memory_limit(p, profile.memory_limit, words, count);
    if (str::strcmp(words[0], "processes") == 0) return set_process_limit(p, profile.process_limit, words, count);
    if (str::strcmp(words[0], "kill") == 0) return set_kill_scope(p, profile.kill_scope, words, count);
    if (str::strcmp(words[0], "net") == 0) return set_net_permission(p, profile.privileges.server_permissions, words, count);
    return Error::NotFound;
}

Result<void> profile_keyword(Parser& p, char** words, size_t count) {
    ProgramProfile& profile = *p.profile;
    if (auto limit = profile_limit_keyword(p, profile, words, count); limit.ok() || limit.error() != Error::NotFound)
        return limit;
    if (str::strcmp(words[0], "ipc") == 0)
        return add_names(p, profile.ipc_names, profile.ipc_count, kMaxIpcNames, words, count);
    if (str::strcmp(words[0], "calls") == 0) return add_calls(p, profile.privileges, words, count);
    if (str::strcmp(words[0], "priority") == 0) return set_priority(p, profile.priority, words, count);
    if (str::strcmp(words[0], "programs") == 0) {
        if (count < 2) return p.fail("usage: programs </path>...");
        for (size_t i = 1; i < count; ++i) {
            if (profile.program_count == kMaxProfilePrograms) return p.fail("too many programs");
            TRY(copy_program_path(p, profile.programs[profile.program_count++], words[i]));
        }
        return {};
    }
    if (str::strcmp(words[0], "init") == 0) {
        if (count != 2) return p.fail("usage: init </absolute/program/path>");
        if (p.manifest.init[0] != '\0') return p.fail("duplicate init");
        return copy_program_path(p, p.manifest.init, words[1]);
    }
    return p.fail("unknown keyword in profile section");
}

Result<void> parse_line(Parser& p, char* line) {
    if (char* comment = str::strchr(line, '#')) *comment = '\0';
    for (char* c = line; *c; ++c) {
        if (*c == '\r') *c = ' ';  // tolerate CRLF line ends
    }
    char* words[kMaxWords];
    auto counted = sys::split_words(line, words, kMaxWords);
    if (counted.is_error()) return p.fail("too many words on one line");
    const size_t count = counted.value();
    if (count == 0) return {};
    if (str::strcmp(words[0], "service") == 0) return open_service(p, words, count);
    if (str::strcmp(words[0], "profile") == 0) return open_profile(p, words, count);
    if (p.service) return service_keyword(p, words, count);
    if (p.profile) return profile_keyword(p, words, count);
    return p.fail("keyword outside a service or profile section");
}

// One ipc target name -> bits in a send mask.
Result<void> resolve_target(const Manifest& manifest, const char* name, uint64_t* mask) {
    if (str::strcmp(name, "all") == 0) {
        for (uint32_t e = 1; e < neurath::kMaxEndpoints; ++e) set_bit(mask, e);
        return {};
    }
    if (str::strcmp(name, "users") == 0) {
        for (uint32_t e = neurath::kFirstUserEndpoint; e < neurath::kMaxEndpoints; ++e) set_bit(mask, e);
        return {};
    }
    if (const ServiceSpec* spec = manifest.find(name)) {
        set_bit(mask, static_cast<uint32_t>(spec->endpoint));
        return {};
    }
    for (const WellKnown& known : kWellKnown) {
        if (str::strcmp(name, known.name) == 0) {
            set_bit(mask, static_cast<uint32_t>(known.endpoint));
            return {};
        }
    }
    return Error::NotFound;
}

Result<void> resolve_ipc(const Manifest& manifest, const char (*names)[neurath::kNameLength], uint32_t count,
                         neurath::Privileges& privileges, ParseError& error) {
    for (uint32_t i = 0; i < count; ++i) {
        if (resolve_target(manifest, names[i], privileges.send_mask).is_error()) {
            error = {0, "unknown ipc target"};
            return Error::InvalidArgument;
        }
    }
    return {};
}

Result<void> validate(Manifest& manifest, ParseError& error) {
    for (uint32_t i = 0; i < manifest.service_count; ++i) {
        ServiceSpec& spec = manifest.services[i];
        if (spec.endpoint == neurath::kNone || spec.program[0] == '\0') {
            error = {0, "every service needs an endpoint and a program"};
            return Error::InvalidArgument;
        }
        if (spec.claims_device && (spec.privileges.io_count != 0 || spec.privileges.irq_mask != 0)) {
            error = {0, "a service with a device gets its ports and irq from the device"};
            return Error::InvalidArgument;
        }
        for (uint32_t d = 0; d < spec.dependency_count; ++d) {
            if (!manifest.find(spec.dependencies[d])) {
                error = {0, "dependency on an unknown service"};
                return Error::InvalidArgument;
            }
        }
        TRY(resolve_ipc(manifest, spec.ipc_names, spec.ipc_count, spec.privileges, error));
    }
    for (uint32_t i = 0; i < manifest.profile_count; ++i) {
        ProgramProfile& profile = manifest.profiles[i];
        TRY(resolve_ipc(manifest, profile.ipc_names, profile.ipc_count, profile.privileges, error));
    }
    if (manifest.profile_count > 0 && !manifest.profile("user")) {
        error = {0, "profiles need a `profile user` for ordinary programs"};
        return Error::InvalidArgument;
    }
    return {};
}

}  // namespace

const ServiceSpec* Manifest::find(const char* name) const {
    for (uint32_t i = 0; i < service_count; ++i) {
        if (str::strcmp(services[i].name, name) == 0) return &services[i];
    }
    return nullptr;
}

const ServiceSpec* Manifest::find(Endpoint endpoint) const {
    for (uint32_t i = 0; i < service_count; ++i) {
        if (services[i].endpoint == endpoint) return &services[i];
    }
    return nullptr;
}

const ProgramProfile* Manifest::profile(const char* name) const {
    for (uint32_t i = 0; i < profile_count; ++i) {
        if (str::strcmp(profiles[i].name, name) == 0) return &profiles[i];
    }
    return nullptr;
}

const ProgramProfile* Manifest::profile_for(const char* program_path) const {
    for (uint32_t i = 0; i < profile_count; ++i) {
        for (uint32_t j = 0; j < profiles[i].program_count; ++j) {
            if (str::strcmp(profiles[i].programs[j], program_path) == 0) return &profiles[i];
        }
    }
    return profile("user");
}

Result<uint32_t> kernel_call_bit(const char* name) {
    for (const KernelCallName& entry : kKernelCalls) {
        if (str::strcmp(entry.name, name) == 0) return static_cast<uint32_t>(entry.call);
    }
    return Error::NotFound;
}

Result<void> parse(const char* text, size_t length, Manifest& out, ParseError& error) {
    str::memset(&out, 0, sizeof out);
    error = {0, "ok"};
    Parser parser{out, error};
    size_t start = 0;
    while (start < length) {
        size_t end = start;
        while (end < length && text[end] != '\n') ++end;
        ++parser.line;
        if (end - start >= kMaxLine) return parser.fail("line too long");
        char line[kMaxLine];
        str::memcpy(line, text + start, end - start);
        line[end - start] = '\0';
        if (str::strlen(line) != end - start) return parser.fail("NUL byte in manifest");
        TRY(parse_line(parser, line));
        start = end + 1;
    }
    return validate(out, error);
}

Result<void> start_order(const Manifest& manifest, uint32_t (&order)[kMaxServices]) {
    bool placed[kMaxServices] = {};
    uint32_t count = 0;
    while (count < manifest.service_count) {
        bool progress = false;
        for (uint32_t i = 0; i < manifest.service_count; ++i) {
            if (placed[i]) continue;
            const ServiceSpec& spec = manifest.services[i];
            bool ready = true;
            for (uint32_t d = 0; d < spec.dependency_count; ++d) {
                const ServiceSpec* dependency = manifest.find(spec.dependencies[d]);
                if (!dependency || !placed[dependency - manifest.services]) ready = false;
            }
            if (!ready) continue;
            placed[i] = true;
            order[count++] = i;
            progress = true;
        }
        if (!progress) return Error::InvalidArgument;  // dependency cycle
    }
    return {};
}

}  // namespace sys::manifest
