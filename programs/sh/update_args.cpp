// update_args.cpp — checking the arguments of `update` and building the
// UpdateSpec (see update_args.h for the forms and the error texts).
//
// Entry point: parse_update_args. One pass sorts the words into options and
// positional words; the positional words are then read as one of the three
// forms; every limit of protocol/rs.h is checked here, so rs never sees a
// spec the shell could have refused.
#include "update_args.h"

#include <stdarg.h>
#include <sys/cstring.h>
#include <sys/format.h>

#include "numbers.h"
#include "paths.h"

namespace shell {
namespace {

namespace pr = protocol::rs;
namespace str = sys::str;
using neurath::Error;

// One more than the most targets, so "too many" can be told apart.
constexpr size_t kMaxPositionals = pr::kMaxUpdateTargets + 1;

struct Parse {
    pr::UpdateSpec& spec;
    char (&error)[kUpdateArgsErrorLength];
    const char* positionals[kMaxPositionals] = {};
    size_t positional_count = 0;
    const char* state = nullptr;
    bool timeout_given = false;
    bool prepare_only = false;
    bool round_trip = false;
    bool undo = false;
};

__attribute__((format(printf, 2, 3))) Error fail(Parse& p, const char* pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    (void)sys::vformat(p.error, sizeof p.error, pattern, arguments);
    va_end(arguments);
    return Error::InvalidArgument;
}

bool is_option(const char* word) { return word[0] == '-'; }
bool same(const char* a, const char* b) { return str::strcmp(a, b) == 0; }

sys::Result<void> set_state(Parse& p, const char* expression) {
    if (p.state != nullptr) return fail(p, "--state given twice");
    const size_t length = str::strlen(expression);
    if (length == 0) return fail(p, "--state: empty expression");
    if (length >= pr::kMaxStateFilter)
        return fail(p, "--state: expression too long (%zu characters, at most %u)", length, pr::kMaxStateFilter - 1);
    p.state = expression;
    str::strlcpy(p.spec.state_filter, expression, sizeof p.spec.state_filter);
    return {};
}

sys::Result<void> set_timeout(Parse& p, const char* text) {
    if (p.timeout_given) return fail(p, "--timeout given twice");
    const sys::Result<uint64_t> ms = parse_unsigned(text);
    if (ms.is_error()) return fail(p, "--timeout: '%s' is not a number of milliseconds", text);
    if (ms.value() == 0) return fail(p, "--timeout: must be at least 1 ms");
    if (ms.value() > kMaxUpdateTimeoutMs)
        return fail(p, "--timeout: %s ms is more than the limit of %llu ms", text,
                    static_cast<unsigned long long>(kMaxUpdateTimeoutMs));
    p.timeout_given = true;
    p.spec.timeout_ms = ms.value();
    return {};
}

sys::Result<void> set_flag(Parse& p, bool& flag, const char* option) {
    if (flag) return fail(p, "%s given twice", option);
    flag = true;
    return {};
}

bool takes_value(const char* option) { return same(option, "--state") || same(option, "--timeout"); }

sys::Result<void> take_valued_option(Parse& p, const char* option, const char* value) {
    if (same(option, "--state")) return set_state(p, value);
    return set_timeout(p, value);
}

sys::Result<void> take_flag_option(Parse& p, const char* option) {
    if (same(option, "--prepare-only")) return set_flag(p, p.prepare_only, option);
    if (same(option, "--round-trip")) return set_flag(p, p.round_trip, option);
    if (same(option, "--undo")) return set_flag(p, p.undo, option);
    return fail(p, "unknown option %s (options: --state EXPR, --timeout MS, --prepare-only, --round-trip, --undo)",
                option);
}

void add_positional(Parse& p, const char* word) {
    if (p.positional_count < kMaxPositionals) p.positionals[p.positional_count] = word;
    ++p.positional_count;
}

// Sorts argv[1 ..) into options (applied to the spec) and positional words.
sys::Result<void> scan_words(Parse& p, size_t argc, const char* const* argv) {
    for (size_t i = 1; i < argc; ++i) {
        const char* word = argv[i];
        if (!is_option(word)) {
            add_positional(p, word);
        } else if (takes_value(word)) {
            if (i + 1 == argc)
                return fail(p, "%s: missing value (%s)", word,
                            same(word, "--state") ? "a state filter expression" : "milliseconds");
            TRY(take_valued_option(p, word, argv[++i]));
        } else {
            TRY(take_flag_option(p, word));
        }
    }
    return {};
}

bool is_duplicate(const Parse& p, size_t index) {
    for (size_t j = 0; j < index; ++j) {
        if (same(p.spec.targets[j].name, p.spec.targets[index].name)) return true;
    }
    return false;
}

// Target `index` is `name_length` bytes of `name` (the word it came from:
// `word`) and `binary` (nullptr for --undo).
sys::Result<void> set_target(Parse& p, size_t index, const char* word, size_t name_length, const char* binary) {
    pr::UpdateTarget& target = p.spec.targets[index];
    if (name_length == 0) return fail(p, "'%s': missing the name before ':'", word);
    if (name_length >= sizeof target.name)
        return fail(p, "'%s': name too long (%zu characters, at most %zu)", word, name_length, sizeof target.name - 1);
    str::memcpy(target.name, word, name_length);
    target.name[name_length] = '\0';
    if (is_duplicate(p, index)) return fail(p, "%s: named twice (one target per name)", target.name);
    if (binary == nullptr) return {};
    if (binary[0] == '\0') return fail(p, "'%s': missing the binary after ':'", word);
    const AbsolutePath path(binary);
    const size_t length = str::strlen(path.c_str());
    if (length >= sizeof target.binary)
        return fail(p, "%s: path too long (%zu bytes, at most %zu)", binary, length, sizeof target.binary - 1);
    str::strlcpy(target.binary, path.c_str(), sizeof target.binary);
    return {};
}

sys::Result<void> read_undo_form(Parse& p) {
    if (p.state != nullptr) return fail(p, "--undo cannot be combined with --state");
    if (p.prepare_only) return fail(p, "--undo cannot be combined with --prepare-only");
    if (p.round_trip) return fail(p, "--undo cannot be combined with --round-trip");
    if (p.positional_count == 0) return fail(p, "--undo: missing the name of the service or program");
    if (p.positional_count > 1) return fail(p, "--undo takes one name; unexpected argument '%s'", p.positionals[1]);
    const char* name = p.positionals[0];
    if (str::strchr(name, ':') != nullptr) return fail(p, "--undo takes a name, not '%s'", name);
    p.spec.target_count = 1;
    return set_target(p, 0, name, str::strlen(name), nullptr);
}

sys::Result<void> read_pair_form(Parse& p) {
    if (p.positional_count > pr::kMaxUpdateTargets)
        return fail(p, "too many targets: %zu (at most %u in one update)", p.positional_count, pr::kMaxUpdateTargets);
    for (size_t i = 0; i < p.positional_count; ++i) {
        const char* word = p.positionals[i];
        const char* colon = str::strchr(word, ':');
        if (colon == nullptr) return fail(p, "'%s': expected <name>:<binary> like the first target", word);
        TRY(set_target(p, i, word, static_cast<size_t>(colon - word), colon + 1));
    }
    p.spec.target_count = static_cast<uint32_t>(p.positional_count);
    return {};
}

sys::Result<void> read_single_form(Parse& p) {
    if (p.positional_count == 1)
        return fail(p, "%s: missing the binary to load (update <name> <binary>)", p.positionals[0]);
    if (p.positional_count > 2)
        return fail(p, "unexpected argument '%s' (several targets are written <name>:<binary>)", p.positionals[2]);
    const char* name = p.positionals[0];
    p.spec.target_count = 1;
    return set_target(p, 0, name, str::strlen(name), p.positionals[1]);
}

sys::Result<void> read_targets(Parse& p) {
    if (p.undo) return read_undo_form(p);
    if (p.positional_count == 0) return fail(p, "missing what to update (update <name> <binary>)");
    if (str::strchr(p.positionals[0], ':') != nullptr) return read_pair_form(p);
    return read_single_form(p);
}

uint32_t flags_of(const Parse& p) {
    return (p.prepare_only ? pr::kUpdatePrepareOnly : 0u) | (p.round_trip ? pr::kUpdateRoundTrip : 0u) |
           (p.undo ? pr::kUpdateUndo : 0u);
}

}  // namespace

sys::Result<void> parse_update_args(size_t argc, const char* const* argv, protocol::rs::UpdateSpec& spec,
                                    char (&error)[kUpdateArgsErrorLength]) {
    str::memset(&spec, 0, sizeof spec);
    error[0] = '\0';
    Parse p{spec, error};
    TRY(scan_words(p, argc, argv));
    TRY(read_targets(p));
    spec.flags = flags_of(p);
    return {};
}

}  // namespace shell
