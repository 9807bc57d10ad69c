// start_info.cpp — how a server learns the way it was started from argv
// (see sys::parse_start_info in server.h; rs builds these arguments).
#include <sys/cstring.h>
#include <sys/server.h>

namespace sys {
namespace {
uint32_t parse_count(const char* text) {
    uint32_t value = 0;
    for (; *text >= '0' && *text <= '9'; ++text) value = value * 10 + static_cast<uint32_t>(*text - '0');
    return value;
}
}  // namespace

StartInfo parse_start_info(int argc, char** argv) {
    StartInfo info{StartKind::Fresh, 0, argc, argv};
    if (argc >= 2 && str::strcmp(argv[1], "--restart") == 0) {
        info.kind = StartKind::Restart;
        if (argc >= 3) info.restarts = parse_count(argv[2]);
    } else if (argc >= 2 && str::strcmp(argv[1], "--update") == 0) {
        info.kind = StartKind::Update;
    }
    return info;
}

}  // namespace sys
