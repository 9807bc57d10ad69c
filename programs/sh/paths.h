// paths.h — turning a path typed at the prompt into the absolute path vfs
// expects. The shell's working directory is always "/", so "etc/motd" means
// "/etc/motd". Header-only and pure (host-tested in tests/unit/sh).
//
// Entry point: AbsolutePath.
#pragma once

#include <stddef.h>
#include <sys/cstring.h>

namespace shell {

class AbsolutePath {
public:
    static constexpr size_t kCapacity = 258;  // "/" + a 256-byte path + NUL

    explicit AbsolutePath(const char* typed) {
        const size_t length = sys::str::strlen(typed);
        const bool relative = typed[0] != '/';
        // Too long to be valid anyway: keep what fits; vfs will say NameTooLong.
        size_t used = 0;
        if (relative) text_[used++] = '/';
        const size_t room = kCapacity - 1 - used;
        const size_t copied = length < room ? length : room;
        sys::str::memcpy(text_ + used, typed, copied);
        text_[used + copied] = '\0';
    }
    const char* c_str() const { return text_; }

private:
    char text_[kCapacity];
};

}  // namespace shell
