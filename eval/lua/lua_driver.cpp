// lua_driver.cpp — a host program that keeps a Lua interpreter in one
// global, `g_interpreter`, so that live update can move it: built with the
// pass and linked with Lua (also built with the pass) and libupdate.
//
//   lua_driver old <script> <snapshot>   run <script> in a fresh interpreter,
//                                        then write this process's memory
//                                        snapshot (the old version, parked)
//   lua_driver new <snapshot> <script> [--round-trip]
//                                        transfer the old version's state into
//                                        this process, then run <script> in
//                                        the interpreter that came with it
//
// Exit status: 0 when the script ran; 3 when the transfer refused (its error
// on stderr after "transfer refused: "); 1 for any other failure. The
// interpreter opens only the libraries whose state lives in Lua's own heap
// (base, coroutine, table, string, math, utf8): io's FILE handles belong to
// the C library, which live update does not move.
#include <libupdate/transfer.h>
#include <driver_transfer.h>
#include <snapshot.h>

#include <lua.hpp>

#include <cstdio>
#include <cstring>

lua_State* g_interpreter = nullptr;

namespace {

// What the transfer needs to know about Lua that its types do not say (the
// evaluation's annotation code for Lua, counted in eval/README.md): which
// member of a TValue's union is active, from its tag byte tt_ (lobject.h:
// bit 6 marks a collectable object, bits 4-5 the variant, bits 0-3 the type).
const libupdate::UnionMemberRule kTValueMembers[] = {
    {0x40, 0x40, "gc"},  // collectable: strings, tables, closures, userdata, threads, prototypes
    {0xff, 0x02, "p"},   // light userdata
    {0xff, 0x16, "f"},   // light C function
    {0xff, 0x03, "i"},   // integer
    {0xff, 0x13, "n"},   // float
    {0x0f, 0x00, ""},    // nil, empty slot, absent key
    {0x0f, 0x01, ""},    // false, true
};
const libupdate::UnionTagEntry kLuaUnions[] = {
    {"TValue", "value_", "tt_", kTValueMembers, sizeof kTValueMembers / sizeof kTValueMembers[0]},
};

void open_libraries(lua_State* state) {
    const luaL_Reg libraries[] = {{LUA_GNAME, luaopen_base},          {LUA_COLIBNAME, luaopen_coroutine},
                                  {LUA_TABLIBNAME, luaopen_table},    {LUA_STRLIBNAME, luaopen_string},
                                  {LUA_MATHLIBNAME, luaopen_math},    {LUA_UTF8LIBNAME, luaopen_utf8}};
    for (const luaL_Reg& library : libraries) {
        luaL_requiref(state, library.name, library.func, 1);
        lua_pop(state, 1);
    }
}

int run_script(const char* path) {
    if (luaL_dofile(g_interpreter, path) != LUA_OK) {
        std::fprintf(stderr, "lua: %s\n", lua_tostring(g_interpreter, -1));
        return 1;
    }
    std::fflush(stdout);
    return 0;
}

int run_old(const char* script, const char* snapshot) {
    g_interpreter = luaL_newstate();
    if (!g_interpreter) return 1;
    open_libraries(g_interpreter);
    if (int status = run_script(script)) return status;
    libupdate::Result<void> written = libupdate::host::write_snapshot(snapshot);
    if (!written.ok()) {
        std::fprintf(stderr, "snapshot: %s\n", written.error().text);
        return 1;
    }
    return 0;
}

int run_new(const char* snapshot_path, const char* script, bool round_trip) {
    libupdate::TransferOptions options;
    options.round_trip = round_trip;
    options.union_tags = kLuaUnions;
    options.union_tag_count = sizeof kLuaUnions / sizeof kLuaUnions[0];
    if (int status = transfer_from_snapshot(snapshot_path, options)) return status;
    if (!g_interpreter) {
        std::fprintf(stderr, "the transfer reported success but brought no interpreter\n");
        return 1;
    }
    return run_script(script);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 4 && std::strcmp(argv[1], "old") == 0) return run_old(argv[2], argv[3]);
    if (argc >= 4 && std::strcmp(argv[1], "new") == 0)
        return run_new(argv[2], argv[3], argc > 4 && std::strcmp(argv[4], "--round-trip") == 0);
    std::fprintf(stderr, "usage: %s old <script> <snapshot> | new <snapshot> <script> [--round-trip]\n", argv[0]);
    return 1;
}
