// supervisor_test.cpp — rs's start order and restart policy with a fake
// launcher: restarts keep the endpoint, carry the restart count, stop at
// the bound, and a failed start does not stop the others.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "supervisor.h"

namespace {

struct Launch {
    std::string name;
    neurath::Endpoint endpoint;
    sys::StartKind kind;
    uint32_t restarts;
};

struct FakeLauncher {
    std::vector<Launch> launches;
    std::string fail_name;

    static sys::Result<uint64_t> launch(void* context, const sys::manifest::ServiceSpec& spec, sys::StartKind kind,
                                        uint32_t restarts) {
        auto* self = static_cast<FakeLauncher*>(context);
        self->launches.push_back({spec.name, spec.endpoint, kind, restarts});
        if (self->fail_name == spec.name) return neurath::Error::BadExecutable;
        return 100 + self->launches.size();
    }
};

sys::manifest::Manifest sample_manifest() {
    static const char text[] =
        "service pm\n endpoint 2\n program sbin/pm\n depends vfs\n"
        "service vfs\n endpoint 3\n program sbin/vfs\n"
        "service ds\n endpoint 4\n program sbin/ds\n";
    sys::manifest::Manifest manifest;
    sys::manifest::ParseError error;
    EXPECT_TRUE(sys::manifest::parse(text, sizeof text - 1, manifest, error).ok());
    return manifest;
}

}  // namespace

TEST(Supervisor, StartsEveryServiceInDependencyOrder) {
    FakeLauncher fake;
    rs::Supervisor supervisor(FakeLauncher::launch, &fake);
    ASSERT_TRUE(supervisor.start_all(sample_manifest()).ok());
    ASSERT_EQ(fake.launches.size(), 3u);
    EXPECT_EQ(fake.launches.back().name, "pm");
    for (const Launch& launch : fake.launches) EXPECT_EQ(launch.kind, sys::StartKind::Fresh);
    EXPECT_EQ(supervisor.record_for(2)->state, protocol::rs::ServiceState::Running);
    EXPECT_NE(supervisor.record_for(2)->pid, 0u);
}

TEST(Supervisor, RestartsAtTheSameEndpointAndCounts) {
    FakeLauncher fake;
    rs::Supervisor supervisor(FakeLauncher::launch, &fake);
    ASSERT_TRUE(supervisor.start_all(sample_manifest()).ok());
    EXPECT_EQ(supervisor.on_service_ended(4), rs::EndAction::Restarted);
    EXPECT_EQ(supervisor.on_service_ended(4), rs::EndAction::Restarted);
    const Launch& last = fake.launches.back();
    EXPECT_EQ(last.name, "ds");
    EXPECT_EQ(last.endpoint, 4);
    EXPECT_EQ(last.kind, sys::StartKind::Restart);
    EXPECT_EQ(last.restarts, 2u);
    const protocol::rs::ServiceEntry entry = supervisor.entry_for(2);
    EXPECT_STREQ(entry.name, "ds");
    EXPECT_EQ(entry.restarts, 2u);
    EXPECT_EQ(entry.state, protocol::rs::ServiceState::Running);
}

TEST(Supervisor, GivesUpAfterTheBound) {
    FakeLauncher fake;
    rs::Supervisor supervisor(FakeLauncher::launch, &fake);
    ASSERT_TRUE(supervisor.start_all(sample_manifest()).ok());
    for (uint32_t i = 0; i < rs::kMaxRestarts; ++i) ASSERT_EQ(supervisor.on_service_ended(3), rs::EndAction::Restarted);
    const size_t launches = fake.launches.size();
    EXPECT_EQ(supervisor.on_service_ended(3), rs::EndAction::GaveUp);
    EXPECT_EQ(fake.launches.size(), launches) << "no further launch after giving up";
    EXPECT_EQ(supervisor.record_for(3)->state, protocol::rs::ServiceState::Failed);
    EXPECT_EQ(supervisor.record_for(3)->pid, 0u);
    EXPECT_EQ(supervisor.entry_for(1).restarts, rs::kMaxRestarts);
}

TEST(Supervisor, IgnoresEndpointsThatAreNotServices) {
    FakeLauncher fake;
    rs::Supervisor supervisor(FakeLauncher::launch, &fake);
    ASSERT_TRUE(supervisor.start_all(sample_manifest()).ok());
    EXPECT_EQ(supervisor.on_service_ended(40), rs::EndAction::NotAService);
}

TEST(Supervisor, AFailedStartDoesNotStopTheOthers) {
    FakeLauncher fake;
    fake.fail_name = "vfs";
    rs::Supervisor supervisor(FakeLauncher::launch, &fake);
    ASSERT_TRUE(supervisor.start_all(sample_manifest()).ok());
    EXPECT_EQ(fake.launches.size(), 3u);
    EXPECT_EQ(supervisor.record_for(3)->state, protocol::rs::ServiceState::Failed);
    EXPECT_EQ(supervisor.record_for(4)->state, protocol::rs::ServiceState::Running);
}
