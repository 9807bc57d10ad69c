// socket_table.cpp — allocating, finding and releasing sockets (see
// socket_table.h).
//
// Entry points: allocate_socket, find_socket, find_socket_by_id,
// release_socket, release_sockets_of, open_socket_count.
#include "socket_table.h"

#include "sockets_tcp.h"
#include "sockets_udp.h"

namespace inet {

Result<Socket*> allocate_socket(InetState& state, Endpoint owner, protocol::inet::SocketKind kind) {
    uint32_t owned = 0;
    Socket* free_slot = nullptr;
    for (Socket& socket : state.sockets) {
        if (socket.state == SocketState::Free) {
            if (free_slot == nullptr) free_slot = &socket;
        } else if (socket.owner == owner) {
            ++owned;
        }
    }
    if (owned >= protocol::inet::kMaxSocketsPerProcess || free_slot == nullptr) return Error::TooManyOpenFiles;
    *free_slot = Socket{};
    free_slot->id = state.next_socket_id++;
    if (state.next_socket_id == 0) state.next_socket_id = 1;
    free_slot->owner = owner;
    free_slot->kind = kind;
    free_slot->state = SocketState::Open;
    return free_slot;
}

Socket* find_socket_by_id(InetState& state, uint32_t id) {
    if (id == 0) return nullptr;
    for (Socket& socket : state.sockets)
        if (socket.state != SocketState::Free && socket.id == id) return &socket;
    return nullptr;
}

// A connection still waiting to be accepted is not yet its owner's to use.
Result<Socket*> find_socket(InetState& state, Endpoint owner, uint32_t id) {
    Socket* socket = find_socket_by_id(state, id);
    if (socket == nullptr || socket->owner != owner || socket->listener != 0) return Error::NotFound;
    return socket;
}

void release_socket(InetState& state, Socket& socket) {
    if (socket.kind == protocol::inet::SocketKind::Stream) {
        for (uint32_t i = 0; i < socket.backlog_count; ++i)
            if (Socket* pending = find_socket_by_id(state, socket.backlog[i])) release_socket(state, *pending);
        tcp_release(socket);
    } else {
        udp_release(socket);
    }
    socket = Socket{};
}

void release_sockets_of(InetState& state, Endpoint owner) {
    for (Socket& socket : state.sockets)
        if (socket.state != SocketState::Free && socket.owner == owner && socket.listener == 0)
            release_socket(state, socket);
    for (Socket& socket : state.sockets)  // connections of its listeners not accepted yet went with them
        if (socket.state != SocketState::Free && socket.owner == owner) release_socket(state, socket);
}

uint32_t open_socket_count(const InetState& state) {
    uint32_t count = 0;
    for (const Socket& socket : state.sockets) count += socket.state != SocketState::Free ? 1 : 0;
    return count;
}

}  // namespace inet
