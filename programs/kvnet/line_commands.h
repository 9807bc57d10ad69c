// line_commands.h — kvnet's line protocol: one command per line, one answer
// line each, executed against kvd over IPC:
//   put <key> <value>   -> "created" | "replaced"
//   get <key>           -> "value <n>"
//   del <key>           -> "deleted"
//   count               -> "count <n>"
// anything else, or a refusal by kvd  -> "error <reason>"
// Keys are 1..23 characters without blanks; values are decimal, 64-bit.
//
// Entry point: answer_line.
#pragma once

#include <neurath/endpoint.h>
#include <stddef.h>

namespace kvnet {

// Executes one command line (NUL-terminated, without its newline) and
// writes the answer line, with its newline, into `answer` (capacity bytes).
size_t answer_line(neurath::Endpoint kvd, char* line, char* answer, size_t capacity);

}  // namespace kvnet
