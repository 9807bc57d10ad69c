/* server.c — a tiny event-driven server, the shape of a Neurath system
 * server: one receive at the top of its event loop (marked as a quiescent
 * point by the pass), connections from a project allocator (annotated, so the
 * pass registers them with the typed heap), and counters a state filter can
 * read. Both versions of the update test are this same source.
 *
 * Messages come from a fixed script (server_io.c). workload(1) asks for an
 * update with a state filter over these counters
 * and runs the loop; the park handler stops it at the first quiescent point
 * where the filter holds (see server_io.cpp for the filter). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "../c_program.h"
#include "server.h"

struct Connection {
    int id;
    long bytes;
    struct Connection* next;
};

/* The arena is the allocator's own state: each version keeps its own. */
char* arena __attribute__((btf_decl_tag("lu.no_transfer")));
size_t arena_used __attribute__((btf_decl_tag("lu.no_transfer")));

struct Connection* connections;
int open_connections;
long pending_bytes;
long flushed_bytes;
int handled;
int parked_after;

__attribute__((annotate("neurath.allocator"))) void* pool_alloc(size_t size) {
    if (!arena) arena = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    size = (size + 15) & ~(size_t)15;
    void* block = arena + arena_used;
    arena_used += size;
    memset(block, 0, size);
    return block;
}

__attribute__((annotate("neurath.deallocator"))) void pool_free(void* block) { (void)block; }

static void handle(const struct message* m) {
    switch (m->type) {
    case MSG_OPEN: {
        struct Connection* s = pool_alloc(sizeof(struct Connection));
        s->id = m->connection;
        s->next = connections;
        connections = s;
        ++open_connections;
        break;
    }
    case MSG_DATA:
        pending_bytes += m->bytes;
        for (struct Connection* s = connections; s; s = s->next)
            if (s->id == m->connection) s->bytes += m->bytes;
        break;
    case MSG_FLUSH:
        flushed_bytes += pending_bytes;
        pending_bytes = 0;
        break;
    case MSG_CLOSE:
        for (struct Connection** link = &connections; *link; link = &(*link)->next) {
            if ((*link)->id != m->connection) continue;
            struct Connection* dead = *link;
            *link = dead->next;
            pool_free(dead);
            --open_connections;
            break;
        }
        break;
    }
    ++handled;
}

void serve(void) {
    struct message m;
    while (lu_quiescent_receive(&m)) handle(&m);
}

void park_here(void) { parked_after = handled; }

void program_scenario(const char* name) { (void)name; }

void program_digest(char* out, size_t capacity) {
    size_t used = (size_t)snprintf(out, capacity, "handled %d parked %d open %d pending %ld flushed %ld\n", handled,
                                   parked_after, open_connections, pending_bytes, flushed_bytes);
    for (struct Connection* s = connections; s && used < capacity; s = s->next)
        used += (size_t)snprintf(out + used, capacity - used, "connection %d %ld\n", s->id, s->bytes);
}
