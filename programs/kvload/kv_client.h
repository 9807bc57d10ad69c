// kv_client.h — client stubs for kvd (protocol/kv.h). kvd has no fixed
// endpoint: find() resolves protocol::kv::kServiceName in ds, waiting a
// bounded time for a kvd that is still starting.
//
// Entry points: kv::find, kv::put, get, remove, count, stats.
#pragma once

#include <protocol/kv.h>
#include <sys/kcall.h>
#include <sys/result.h>

namespace kv {

using neurath::Endpoint;
using protocol::kv::StatsReply;
using sys::Result;

// kvd's endpoint; NotFound if no kvd registered within `wait_ns`.
Result<Endpoint> find(uint64_t wait_ns);

// Creates or replaces `key`; true if it was created.
Result<bool> put(Endpoint kvd, const char* key, uint64_t value);
Result<uint64_t> get(Endpoint kvd, const char* key);
Result<void> remove(Endpoint kvd, const char* key);
Result<uint64_t> count(Endpoint kvd);
// kvd v2 and later; v1 answers BadMessage.
Result<StatsReply> stats(Endpoint kvd, const char* key);

}  // namespace kv
