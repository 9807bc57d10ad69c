// sqlite_driver.cpp — a host program that keeps a live in-memory SQLite
// database, and a prepared statement half-way through its rows, in globals,
// so that live update can move them: built with the pass and linked with
// SQLite (also built with the pass) and libupdate, or plain for the
// reference run.
//
//   sqlite_driver old <before.sql> <snapshot>
//        open :memory:, run <before.sql>, prepare the kept statement, step it
//        through its first rows, then write this process's memory snapshot
//        (the old version, parked)
//   sqlite_driver new <snapshot> <after.sql> [--round-trip | --without-rules]
//        transfer the old version's state into this process, step the kept
//        statement through its remaining rows, run <after.sql>, and run the
//        kept statement again with other parameters; --without-rules leaves
//        out the declarative rules below (the transfer must then refuse)
//   sqlite_driver whole <before.sql> <after.sql>
//        both halves in one process, no transfer: the reference output
//
// Exit status: 0 when everything ran; 3 when the transfer refused (its error
// on stderr after "transfer refused: "); 1 for any other failure.
//
// What live update needs from SQLite beyond its types (the evaluation's hook
// code for SQLite, counted in eval/README.md) is the allocator setup in
// configure_sqlite(): SQLite's memory through plain malloc (whose size the
// typed heap knows) and no lookaside, so that each of SQLite's objects is a
// heap object of its own, typed at the call sites of SQLite's allocation
// functions (named as allocator wrappers by sqlite_transfer_check.py).
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#ifdef NEURATH_INSTRUMENTED
#include <libupdate/heap.h>
#include <libupdate/transfer.h>
#include <driver_transfer.h>
#else
#include <malloc.h>
#endif

sqlite3* g_database = nullptr;
sqlite3_stmt* g_statement = nullptr;  // prepared in the old version, finished in the new one

namespace {

constexpr const char* kKeptStatement =
    "SELECT a.id, a.owner, a.balance, count(t.id) FROM accounts a LEFT JOIN transfers t ON t.source = a.id "
    "WHERE a.id BETWEEN ?1 AND ?2 GROUP BY a.id ORDER BY a.id";
constexpr int kRowsBeforeUpdate = 3;

// ---------------------------------------------------------------- hook code

void* allocate(int size) { return std::malloc(static_cast<size_t>(size)); }
void release(void* block) { std::free(block); }
void* resize(void* block, int size) { return std::realloc(block, static_cast<size_t>(size)); }
int round_up(int size) { return (size + 7) & ~7; }
int initialise(void*) { return SQLITE_OK; }
void shut_down(void*) {}

int size_of(void* block) {
#ifdef NEURATH_INSTRUMENTED
    const libupdate::HeapHeader* header = libupdate::heap_header_of(block);
    return header ? static_cast<int>(header->size()) : 0;
#else
    return static_cast<int>(malloc_usable_size(block));
#endif
}

#ifdef NEURATH_INSTRUMENTED
// A statement's Vdbe keeps the Parse object of the sqlite3_prepare call that
// built it, a frame on the stack that has returned; SQLite never follows it
// after the prepare. A value's destructor xDel counts only while its flags
// have MEM_Dyn (sqliteInt.h, vdbeInt.h); otherwise it holds leftovers.
constexpr uint64_t kMemDyn = 0x1000;
const libupdate::StaleFieldEntry kStaleFields[] = {
    {"Vdbe", "pParse"},
    {"sqlite3_value", "xDel", "flags", kMemDyn, kMemDyn},
};
// A statement's op array (grown in growOpArray) is not only VdbeOps:
// sqlite3VdbeMakeReady carves the statement's registers and cursors out of
// its unused tail. It travels as scanned bytes, kept at its address.
const char* const kUntypedAllocations[] = {"growOpArray"};
#endif

bool configure_sqlite() {
    static const sqlite3_mem_methods methods = {allocate, release, resize, size_of, round_up, initialise, shut_down, nullptr};
    return sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK &&
           sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) == SQLITE_OK;
}

// ---------------------------------------------------------------- the workload

int print_row(void*, int columns, char** values, char**) {
    std::string line;
    for (int i = 0; i < columns; ++i) {
        if (i) line += '|';
        line += values[i] ? values[i] : "NULL";
    }
    std::printf("%s\n", line.c_str());
    return 0;
}

bool run_sql_file(const char* path) {
    std::FILE* file = std::fopen(path, "r");
    if (!file) {
        std::fprintf(stderr, "cannot open %s\n", path);
        return false;
    }
    std::string sql;
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) sql.append(buffer, n);
    std::fclose(file);
    char* error = nullptr;
    if (sqlite3_exec(g_database, sql.c_str(), print_row, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite: %s: %s\n", path, error ? error : "error");
        sqlite3_free(error);
        return false;
    }
    return true;
}

// Steps the kept statement through at most `rows` rows (all when negative).
bool step_kept(int rows) {
    for (int done = 0; rows < 0 || done < rows; ++done) {
        int status = sqlite3_step(g_statement);
        if (status == SQLITE_DONE) return true;
        if (status != SQLITE_ROW) {
            std::fprintf(stderr, "sqlite: kept statement: %s\n", sqlite3_errmsg(g_database));
            return false;
        }
        std::printf("kept %lld|%s|%.2f|%d\n", static_cast<long long>(sqlite3_column_int64(g_statement, 0)),
                    reinterpret_cast<const char*>(sqlite3_column_text(g_statement, 1)), sqlite3_column_double(g_statement, 2),
                    sqlite3_column_int(g_statement, 3));
    }
    return true;
}

bool bind_kept(int first, int last) {
    return sqlite3_reset(g_statement) == SQLITE_OK && sqlite3_bind_int(g_statement, 1, first) == SQLITE_OK &&
           sqlite3_bind_int(g_statement, 2, last) == SQLITE_OK;
}

bool first_half(const char* before) {
    if (!configure_sqlite() || sqlite3_open(":memory:", &g_database) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite: cannot open an in-memory database\n");
        return false;
    }
    if (!run_sql_file(before)) return false;
    if (sqlite3_prepare_v2(g_database, kKeptStatement, -1, &g_statement, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite: prepare: %s\n", sqlite3_errmsg(g_database));
        return false;
    }
    return bind_kept(10, 19) && step_kept(kRowsBeforeUpdate);
}

bool second_half(const char* after) {
    bool ok = step_kept(-1) && run_sql_file(after) && bind_kept(40, 44) && step_kept(-1);
    std::fflush(stdout);
    return ok;
}

#ifdef NEURATH_INSTRUMENTED
int run_old(const char* before, const char* snapshot) {
    if (!first_half(before)) return 1;
    std::fflush(stdout);
    libupdate::Result<void> written = libupdate::host::write_snapshot(snapshot);
    if (!written.ok()) {
        std::fprintf(stderr, "snapshot: %s\n", written.error().text);
        return 1;
    }
    return 0;
}

int run_new(const char* snapshot_path, const char* after, bool round_trip, bool with_rules) {
    libupdate::TransferOptions options;
    options.round_trip = round_trip;
    if (with_rules) {
        options.stale_fields = kStaleFields;
        options.stale_field_count = sizeof kStaleFields / sizeof kStaleFields[0];
        options.untyped_allocations = kUntypedAllocations;
        options.untyped_allocation_count = sizeof kUntypedAllocations / sizeof kUntypedAllocations[0];
    }
    if (int status = transfer_from_snapshot(snapshot_path, options)) return status;
    if (!g_database || !g_statement) {
        std::fprintf(stderr, "the transfer reported success but brought no database or statement\n");
        return 1;
    }
    return second_half(after) ? 0 : 1;
}
#endif

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 4 && std::strcmp(argv[1], "whole") == 0) return first_half(argv[2]) && second_half(argv[3]) ? 0 : 1;
#ifdef NEURATH_INSTRUMENTED
    if (argc >= 4 && std::strcmp(argv[1], "old") == 0) return run_old(argv[2], argv[3]);
    if (argc >= 4 && std::strcmp(argv[1], "new") == 0) {
        const char* option = argc > 4 ? argv[4] : "";
        return run_new(argv[2], argv[3], std::strcmp(option, "--round-trip") == 0, std::strcmp(option, "--without-rules") != 0);
    }
#endif
    std::fprintf(stderr, "usage: %s whole <before.sql> <after.sql> | old <before.sql> <snapshot> | new <snapshot> <after.sql> "
                 "[--round-trip | --without-rules]\n", argv[0]);
    return 1;
}
