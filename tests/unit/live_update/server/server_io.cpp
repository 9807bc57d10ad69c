// server_io.cpp — the scripted "framework" around the tiny test server: its
// receive, and workload phases that request an update through libupdate and
// park where the state filter first holds.
#include <libupdate/quiescence.h>

#include <cstdio>

#include "../c_program.h"
#include "server.h"

namespace {

const message kScript[] = {
    {MSG_OPEN, 1, 0}, {MSG_DATA, 1, 100}, {MSG_OPEN, 2, 0}, {MSG_OPEN, 3, 0}, {MSG_DATA, 3, 40},
    {MSG_FLUSH, 0, 0}, {MSG_DATA, 2, 7},  {MSG_CLOSE, 1, 0}, {MSG_FLUSH, 0, 0}, {MSG_DATA, 2, 5},
    {MSG_OPEN, 4, 0}, {MSG_FLUSH, 0, 0}, {MSG_CLOSE, 3, 0}, {MSG_DATA, 4, 9}, {MSG_FLUSH, 0, 0},
};
constexpr int kScriptLength = sizeof kScript / sizeof kScript[0];
int next_message = 0;
bool parked = false;

void park(const lu_quiescent_point*, void*) {
    parked = true;
    park_here();
}

}  // namespace

extern "C" int lu_quiescent_receive(message* m) {
    if (parked || next_message == kScriptLength) return 0;
    *m = kScript[next_message++];
    return 1;
}

extern "C" void program_workload(int phase) {
    if (phase == 1) {
        libupdate::QuiescenceRequest request;
        request.state_filter = "pending_bytes == 0 && open_connections <= 2 && flushed_bytes > 0";
        request.park = park;
        libupdate::Result<void> requested = libupdate::quiescence_request(request);
        if (!requested.ok()) std::fprintf(stderr, "update request refused: %s\n", requested.error().text);
    }
    parked = false;
    serve();
}
