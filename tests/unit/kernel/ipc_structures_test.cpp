// ipc_structures_test.cpp — deadlock detection, notification bits, the
// kernel-message queue and the scheduler's ready queues.
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "ipc/bounded_queue.h"
#include "ipc/notification_set.h"
#include "ipc/wait_graph.h"
#include "proc/ready_queues.h"

using namespace kernel;
using neurath::Endpoint;

namespace {

struct Waits {
    std::map<Endpoint, Endpoint> edges;
    Endpoint operator()(Endpoint e) const {
        auto it = edges.find(e);
        return it == edges.end() ? neurath::kNone : it->second;
    }
};

TEST(WaitGraph, DirectCycleIsFound) {
    Waits waits{{{2, 1}}};  // 2 is blocked sending to 1
    Endpoint path[8];
    EXPECT_EQ(find_wait_cycle(1, 2, waits, path, 8), 2u);
    EXPECT_EQ(path[0], 1);
    EXPECT_EQ(path[1], 2);
}

TEST(WaitGraph, LongerChainIsFound) {
    Waits waits{{{2, 3}, {3, 4}, {4, 1}}};
    Endpoint path[8];
    EXPECT_EQ(find_wait_cycle(1, 2, waits, path, 8), 4u);
    EXPECT_EQ(path[3], 4);
}

TEST(WaitGraph, SendingToSelfIsACycle) {
    Waits waits;
    Endpoint path[4];
    EXPECT_EQ(find_wait_cycle(5, 5, waits, path, 4), 1u);
}

TEST(WaitGraph, NoCycleWhenTheChainEndsElsewhere) {
    Waits waits{{{2, 3}, {3, neurath::kNone}}};
    Endpoint path[8];
    EXPECT_EQ(find_wait_cycle(1, 2, waits, path, 8), 0u);
}

TEST(WaitGraph, ACycleNotThroughTheSenderTerminates) {
    Waits waits{{{2, 3}, {3, 2}}};  // 2 and 3 are already stuck, but not on 1
    Endpoint path[8];
    EXPECT_EQ(find_wait_cycle(1, 2, waits, path, 8), 0u);
}

TEST(NotificationSet, CoalescesAndDeliversBySource) {
    auto set = std::make_unique<NotificationSet>();
    EXPECT_TRUE(set->raise(7, 3));
    EXPECT_TRUE(set->raise(7, 3));
    EXPECT_TRUE(set->raise(7, 63));
    EXPECT_TRUE(set->raise(0, 4));
    EXPECT_FALSE(set->raise(7, 64));
    EXPECT_FALSE(set->raise(-1, 1));
    Endpoint source = -5;
    EXPECT_EQ(set->take_any(source), 1ull << 4);
    EXPECT_EQ(source, 0);
    EXPECT_TRUE(set->has_pending(7));
    EXPECT_EQ(set->take(7), (1ull << 3) | (1ull << 63));
    EXPECT_FALSE(set->has_any());
    EXPECT_EQ(set->take_any(source), 0u);
}

TEST(BoundedQueue, FifoWithCapacity) {
    BoundedQueue<int, 3> queue;
    EXPECT_TRUE(queue.push(1));
    EXPECT_TRUE(queue.push(2));
    EXPECT_TRUE(queue.push(3));
    EXPECT_FALSE(queue.push(4));
    int out = 0;
    EXPECT_TRUE(queue.pop(out));
    EXPECT_EQ(out, 1);
    EXPECT_TRUE(queue.push(5));
    EXPECT_TRUE(queue.pop(out));
    EXPECT_EQ(out, 2);
    EXPECT_TRUE(queue.pop(out));
    EXPECT_TRUE(queue.pop(out));
    EXPECT_EQ(out, 5);
    EXPECT_FALSE(queue.pop(out));
}

struct Item {
    int id = 0;
    Item* next_ready = nullptr;
    bool queued = false;
};

TEST(ReadyQueues, HighestPriorityFirstRoundRobinWithin) {
    ReadyQueues<Item, 8> ready;
    Item a{1}, b{2}, c{3}, d{4};
    ready.push_back(a, 3);
    ready.push_back(b, 3);
    ready.push_back(c, 1);
    ready.push_back(d, 7);
    ready.push_back(a, 3);  // already queued: ignored
    EXPECT_EQ(ready.pop_highest()->id, 3);
    Item* first = ready.pop_highest();
    EXPECT_EQ(first->id, 1);
    ready.push_back(*first, 3);  // back of its level: b runs next
    EXPECT_EQ(ready.pop_highest()->id, 2);
    EXPECT_EQ(ready.pop_highest()->id, 1);
    EXPECT_EQ(ready.pop_highest()->id, 4);
    EXPECT_EQ(ready.pop_highest(), nullptr);
}

TEST(ReadyQueues, RemoveAndPushFront) {
    ReadyQueues<Item, 8> ready;
    Item a{1}, b{2}, c{3};
    ready.push_back(a, 0);
    ready.push_back(b, 0);
    ready.push_back(c, 0);
    ready.remove(c, 0);
    EXPECT_FALSE(c.queued);
    ready.push_front(c, 0);
    EXPECT_EQ(ready.pop_highest()->id, 3);
    ready.remove(a, 0);
    EXPECT_EQ(ready.pop_highest()->id, 2);
    EXPECT_TRUE(ready.empty());
}

// The scheduler keeps the running process without touching the queues when
// any_above() says nothing of higher priority waits: the occupied-level mask
// must follow every push, pop and remove exactly.
TEST(ReadyQueues, AnyAboveFollowsEveryChange) {
    ReadyQueues<Item, 8> ready;
    Item a{1}, b{2}, c{3};
    EXPECT_FALSE(ready.any_above(7));
    ready.push_back(a, 4);
    EXPECT_FALSE(ready.any_above(4));  // same level is not above
    EXPECT_TRUE(ready.any_above(5));
    ready.push_front(b, 2);
    EXPECT_TRUE(ready.any_above(3));
    ready.remove(b, 2);
    EXPECT_FALSE(ready.any_above(3));  // level 2 emptied by remove
    EXPECT_TRUE(ready.any_above(5));
    ready.push_back(c, 4);
    ready.remove(a, 4);
    EXPECT_TRUE(ready.any_above(5));  // c still at level 4
    EXPECT_EQ(ready.pop_highest()->id, 3);
    EXPECT_FALSE(ready.any_above(7));  // emptied by pop
    EXPECT_TRUE(ready.empty());
    EXPECT_EQ(ready.pop_highest(), nullptr);
}

TEST(ReadyQueues, LowestLevelOnlyAndRemovingAnUnqueuedItem) {
    ReadyQueues<Item, 8> ready;
    Item a{1}, b{2};
    ready.push_back(a, 7);
    ready.remove(b, 7);  // not queued: nothing changes
    EXPECT_TRUE(ready.any_above(8));
    EXPECT_FALSE(ready.empty());
    EXPECT_EQ(ready.pop_highest()->id, 1);
    EXPECT_TRUE(ready.empty());
}

}  // namespace
