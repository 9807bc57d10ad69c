// handlers.h — the data store's request handlers and its dispatch table.
//
// Entry points: ds::make_table() (built once in main.cpp), ds::DsState.
#pragma once

#include <sys/server.h>

#include "store.h"

namespace ds {

struct DsState {
    DataStore store;
};

sys::DispatchTable<DsState> make_table();

}  // namespace ds
