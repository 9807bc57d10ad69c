// manifest_test.cpp — parsing etc/system.conf: the shipped manifest, every
// keyword, privilege bits, dependency order and each class of error.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <sys/manifest.h>

namespace {

using neurath::Error;

bool sends_to(const neurath::Privileges& privileges, int endpoint) {
    return (privileges.send_mask[endpoint / 64] >> (endpoint % 64)) & 1;
}
bool may_call(const neurath::Privileges& privileges, neurath::Sys call) {
    return (privileges.kernel_calls >> static_cast<int>(call)) & 1;
}

struct Parsed {
    sys::manifest::Manifest manifest;
    sys::manifest::ParseError error;
    sys::Result<void> result = {};
};

std::unique_ptr<Parsed> parse(const std::string& text) {
    auto parsed = std::make_unique<Parsed>();
    parsed->result = sys::manifest::parse(text.data(), text.size(), parsed->manifest, parsed->error);
    return parsed;
}

const char* kSample = R"(# sample
service ds
    endpoint 4
    program /sbin/ds
    ipc rs users
service pm   # trailing comment
    endpoint 2
    program sbin/pm
    priority 1
    calls ProcSpawn ProcList
    ipc vfs ds
    depends ds vfs
service vfs
    endpoint 3
    program /sbin/vfs
profile user
    init /bin/sh
    priority 6
    ipc pm vfs
profile admin
    programs /bin/sh /bin/fuzz
    ipc rs pm
    calls Shutdown
)";

}  // namespace

TEST(Manifest, ParsesServicesAndProfile) {
    auto parsed = parse(kSample);
    ASSERT_TRUE(parsed->result.ok()) << parsed->error.line << ": " << parsed->error.reason;
    const sys::manifest::Manifest& m = parsed->manifest;
    ASSERT_EQ(m.service_count, 3u);
    const sys::manifest::ServiceSpec* pm = m.find("pm");
    ASSERT_NE(pm, nullptr);
    EXPECT_EQ(pm->endpoint, 2);
    EXPECT_STREQ(pm->program, "sbin/pm");
    EXPECT_EQ(pm->priority, 1);
    EXPECT_TRUE(may_call(pm->privileges, neurath::Sys::ProcSpawn));
    EXPECT_TRUE(may_call(pm->privileges, neurath::Sys::ProcList));
    EXPECT_FALSE(may_call(pm->privileges, neurath::Sys::Shutdown));
    EXPECT_TRUE(sends_to(pm->privileges, 3));
    EXPECT_TRUE(sends_to(pm->privileges, 4));
    EXPECT_FALSE(sends_to(pm->privileges, 1));
    EXPECT_EQ(m.find(3)->priority, 3) << "default priority";

    const sys::manifest::ServiceSpec* ds = m.find("ds");
    EXPECT_TRUE(sends_to(ds->privileges, 1));
    EXPECT_TRUE(sends_to(ds->privileges, neurath::kFirstUserEndpoint));
    EXPECT_TRUE(sends_to(ds->privileges, neurath::kMaxEndpoints - 1));
    EXPECT_FALSE(sends_to(ds->privileges, 5));

    EXPECT_STREQ(m.init, "/bin/sh");
    const sys::manifest::ProgramProfile* user = m.profile("user");
    ASSERT_NE(user, nullptr);
    EXPECT_EQ(user->priority, 6);
    EXPECT_TRUE(sends_to(user->privileges, 2));
    EXPECT_FALSE(sends_to(user->privileges, 1));
    EXPECT_EQ(user->privileges.kernel_calls, 0u);
}

TEST(Manifest, ProgramsGetTheProfileThatListsThem) {
    auto parsed = parse(kSample);
    ASSERT_TRUE(parsed->result.ok()) << parsed->error.reason;
    const sys::manifest::ProgramProfile* shell = parsed->manifest.profile_for("/bin/sh");
    ASSERT_NE(shell, nullptr);
    EXPECT_STREQ(shell->name, "admin");
    EXPECT_TRUE(sends_to(shell->privileges, 1));
    EXPECT_TRUE(may_call(shell->privileges, neurath::Sys::Shutdown));
    EXPECT_EQ(shell->priority, 5) << "default profile priority";
    EXPECT_STREQ(parsed->manifest.profile_for("/bin/other")->name, "user");
    EXPECT_STREQ(parsed->manifest.profile_for("bin/sh")->name, "user") << "paths match exactly";
}

TEST(Manifest, ToleratesWindowsLineEnds) {
    auto parsed = parse("service a\r\n endpoint 6\r\n program /x\r\n");
    ASSERT_TRUE(parsed->result.ok()) << parsed->error.line << ": " << parsed->error.reason;
    EXPECT_EQ(parsed->manifest.find("a")->endpoint, 6);
}

TEST(Manifest, StartOrderPutsDependenciesFirst) {
    auto parsed = parse(kSample);
    ASSERT_TRUE(parsed->result.ok());
    uint32_t order[sys::manifest::kMaxServices];
    ASSERT_TRUE(sys::manifest::start_order(parsed->manifest, order).ok());
    auto position = [&](const char* name) {
        for (uint32_t i = 0; i < parsed->manifest.service_count; ++i)
            if (std::string(parsed->manifest.services[order[i]].name) == name) return i;
        return 99u;
    };
    EXPECT_LT(position("ds"), position("pm"));
    EXPECT_LT(position("vfs"), position("pm"));
}

TEST(Manifest, RejectsDependencyCycles) {
    auto parsed = parse("service a\n endpoint 6\n program x\n depends b\nservice b\n endpoint 7\n program y\n depends a\n");
    ASSERT_TRUE(parsed->result.ok());
    uint32_t order[sys::manifest::kMaxServices];
    EXPECT_EQ(sys::manifest::start_order(parsed->manifest, order).error(), Error::InvalidArgument);
}

struct BadManifest {
    const char* text;
    uint32_t line;
    const char* reason_part;
};

class ManifestErrors : public ::testing::TestWithParam<BadManifest> {};

TEST_P(ManifestErrors, ReportsLineAndReason) {
    auto parsed = parse(GetParam().text);
    ASSERT_EQ(parsed->result.error(), Error::InvalidArgument);
    EXPECT_EQ(parsed->error.line, GetParam().line);
    EXPECT_NE(std::string(parsed->error.reason).find(GetParam().reason_part), std::string::npos)
        << parsed->error.reason;
}

INSTANTIATE_TEST_SUITE_P(
    All, ManifestErrors,
    ::testing::Values(BadManifest{"endpoint 3\n", 1, "outside"},
                      BadManifest{"service a\n  bogus 1\n", 2, "unknown keyword"},
                      BadManifest{"service a\n endpoint 1\n", 2, "between 2 and 15"},
                      BadManifest{"service a\n endpoint 16\n", 2, "between 2 and 15"},
                      BadManifest{"service a\n endpoint x\n", 2, "usage"},
                      BadManifest{"service a\n endpoint 6\n program p\nservice b\n endpoint 6\n", 5, "duplicate endpoint"},
                      BadManifest{"service a\nservice a\n", 2, "duplicate service"},
                      BadManifest{"service a\n calls MakeCoffee\n", 2, "unknown kernel call"},
                      BadManifest{"service a\n priority 9\n", 2, "0..7"},
                      BadManifest{"service averyveryverylongname\n", 1, "too long"},
                      BadManifest{"service a\n endpoint 6\n", 0, "endpoint and a program"},
                      BadManifest{"service a\n endpoint 6\n program p\n ipc nobody\n", 0, "unknown ipc target"},
                      BadManifest{"service a\n endpoint 6\n program p\n depends ghost\n", 0, "unknown service"},
                      BadManifest{"profile admin\n", 0, "profile user"},
                      BadManifest{"profile user\nprofile user\n", 2, "duplicate profile"},
                      BadManifest{"profile user\n init /a\n init /b\n", 3, "duplicate init"},
                      BadManifest{"profile user\n programs bin/x\n", 2, "absolute"},
                      BadManifest{"profile user\n init relative/sh\n", 2, "absolute"},
                      BadManifest{"profile user\n memory 64\n", 2, "<N>K or <N>M"},
                      BadManifest{"profile user\n memory 0M\n", 2, "N >= 1"},
                      BadManifest{"profile user\n memory 12G\n", 2, "<N>K or <N>M"},
                      BadManifest{"profile user\n processes 0\n", 2, "usage: processes"},
                      BadManifest{"profile user\n kill everyone\n", 2, "usage: kill"},
                      BadManifest{"service a\n ports 0xfff0 0x20\n", 2, "inside 0..0xffff"},
                      BadManifest{"service a\n ports 0x3f8 0\n", 2, "inside 0..0xffff"},
                      BadManifest{"service a\n ports 0x3g8 8\n", 2, "inside 0..0xffff"},
                      BadManifest{"service a\n irq 2\n", 2, "1 and 3..15"},
                      BadManifest{"service a\n irq 16\n", 2, "1 and 3..15"},
                      BadManifest{"service a\n device 1af4\n", 2, "usage"},
                      BadManifest{"service a\n device 1af4:zz\n", 2, "hexadecimal"},
                      BadManifest{"service a\n endpoint 6\n program p\n device 1af4:1000\n irq 11\n", 0,
                                  "from the device"}));

TEST(Manifest, DeviceAndHardwareWindows) {
    auto parsed = parse("service tty\n endpoint 5\n program /sbin/tty\n ports 0x3f8 8\n irq 4 3\n"
                        "service net\n endpoint 6\n program /sbin/net\n calls DmaAlloc\n device 1AF4:1000\n");
    ASSERT_TRUE(parsed->result.ok()) << parsed->error.line << ": " << parsed->error.reason;
    const auto* tty = parsed->manifest.find("tty");
    EXPECT_EQ(tty->privileges.io_first, 0x3F8u);
    EXPECT_EQ(tty->privileges.io_count, 8u);
    EXPECT_EQ(tty->privileges.irq_mask, (1u << 4) | (1u << 3));
    EXPECT_FALSE(tty->claims_device);
    const auto* net = parsed->manifest.find("net");
    EXPECT_TRUE(net->claims_device);
    EXPECT_EQ(net->pci_vendor, 0x1AF4);
    EXPECT_EQ(net->pci_device, 0x1000);
    EXPECT_EQ(net->privileges.io_count, 0u) << "rs fills the window from the device it finds";
    EXPECT_TRUE(may_call(net->privileges, neurath::Sys::DmaAlloc));
}

// Bug: no per-process limits existed; one program could map all free memory.
TEST(Manifest, ProfilesCarryMemoryAndProcessLimitsAndKillScope) {
    auto parsed = parse("profile user\n memory 64M\n processes 16\n"
                        "profile tiny\n programs /bin/t\n memory 512K\n kill programs\n");
    ASSERT_TRUE(parsed->result.ok()) << parsed->error.reason;
    const sys::manifest::ProgramProfile* user = parsed->manifest.profile("user");
    EXPECT_EQ(user->memory_limit, uint64_t{64} << 20);
    EXPECT_EQ(user->process_limit, 16u);
    EXPECT_EQ(user->kill_scope, sys::manifest::KillScope::Descendants) << "the default";
    const sys::manifest::ProgramProfile* tiny = parsed->manifest.profile("tiny");
    EXPECT_EQ(tiny->memory_limit, uint64_t{512} << 10);
    EXPECT_EQ(tiny->process_limit, 0u) << "no key: no limit";
    EXPECT_EQ(tiny->kill_scope, sys::manifest::KillScope::Programs);
}

TEST(Manifest, ShippedSystemConfIsValid) {
    std::ifstream file(NEURATH_SYSTEM_CONF);
    ASSERT_TRUE(file.good());
    std::stringstream text;
    text << file.rdbuf();
    auto parsed = parse(text.str());
    ASSERT_TRUE(parsed->result.ok()) << parsed->error.line << ": " << parsed->error.reason;
    for (const char* name : {"pm", "vfs", "ds", "tty"}) EXPECT_NE(parsed->manifest.find(name), nullptr) << name;
    EXPECT_EQ(parsed->manifest.find("pm")->endpoint, neurath::kPm);
    EXPECT_EQ(parsed->manifest.find("vfs")->endpoint, neurath::kVfs);
    EXPECT_EQ(parsed->manifest.find("ds")->endpoint, neurath::kDs);
    EXPECT_EQ(parsed->manifest.find("tty")->endpoint, neurath::kTty);
    ASSERT_NE(parsed->manifest.profile("user"), nullptr);
    EXPECT_FALSE(sends_to(parsed->manifest.profile("user")->privileges, neurath::kRs))
        << "ordinary programs may not talk to rs";
    EXPECT_TRUE(sends_to(parsed->manifest.profile_for("/bin/sh")->privileges, neurath::kRs));
    EXPECT_STREQ(parsed->manifest.init, "/bin/sh");
    for (uint32_t i = 0; i < parsed->manifest.profile_count; ++i) {
        const sys::manifest::ProgramProfile& profile = parsed->manifest.profiles[i];
        EXPECT_NE(profile.memory_limit, 0u) << profile.name << ": every shipped profile has a memory limit";
        EXPECT_NE(profile.process_limit, 0u) << profile.name << ": and a process limit";
        EXPECT_EQ(profile.kill_scope, sys::manifest::KillScope::Descendants) << profile.name;
    }
    uint32_t order[sys::manifest::kMaxServices];
    EXPECT_TRUE(sys::manifest::start_order(parsed->manifest, order).ok());
    const auto* tty = parsed->manifest.find("tty");
    EXPECT_EQ(tty->privileges.io_first, 0x3F8u) << "tty may enable COM1's ports only";
    EXPECT_EQ(tty->privileges.io_count, 8u);
    EXPECT_EQ(tty->privileges.irq_mask, 1u << 4);
    const auto* netdrv = parsed->manifest.find("netdrv");
    ASSERT_NE(netdrv, nullptr);
    EXPECT_TRUE(netdrv->claims_device);
    EXPECT_EQ(netdrv->pci_vendor, 0x1AF4);
    EXPECT_EQ(netdrv->pci_device, 0x1000);
    EXPECT_TRUE(may_call(netdrv->privileges, neurath::Sys::DmaAlloc));
    EXPECT_FALSE(may_call(parsed->manifest.profile("user")->privileges, neurath::Sys::DmaAlloc));
}
