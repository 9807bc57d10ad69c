// fake_grants.h — a host stand-in for the kernel's grant calls, so the vfs
// handlers can be tested with the real libsys grant code (grant.cpp).
//
// Grants created through sys::Grant::create are made by fake_grants::caller
// (the "current process"); SafeCopyFrom/To check the granter, the grant id,
// the access bits and the real window length like the kernel does.
#pragma once

#include <neurath/message.h>

namespace fake_grants {

extern neurath::Endpoint caller;
void reset();
size_t live_grants();

}  // namespace fake_grants
