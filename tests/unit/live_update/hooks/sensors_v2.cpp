// sensors_v2.cpp — version 2 of the "sensors" test program (see sensors_v2.h).
#include "sensors_v2.h"

#include <string>

#include "../program.h"

namespace sensors {

Sensor table[4];
int threshold;
Event last_event;
Event first_event;

}  // namespace sensors

namespace test_program {

void workload(int phase) {
    using namespace sensors;
    if (phase != 1) return;
    const char* units[] = {"C", "hPa", "%", "lux"};
    for (int i = 0; i < 4; ++i) table[i] = Sensor{{(i + 1) * 7, 0}, units[i]};
    threshold = 250;
    first_event.kind = 0;
    first_event.payload.number = 99;
    last_event.kind = 1;
    last_event.payload.sensor = &table[2];
}

void scenario(const char*) {}

std::string digest() {
    using namespace sensors;
    std::string out;
    for (const Sensor& s : table)
        out += std::to_string(s.reading.value) + "e-" + std::to_string(s.reading.scale) + " " + (s.unit ? s.unit : "-") + "\n";
    out += "threshold " + std::to_string(threshold) + "\n";
    out += "first " + std::to_string(first_event.payload.number) + "\n";
    out += "last " + std::string(last_event.kind == 1 ? last_event.payload.sensor->unit : "number") + "\n";
    return out;
}

}  // namespace test_program
