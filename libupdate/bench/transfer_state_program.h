// transfer_state_program.h — the benchmark program's interface: build a
// state of `count` records, and a checksum over it.
#pragma once

namespace bench_state {

void build(long count);
long checksum();

}  // namespace bench_state
