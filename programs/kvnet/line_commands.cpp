// line_commands.cpp — kvnet's commands against kvd (see line_commands.h).
//
// Entry point: answer_line.
#include "line_commands.h"

#include <protocol/kv.h>
#include <sys/args.h>
#include <sys/cstring.h>
#include <sys/format.h>

#include "kv_client.h"
#include "numbers.h"

namespace kvnet {
namespace {

constexpr size_t kMaxWords = 4;

size_t error_line(char* answer, size_t capacity, const char* reason) {
    return static_cast<size_t>(sys::format(answer, capacity, "error %s\n", reason));
}

bool key_fits(const char* key) { return sys::str::strlen(key) < protocol::kv::kMaxKey; }

size_t run(neurath::Endpoint kvd, char** words, size_t count, char* answer, size_t capacity) {
    const char* command = words[0];
    if (sys::str::strcmp(command, "count") == 0 && count == 1) {
        auto total = kv::count(kvd);
        if (total.is_error()) return error_line(answer, capacity, neurath::error_name(total.error()));
        return static_cast<size_t>(sys::format(answer, capacity, "count %lu\n", total.value()));
    }
    if (count < 2 || !key_fits(words[1])) return error_line(answer, capacity, "usage: put <key> <value> | get <key> | del <key> | count");
    if (sys::str::strcmp(command, "put") == 0 && count == 3) {
        auto value = shell::parse_unsigned(words[2]);
        if (value.is_error()) return error_line(answer, capacity, "value must be a decimal number");
        auto created = kv::put(kvd, words[1], value.value());
        if (created.is_error()) return error_line(answer, capacity, neurath::error_name(created.error()));
        return static_cast<size_t>(sys::format(answer, capacity, "%s\n", created.value() ? "created" : "replaced"));
    }
    if (sys::str::strcmp(command, "get") == 0 && count == 2) {
        auto value = kv::get(kvd, words[1]);
        if (value.is_error()) return error_line(answer, capacity, neurath::error_name(value.error()));
        return static_cast<size_t>(sys::format(answer, capacity, "value %lu\n", value.value()));
    }
    if (sys::str::strcmp(command, "del") == 0 && count == 2) {
        auto removed = kv::remove(kvd, words[1]);
        if (removed.is_error()) return error_line(answer, capacity, neurath::error_name(removed.error()));
        return static_cast<size_t>(sys::format(answer, capacity, "deleted\n"));
    }
    return error_line(answer, capacity, "usage: put <key> <value> | get <key> | del <key> | count");
}

}  // namespace

size_t answer_line(neurath::Endpoint kvd, char* line, char* answer, size_t capacity) {
    char* words[kMaxWords];
    auto split = sys::split_words(line, words, kMaxWords);
    if (split.is_error() || split.value() == 0) return error_line(answer, capacity, "empty or overlong command");
    return run(kvd, words, split.value(), answer, capacity);
}

}  // namespace kvnet
