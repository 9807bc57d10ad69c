// harness.h — the self-test's checking and process helpers (rs side).
//
// Entry points: expect(name, got, want), expect_true, spawn_child(role,
// argument, options), next_kernel_message(), same_priority(), number_text,
// state_of, process_info; and the check groups run by main.cpp:
// check_basics, check_processes, check_ipc, check_grants, check_scheduling,
// check_state_read, check_swap, check_dma_loans, check_limits.
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
    uint32_t io_first = 0x3F8;      // the port window IoPortEnable is scoped to: COM1
    uint32_t io_count = 8;
    Endpoint state_source = kNone;  // the process whose memory the child may read
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

// Options for a child at rs's priority (0) that may send anywhere: rs's
// Yield lets it run until it blocks.
ChildOptions same_priority();
// Decimal text of a non-negative value, for child arguments.
char* number_text(int64_t value, char (&buffer)[12]);
// The state ProcList shows for an endpoint (Dead when not listed).
ProcState state_of(int64_t endpoint);
// The ProcList record of a live endpoint, or nullptr.
const ProcessInfo* process_info(int64_t endpoint);

void check_basics(int argc, char** argv, uint64_t entry_rsp);
void check_processes();
void check_ipc();
void check_grants();
void check_scheduling();
void check_state_read();
void check_swap();
void check_dma_loans();
void check_limits();

}  // namespace selftest
