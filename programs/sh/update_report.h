// update_report.h — the text of the `updates` table: one row per finished
// live update from rs's history (protocol::rs::UpdateRecord).
//
// Columns: transaction id, name, old -> new version (neurath::short_version,
// 8 hex digits each), the time of each phase (load, quiesce, transfer,
// check, commit) and the blackout in microseconds, and the result
// (committed / rolled back / prepared). A rollback gets a second, indented
// line with rs's reason. Pure: tested on the host (tests/unit/sh).
//
// Entry points: update_result_name, format_update_header, format_update_row.
#pragma once

#include <protocol/rs.h>
#include <stddef.h>

namespace shell {

const char* update_result_name(protocol::rs::UpdateResult result);

// The column titles, aligned with format_update_row (ends in a newline).
int format_update_header(char* out, size_t capacity);

// Writes the row (and the reason line of a rollback), each ending in a
// newline; returns the length like sys::format.
int format_update_row(char* out, size_t capacity, const protocol::rs::UpdateRecord& record);

}  // namespace shell
