// ds_client.h — client stubs for the data store (protocol/ds.h).
//
// Entry points: sys::ds::publish, lookup, remove, list, bind, resolve, count.
#pragma once

#include <protocol/ds.h>
#include <sys/kcall.h>
#include <sys/result.h>

namespace sys::ds {

using protocol::ds::CountReply;
using protocol::ds::ListEntry;
using protocol::ds::ListReply;

Result<void> publish(const char* key, const void* value, size_t length);
// Copies at most `capacity` bytes of the value; returns the full value length.
Result<size_t> lookup(const char* key, void* value, size_t capacity);
Result<void> remove(const char* key);
Result<ListReply> list(ListEntry* entries, uint32_t capacity, uint32_t first);
Result<void> bind(const char* name, Endpoint endpoint);
Result<Endpoint> resolve(const char* name);
// Entries whose key starts with `prefix` ("" for all). Needs ds.next or
// later: the boot version of ds answers BadMessage.
Result<CountReply> count(const char* prefix);

}  // namespace sys::ds
