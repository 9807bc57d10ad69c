// open_files.cpp — bounded per-client descriptor tables (see open_files.h).
//
// Entry points: OpenFileTable::install, lookup, remove, remove_all.
#include "open_files.h"

namespace vfs {

OpenFileTable::OpenFileTable() {
    for (ClientFiles& client : clients_) client = ClientFiles{neurath::kNone, 0, {}};
}

Result<int32_t> OpenFileTable::install(Endpoint client, InodeId inode, uint32_t mode) {
    if (client == neurath::kNone || client == neurath::kAny) return Error::InvalidArgument;
    ClientFiles* table = find_or_claim(client);
    if (table == nullptr) return Error::TooManyOpenFiles;
    for (uint32_t descriptor = 0; descriptor < kMaxFilesPerClient; ++descriptor) {
        OpenFile& file = table->files[descriptor];
        if (file.in_use) continue;
        file = OpenFile{true, inode, mode, 0};
        ++table->open_count;
        return static_cast<int32_t>(descriptor);
    }
    if (table->open_count == 0) table->owner = neurath::kNone;
    return Error::TooManyOpenFiles;
}

Result<OpenFile*> OpenFileTable::lookup(Endpoint client, int32_t descriptor) {
    if (descriptor < 0 || descriptor >= static_cast<int32_t>(kMaxFilesPerClient)) {
        return Error::BadFileDescriptor;
    }
    ClientFiles* table = find(client);
    if (table == nullptr || !table->files[descriptor].in_use) return Error::BadFileDescriptor;
    return &table->files[descriptor];
}

Result<InodeId> OpenFileTable::remove(Endpoint client, int32_t descriptor) {
    OpenFile* file = TRY(lookup(client, descriptor));
    const InodeId inode = file->inode;
    *file = OpenFile{};
    ClientFiles* table = find(client);
    if (--table->open_count == 0) table->owner = neurath::kNone;
    return inode;
}

uint32_t OpenFileTable::remove_all(Endpoint client, InodeId* closed) {
    ClientFiles* table = find(client);
    if (table == nullptr) return 0;
    uint32_t count = 0;
    for (OpenFile& file : table->files) {
        if (!file.in_use) continue;
        closed[count++] = file.inode;
        file = OpenFile{};
    }
    *table = ClientFiles{neurath::kNone, 0, {}};
    return count;
}

uint32_t OpenFileTable::clients_in_use() const {
    uint32_t count = 0;
    for (const ClientFiles& client : clients_) count += client.owner != neurath::kNone ? 1 : 0;
    return count;
}

uint32_t OpenFileTable::open_count(Endpoint client) const {
    const ClientFiles* table = find(client);
    return table == nullptr ? 0 : table->open_count;
}

ClientFiles* OpenFileTable::find(Endpoint client) {
    for (ClientFiles& table : clients_) {
        if (table.owner == client && client != neurath::kNone) return &table;
    }
    return nullptr;
}

const ClientFiles* OpenFileTable::find(Endpoint client) const {
    for (const ClientFiles& table : clients_) {
        if (table.owner == client && client != neurath::kNone) return &table;
    }
    return nullptr;
}

ClientFiles* OpenFileTable::find_or_claim(Endpoint client) {
    if (ClientFiles* existing = find(client)) return existing;
    for (ClientFiles& table : clients_) {
        if (table.owner != neurath::kNone) continue;
        table = ClientFiles{client, 0, {}};
        return &table;
    }
    return nullptr;
}

}  // namespace vfs
