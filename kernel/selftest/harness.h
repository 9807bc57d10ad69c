// harness.h — the self-test's checking and process helpers (rs side).
//
// Entry points: expect(name, got, want), expect_true, spawn_child(role,
// argument, options), next_kernel_message(), Report; and the check groups
// run by main.cpp: check_basics, check_processes, check_ipc, check_grants,
// check_scheduling.
#pragma once

#include "kernel_calls.h"

namespace selftest {

void expect(const char* name, int64_t got, int64_t want);
inline void expect_true(const char* name, bool condition) { expect(name, condition ? 1 : 0, 1); }
uint32_t failures();
uint32_t checks();

struct ChildOptions {
    Endpoint endpoint = kNone;
    int32_t priority = 3;
    bool may_send_to_rs = true;
    bool may_send_to_all = false;
    uint64_t kernel_calls = 0;
};

// The self-test image (module "rs"), read once into memory.
void load_own_image();
const void* own_image();
uint64_t own_image_length();

int64_t spawn_child(const char* role, const char* argument, const ChildOptions& options = ChildOptions());
int64_t spawn_request(SpawnRequest& request);
SpawnRequest make_request(const char* role, const char* argument, const ChildOptions& options);
// Waits for the next kernel message (exit/fault report).
Message next_kernel_message();

void check_basics(int argc, char** argv, uint64_t entry_rsp);
void check_processes();
void check_ipc();
void check_grants();
void check_scheduling();

}  // namespace selftest
