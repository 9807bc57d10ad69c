// rounds.h — hammer's request rounds, one per system server. Each sends
// rounds of requests whose answers it can predict until at least `count`
// requests went out, checks every answer into the Tally, and leaves the
// server as it found it (its keys and files are removed at the end, and
// those requests are counted and checked too).
//
// Entry points: hammer_ds (ds_rounds.cpp), hammer_vfs (vfs_rounds.cpp),
// hammer_pm (pm_rounds.cpp).
#pragma once

#include <stdint.h>

#include "tally.h"

namespace hammer {

// Who is hammering: names keys and files, and is what pm must report.
struct Self {
    uint64_t pid;
    int32_t endpoint;
};

void hammer_ds(load::Tally& tally, uint64_t count, const Self& self);
void hammer_vfs(load::Tally& tally, uint64_t count, const Self& self);
void hammer_pm(load::Tally& tally, uint64_t count, const Self& self);

}  // namespace hammer
