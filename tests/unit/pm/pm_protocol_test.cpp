// pm_protocol_test.cpp — pm end to end on the host: libsys's pm client
// stubs -> dispatch -> pm handlers -> (fake) vfs through grants -> fake
// ProcSpawn; exit reports -> deferred wait replies; profiles from the manifest.
#include <gtest/gtest.h>
#include <neurath/version.h>
#include <protocol/vfs.h>
#include <sys/grant.h>
#include <sys/pm_client.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>

#include "fake_kernel.h"
#include "handlers.h"
#include "spawn.h"

namespace {
using neurath::Error;
using neurath::Message;
using neurath::payload_of;
namespace pv = protocol::vfs;

constexpr neurath::Endpoint kShell = 16;

const char kManifest[] =
    "profile user\n ipc pm vfs\n memory 1M\n processes 2\n init /bin/sh\n"
    "profile admin\n programs /bin/sh\n ipc rs pm vfs\n priority 2\n";

// A read-only file system with a few files, speaking the vfs protocol.
struct FakeVfs {
    std::map<std::string, std::string> files;
    std::map<int, std::pair<std::string, size_t>> open;  // fd -> (path, position)
    std::vector<neurath::Endpoint> gone;
    int next_fd = 3;

    sys::Outcome serve(const Message& request, Message& reply) {
        reply = Message{};
        auto result = handle(request, reply);
        if (result.is_error()) reply.type = protocol::reply_type_for(result.error());
        return sys::Outcome::SendReply;
    }

    sys::Result<void> handle(const Message& request, Message& reply) {
        switch (request.type) {
        case pv::kOpen: {
            char path[pv::kMaxPath];
            TRY(sys::copy_string_from_grant(request.source, payload_of<pv::OpenRequest>(request).path, path, sizeof path));
            if (!files.count(path)) return Error::NotFound;
            open[next_fd] = {path, 0};
            payload_of<pv::OpenReply>(reply).fd = next_fd++;
            return {};
        }
        case pv::kFstat: {
            auto it = open.find(payload_of<pv::FstatRequest>(request).fd);
            if (it == open.end()) return Error::BadFileDescriptor;
            payload_of<pv::StatReply>(reply) = {files[it->second.first].size(), pv::FileType::Regular, 0, 1};
            return {};
        }
        case pv::kRead: {
            const auto& in = payload_of<pv::ReadRequest>(request);
            auto it = open.find(in.fd);
            if (it == open.end()) return Error::BadFileDescriptor;
            const std::string& data = files[it->second.first];
            const size_t count = std::min<size_t>(in.buffer.length, data.size() - it->second.second);
            TRY(sys::copy_to_grant(request.source, in.buffer, 0, data.data() + it->second.second, count));
            it->second.second += count;
            payload_of<pv::TransferReply>(reply).bytes = count;
            return {};
        }
        case pv::kClose: open.erase(payload_of<pv::CloseRequest>(request).fd); return {};
        case pv::kProcessGone: gone.push_back(payload_of<pv::ProcessGoneRequest>(request).endpoint); return {};
        }
        return Error::BadMessage;
    }
};

std::string elf_image() { return std::string("\x7f" "ELF\x02", 5) + std::string(100, '\0'); }

struct PmProtocolTest : ::testing::Test {
    std::unique_ptr<pm::PmState> state = std::make_unique<pm::PmState>();
    sys::DispatchTable<pm::PmState> table = pm::make_table();
    FakeVfs vfs;

    void SetUp() override {
        fake::kernel() = fake::Kernel{};
        fake::kernel().caller = kShell;
        fake::install(neurath::kPm, table, *state);
        fake::kernel().servers[neurath::kVfs] = [this](const Message& request, Message& reply) {
            return vfs.serve(request, reply);
        };
        vfs.files["/etc/system.conf"] = kManifest;
        vfs.files["/bin/hello"] = elf_image();
        vfs.files["/bin/sh"] = elf_image();
        vfs.files["/etc/motd"] = "just text, long enough to pass a size check.............................";
        // The requests come from the shell, which is init (as at the console).
        ASSERT_TRUE(state->processes.add(kShell, 1, neurath::kNone, "sh").ok());
        state->init_endpoint = kShell;
    }

    // Makes the next requests come from `endpoint`.
    void act_as(neurath::Endpoint endpoint) { fake::kernel().caller = endpoint; }

    // Delivers a kernel report about `endpoint` to pm, as the kernel would.
    void report_exit(neurath::Endpoint endpoint, int32_t status) {
        Message report{};
        report.type = neurath::kmsg::kProcessExited;
        report.source = neurath::kKernel;
        payload_of<neurath::ExitReport>(report) = {endpoint, status};
        Message reply{};
        fake::kernel().caller = neurath::kPm;
        EXPECT_EQ(sys::dispatch(table, *state, report, reply), sys::Outcome::NoReply);
        fake::kernel().caller = kShell;
    }

    bool sends_to_rs(const neurath::SpawnRequest& spawn) {
        return (spawn.privileges.send_mask[0] >> neurath::kRs) & 1;
    }
};

}  // namespace

TEST_F(PmProtocolTest, SpawnReadsTheExecutableAndPassesArguments) {
    const char* argv[] = {"hello", "world"};
    auto spawned = sys::pm::spawn("/bin/hello", 2, argv);
    ASSERT_TRUE(spawned.ok()) << neurath::error_name(spawned.error());
    ASSERT_EQ(fake::kernel().spawns.size(), 1u);
    const neurath::SpawnRequest& request = fake::kernel().spawns[0];
    EXPECT_STREQ(request.name, "hello");
    EXPECT_EQ(std::string(request.args, request.args_length), std::string("hello\0world\0", 12));
    EXPECT_EQ(request.supervisor, neurath::kPm);
    EXPECT_EQ(request.endpoint, neurath::kNone);
    EXPECT_EQ(request.state_source, neurath::kNone) << "programs never get a state-read capability";
    EXPECT_EQ(spawned.value().endpoint, fake::kernel().processes[0].endpoint);
    EXPECT_EQ(spawned.value().pid, fake::kernel().processes[0].pid);
    EXPECT_FALSE(sends_to_rs(request)) << "ordinary programs get the user profile";
    EXPECT_TRUE(fake::kernel().grants.empty()) << "all grants revoked";
    EXPECT_TRUE(vfs.open.empty()) << "pm closed the executable";
}

TEST_F(PmProtocolTest, ProgramsListedInAProfileGetIt) {
    ASSERT_TRUE(sys::pm::spawn("/bin/sh", 0, nullptr).ok());
    const neurath::SpawnRequest& request = fake::kernel().spawns[0];
    EXPECT_TRUE(sends_to_rs(request));
    EXPECT_EQ(request.priority, 2);
    EXPECT_EQ(std::string(request.args, request.args_length), std::string("/bin/sh\0", 8)) << "argv = { path }";
}

TEST_F(PmProtocolTest, BadPathsAndNonExecutablesGiveClearErrors) {
    EXPECT_EQ(sys::pm::spawn("/bin/missing", 0, nullptr).error(), Error::NotFound);
    EXPECT_EQ(sys::pm::spawn("/etc/motd", 0, nullptr).error(), Error::BadExecutable);
    EXPECT_EQ(sys::pm::spawn("", 0, nullptr).error(), Error::InvalidArgument);
    std::string long_word(200, 'x');
    const char* argv[] = {long_word.c_str(), long_word.c_str()};
    EXPECT_EQ(sys::pm::spawn("/bin/hello", 2, argv).error(), Error::TooBig);
    EXPECT_TRUE(fake::kernel().spawns.empty());
}

TEST_F(PmProtocolTest, WaitIsDeferredUntilTheChildExits) {
    auto child = sys::pm::spawn("/bin/hello", 0, nullptr);
    ASSERT_TRUE(child.ok());
    EXPECT_EQ(sys::pm::wait(neurath::kAny).error(), Error::WouldBlock) << "fake: no reply yet, request parked";
    EXPECT_TRUE(fake::kernel().outbox.empty());

    report_exit(child.value().endpoint, 42);
    ASSERT_EQ(fake::kernel().outbox.size(), 1u);
    const fake::Sent& reply = fake::kernel().outbox[0];
    EXPECT_EQ(reply.to, kShell);
    EXPECT_EQ(reply.message.type, protocol::kReplyOk);
    const auto& status = payload_of<protocol::pm::WaitReply>(reply.message);
    EXPECT_EQ(status.endpoint, child.value().endpoint);
    EXPECT_EQ(status.status, 42);
    EXPECT_EQ(status.kind, protocol::pm::ExitKind::Exited);
    EXPECT_EQ(vfs.gone, std::vector<neurath::Endpoint>{child.value().endpoint}) << "vfs told to close its files";
    EXPECT_EQ(sys::pm::wait(neurath::kAny).error(), Error::NoChild) << "collected exactly once";
}

TEST_F(PmProtocolTest, WaitAfterTheExitAnswersAtOnce) {
    auto child = sys::pm::spawn("/bin/hello", 0, nullptr);
    ASSERT_TRUE(child.ok());
    report_exit(child.value().endpoint, 3);
    auto waited = sys::pm::wait(child.value().endpoint);
    ASSERT_TRUE(waited.ok());
    EXPECT_EQ(waited.value().status, 3);
}

TEST_F(PmProtocolTest, KillOnlyReachesUserProcesses) {
    auto child = sys::pm::spawn("/bin/hello", 0, nullptr);
    ASSERT_TRUE(child.ok());
    EXPECT_EQ(sys::pm::kill(neurath::kVfs, 9).error(), Error::PermissionDenied);
    EXPECT_EQ(sys::pm::kill(200, 9).error(), Error::NotFound);
    ASSERT_TRUE(sys::pm::kill(child.value().endpoint, 9).ok());
    ASSERT_EQ(fake::kernel().kills.size(), 1u);
    report_exit(child.value().endpoint, 9);
    auto waited = sys::pm::wait(neurath::kAny);
    ASSERT_TRUE(waited.ok());
    EXPECT_EQ(waited.value().kind, protocol::pm::ExitKind::Killed);
}

TEST_F(PmProtocolTest, ProcessListSkipsDeadSlotsAndKnowsParents) {
    ASSERT_TRUE(sys::pm::spawn("/bin/hello", 0, nullptr).ok());
    auto second = sys::pm::spawn("/bin/hello", 0, nullptr);
    ASSERT_TRUE(second.ok());
    ASSERT_TRUE(sys::pm::kill(second.value().endpoint, 1).ok());  // its slot is now Dead
    protocol::pm::ProcessEntry entries[8];
    auto listed = sys::pm::process_list(entries, 8);
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed.value().total, 1u);
    ASSERT_EQ(listed.value().count, 1u);
    EXPECT_STREQ(entries[0].name, "hello");
    EXPECT_EQ(entries[0].parent, kShell);
    const std::string& image = vfs.files["/bin/hello"];
    EXPECT_EQ(entries[0].version,
              neurath::image_version(reinterpret_cast<const uint8_t*>(image.data()), image.size()))
        << "the kernel's build identity of the executable";
}

TEST_F(PmProtocolTest, MalformedRequestsAreRejected) {
    Message request{};
    request.type = protocol::pm::kSpawn;  // grants that do not exist
    payload_of<protocol::pm::SpawnRequest>(request) = {{999, 8}, {0, 0}};
    ASSERT_TRUE(sys::sendrec(neurath::kPm, request).ok());
    EXPECT_EQ(protocol::error_of_reply(request.type), Error::PermissionDenied);
    Message unknown{};
    unknown.type = protocol::kPmBase + 20;
    ASSERT_TRUE(sys::sendrec(neurath::kPm, unknown).ok());
    EXPECT_EQ(protocol::error_of_reply(unknown.type), Error::BadMessage);
}

// Bug: a user program killed /bin/sh through pm; pm's kill checked nobody.
TEST_F(PmProtocolTest, ProgramCannotKillInitOrASibling) {
    auto first = sys::pm::spawn("/bin/hello", 0, nullptr);
    auto second = sys::pm::spawn("/bin/hello", 0, nullptr);
    ASSERT_TRUE(first.ok() && second.ok());
    act_as(first.value().endpoint);
    EXPECT_EQ(sys::pm::kill(kShell, 9).error(), Error::PermissionDenied) << "init";
    EXPECT_EQ(sys::pm::kill(second.value().endpoint, 9).error(), Error::PermissionDenied) << "a sibling";
    EXPECT_TRUE(fake::kernel().kills.empty());
    act_as(kShell);
    EXPECT_EQ(sys::pm::kill(kShell, 9).error(), Error::PermissionDenied) << "not even init itself";
    EXPECT_TRUE(sys::pm::kill(second.value().endpoint, 9).ok()) << "the shell's own child";
}

// Bug: pm stopped restarting init after 3 ends and the console was dead for good.
TEST_F(PmProtocolTest, InitIsStartedAgainHoweverOftenItEnds) {
    pm::start_init(*state);
    for (int end = 1; end <= 10; ++end) {
        const neurath::Endpoint init = state->init_endpoint;
        ASSERT_NE(init, neurath::kNone);
        report_exit(init, 0);
        EXPECT_NE(state->init_endpoint, init) << "a new init after end " << end;
        EXPECT_NE(state->init_endpoint, neurath::kNone) << "end " << end;
    }
    EXPECT_EQ(fake::kernel().spawns.size(), 11u);
}

// Bug: a killed job's workers stayed in pm's table with no parent forever.
TEST_F(PmProtocolTest, ChildrenOfAnEndedProcessGoToInitAndAreReaped) {
    auto job = sys::pm::spawn("/bin/hello", 0, nullptr);
    ASSERT_TRUE(job.ok());
    act_as(job.value().endpoint);
    auto worker = sys::pm::spawn("/bin/hello", 0, nullptr);
    ASSERT_TRUE(worker.ok());
    act_as(kShell);
    ASSERT_TRUE(sys::pm::kill(job.value().endpoint, 9).ok());
    report_exit(job.value().endpoint, 9);
    ASSERT_TRUE(sys::pm::wait(job.value().endpoint).ok());
    const pm::ProcessRecord* adopted = state->processes.find_live(worker.value().endpoint);
    ASSERT_NE(adopted, nullptr);
    EXPECT_EQ(adopted->parent, kShell) << "handed to init";
    ASSERT_TRUE(sys::pm::kill(worker.value().endpoint, 9).ok()) << "init may kill what it adopted";
    report_exit(worker.value().endpoint, 9);
    EXPECT_EQ(state->processes.live_count(), 1u) << "only init is left";
    EXPECT_EQ(sys::pm::wait(neurath::kAny).error(), Error::NoChild) << "the orphan was reaped, not left as a zombie";
}

// Bug: there was no process-count limit; the table filled up.
TEST_F(PmProtocolTest, SpawnPastTheProfilesProcessLimitIsRefused) {
    auto parent = sys::pm::spawn("/bin/hello", 0, nullptr);
    ASSERT_TRUE(parent.ok());
    act_as(parent.value().endpoint);  // user profile: processes 2
    ASSERT_TRUE(sys::pm::spawn("/bin/hello", 0, nullptr).ok());
    ASSERT_TRUE(sys::pm::spawn("/bin/hello", 0, nullptr).ok());
    EXPECT_EQ(sys::pm::spawn("/bin/hello", 0, nullptr).error(), Error::ProcessLimit);
    EXPECT_EQ(fake::kernel().spawns.size(), 3u) << "refused before the kernel is asked";
}

// Bug: one program could map all free memory; pm now hands the kernel the profile's limit.
TEST_F(PmProtocolTest, SpawnPassesTheProfilesMemoryLimitToTheKernel) {
    ASSERT_TRUE(sys::pm::spawn("/bin/hello", 0, nullptr).ok());
    ASSERT_TRUE(sys::pm::spawn("/bin/sh", 0, nullptr).ok());
    EXPECT_EQ(fake::kernel().spawns[0].memory_limit, uint64_t{1} << 20);
    EXPECT_EQ(fake::kernel().spawns[1].memory_limit, 0u) << "admin has no memory key here";
}
