/* server.h — the message format of the tiny test server and its receive
 * (server_io.c), shared by the server (server.c) and its test. */
#ifndef LIVE_UPDATE_SERVER_H
#define LIVE_UPDATE_SERVER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum message_type { MSG_OPEN, MSG_DATA, MSG_FLUSH, MSG_CLOSE };

struct message {
    int type;
    int connection;
    long bytes;
};

/* The framework's receive: the next scripted message; 0 once parked or done. */
int lu_quiescent_receive(struct message* m);
void serve(void);
/* Called by the park handler: remember where the server stopped. */
void park_here(void);
void* pool_alloc(size_t size);
void pool_free(void* block);

extern int parked_after;
extern int open_connections;
extern long pending_bytes;

#ifdef __cplusplus
}
#endif

#endif
