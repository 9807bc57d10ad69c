// error.h — the one closed error enumeration for kernel calls and servers.
//
// Kernel calls return a non-negative value on success or -(Error) on failure;
// server replies carry the same codes. error_name() gives the text every
// component prints.
#pragma once

#include <stdint.h>

namespace neurath {

enum class Error : int32_t {
    None = 0,
    InvalidArgument = 1,
    NoSuchEndpoint = 2,
    PermissionDenied = 3,
    Deadlock = 4,
    NoMemory = 5,
    BadAddress = 6,
    NotFound = 7,
    AlreadyExists = 8,
    NotADirectory = 9,
    IsADirectory = 10,
    NoSpace = 11,
    TooBig = 12,
    BadExecutable = 13,
    Busy = 14,
    NotSupported = 15,
    WouldBlock = 16,
    DeadEndpoint = 17,
    TooManyOpenFiles = 18,
    BadFileDescriptor = 19,
    NameTooLong = 20,
    NotEmpty = 21,
    BadMessage = 22,
    NoChild = 23,
    Timeout = 24,
    MemoryLimit = 25,     // a map would take the process past its memory limit (manifest `memory`)
    ProcessLimit = 26,    // a spawn would take an ancestor past its process limit (manifest `processes`)
    NotReceiving = 27,  // a non-blocking send found the destination not waiting for the sender
    ConnectionRefused = 28,  // the peer refused the connection (TCP reset on connect)
    ConnectionReset = 29,    // the connection was reset or aborted
    NotConnected = 30,       // the socket has no connection (or its sending side is shut)
    AddressInUse = 31,       // the local address and port are taken
    NoRoute = 32,            // no interface or gateway leads to the address
    Count
};

constexpr const char* error_name(Error e) {
    switch (e) {
    case Error::None: return "success";
    case Error::InvalidArgument: return "invalid argument";
    case Error::NoSuchEndpoint: return "no such endpoint";
    case Error::PermissionDenied: return "permission denied";
    case Error::Deadlock: return "deadlock detected";
    case Error::NoMemory: return "out of memory";
    case Error::BadAddress: return "bad address";
    case Error::NotFound: return "no such file or directory";
    case Error::AlreadyExists: return "already exists";
    case Error::NotADirectory: return "not a directory";
    case Error::IsADirectory: return "is a directory";
    case Error::NoSpace: return "no space left";
    case Error::TooBig: return "too big";
    case Error::BadExecutable: return "not a valid executable";
    case Error::Busy: return "busy";
    case Error::NotSupported: return "not supported";
    case Error::WouldBlock: return "would block";
    case Error::DeadEndpoint: return "endpoint is dead";
    case Error::TooManyOpenFiles: return "too many open files";
    case Error::BadFileDescriptor: return "bad file descriptor";
    case Error::NameTooLong: return "name too long";
    case Error::NotEmpty: return "directory not empty";
    case Error::BadMessage: return "malformed message";
    case Error::NoChild: return "no such child";
    case Error::Timeout: return "timed out";
    case Error::MemoryLimit: return "memory limit reached";
    case Error::ProcessLimit: return "process limit reached";
    case Error::NotReceiving: return "destination is not receiving";
    case Error::ConnectionRefused: return "connection refused";
    case Error::ConnectionReset: return "connection reset";
    case Error::NotConnected: return "not connected";
    case Error::AddressInUse: return "address in use";
    case Error::NoRoute: return "no route to host";
    case Error::Count: break;
    }
    return "unknown error";
}

// Encode/decode the kernel-call return convention.
constexpr int64_t error_return(Error e) { return -static_cast<int64_t>(e); }
constexpr bool is_error_return(int64_t r) { return r < 0; }
constexpr Error error_from_return(int64_t r) { return static_cast<Error>(-r); }

}  // namespace neurath
