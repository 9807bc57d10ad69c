// alloc_heavy.cpp — allocation-heavy microbenchmark: a churn of small and
// medium malloc/free and C++ new/delete, as a request-serving program does.
// Built twice (plain and with the pass) to measure instrumentation overhead.
// Prints a checksum so both builds can be compared.
//
// Usage: alloc_heavy [rounds]
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

struct Request {
    int id;
    char* body;
    Request* next;
};

constexpr int kLive = 4096;
Request* live[kLive];
unsigned seed = 7;

unsigned next_random() {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
}

unsigned long churn(long rounds) {
    unsigned long checksum = 0;
    for (long round = 0; round < rounds; ++round) {
        int slot = static_cast<int>(next_random() % kLive);
        if (Request* old = live[slot]) {
            checksum += static_cast<unsigned long>(old->id) + static_cast<unsigned char>(old->body[0]);
            free(old->body);
            delete old;
        }
        size_t length = 16 + next_random() % 240;
        Request* request = new Request{static_cast<int>(round), static_cast<char*>(malloc(length)), nullptr};
        std::memset(request->body, static_cast<int>('a' + round % 26), length);
        live[slot] = request;
    }
    for (Request*& request : live) {
        if (!request) continue;
        free(request->body);
        delete request;
        request = nullptr;
    }
    return checksum;
}

}  // namespace

int main(int argc, char** argv) {
    long rounds = argc > 1 ? std::atol(argv[1]) : 4000000;
    std::printf("alloc_heavy checksum %lu\n", churn(rounds));
    return 0;
}
