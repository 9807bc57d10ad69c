// handlers.h — kvd's request handlers and its dispatch table.
//
// Entry points: kvd::make_table() (built once in main.cpp), kvd::KvState.
#pragma once

#include <sys/server.h>

#include "records.h"

namespace kvd {

struct KvState {
    RecordTable records;
};

sys::DispatchTable<KvState> make_table();

}  // namespace kvd
