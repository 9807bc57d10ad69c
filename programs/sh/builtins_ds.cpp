// builtins_ds.cpp — the shell's `ds` builtin: the data store (protocol/ds.h)
// from the prompt.
//
//   ds list                 every entry in key order: key, kind, value length
//                           or bound endpoint, owner
//   ds get <key>            print a value
//   ds put <key> <word>...  publish a value (the words joined by spaces)
//   ds rm <key>             delete an entry (only its publisher may: entries
//                           put here belong to this shell)
//   ds count [prefix]       how many entries a key prefix has (ds.next and
//                           later; the boot version of ds answers BadMessage)
//
// Entry point: builtin_ds.
#include <protocol/ds.h>
#include <sys/cstring.h>
#include <sys/ds_client.h>

#include "builtins.h"

namespace shell {
namespace {

namespace pd = protocol::ds;
using neurath::error_name;

constexpr uint32_t kListBatch = 16;

bool is(const char* word, const char* name) { return sys::str::strcmp(word, name) == 0; }

int ds_list(Output& out) {
    static sys::ds::ListEntry entries[kListBatch];
    out.print("%-31s %-8s %8s %5s\n", "KEY", "KIND", "VALUE", "OWNER");
    for (uint32_t first = 0;;) {
        const sys::Result<sys::ds::ListReply> listed = sys::ds::list(entries, kListBatch, first);
        if (listed.is_error()) {
            report_error("ds", "list: %s", error_name(listed.error()));
            return 1;
        }
        for (uint32_t i = 0; i < listed.value().count; ++i) {
            const sys::ds::ListEntry& entry = entries[i];
            if (entry.kind == pd::EntryKind::Binding)
                out.print("%-31.31s %-8s %8s %5d  -> endpoint %d\n", entry.key, "binding", "", entry.owner,
                          entry.endpoint);
            else
                out.print("%-31.31s %-8s %8u %5d\n", entry.key, "value", entry.value_length, entry.owner);
        }
        first += listed.value().count;
        if (listed.value().count == 0 || first >= listed.value().total) return 0;
    }
}

int ds_get(const char* key, Output& out) {
    char value[pd::kMaxValue + 1];
    const sys::Result<size_t> found = sys::ds::lookup(key, value, pd::kMaxValue);
    if (found.is_error()) {
        report_error("ds", "get %s: %s", key, error_name(found.error()));
        return 1;
    }
    const size_t length = found.value() < pd::kMaxValue ? found.value() : pd::kMaxValue;
    out.write(value, length);
    out.write("\n", 1);
    return 0;
}

int ds_put(const CommandLine& command) {
    char value[pd::kMaxValue];
    size_t length = 0;
    for (size_t i = 3; i < command.argc; ++i) {
        const size_t word = sys::str::strlen(command.argv[i]);
        const size_t separator = i > 3 ? 1 : 0;
        if (length + separator + word > sizeof value) {
            report_error("ds", "put %s: %s (at most %u bytes)", command.argv[2], error_name(neurath::Error::TooBig),
                         pd::kMaxValue);
            return 1;
        }
        if (separator) value[length++] = ' ';
        sys::str::memcpy(value + length, command.argv[i], word);
        length += word;
    }
    const sys::Result<void> published = sys::ds::publish(command.argv[2], value, length);
    if (published.is_error()) {
        report_error("ds", "put %s: %s", command.argv[2], error_name(published.error()));
        return 1;
    }
    return 0;
}

int ds_rm(const char* key) {
    const sys::Result<void> removed = sys::ds::remove(key);
    if (removed.is_error()) {
        report_error("ds", "rm %s: %s", key, error_name(removed.error()));
        return 1;
    }
    return 0;
}

int ds_count(const char* prefix, Output& out) {
    const sys::Result<sys::ds::CountReply> counted = sys::ds::count(prefix);
    if (counted.is_error()) {
        report_error("ds", "count: %s%s", error_name(counted.error()),
                     counted.error() == neurath::Error::BadMessage ? " (this ds does not count; ds.next does)" : "");
        return 1;
    }
    out.print("%u values, %u bindings\n", counted.value().values, counted.value().bindings);
    return 0;
}

}  // namespace

int builtin_ds(const CommandLine& command, Output& out) {
    if (command.argc == 2 && is(command.argv[1], "list")) return ds_list(out);
    if (command.argc == 3 && is(command.argv[1], "get")) return ds_get(command.argv[2], out);
    if (command.argc >= 3 && is(command.argv[1], "put")) return ds_put(command);
    if (command.argc == 3 && is(command.argv[1], "rm")) return ds_rm(command.argv[2]);
    if (command.argc <= 3 && command.argc >= 2 && is(command.argv[1], "count"))
        return ds_count(command.argc == 3 ? command.argv[2] : "", out);
    return usage_error(command);
}

}  // namespace shell
