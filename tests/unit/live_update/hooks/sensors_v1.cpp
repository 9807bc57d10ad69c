// sensors_v1.cpp — version 1 of the "sensors" test program: readings are
// plain ints, the threshold is in whole units, and the last event keeps its
// payload in a union that may hold a pointer. Version 2 changes all three in
// ways no rule can infer (sensors_v2.h), so they need hand-written hooks.
#include <string>

#include "../program.h"

namespace sensors {

struct Sensor {
    int reading;
    const char* unit;
};

union Payload {
    long number;
    Sensor* sensor;
};

struct Event {
    int kind;  // 0: number, 1: sensor
    Payload payload;
};

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
    for (int i = 0; i < 4; ++i) table[i] = Sensor{(i + 1) * 7, units[i]};
    threshold = 25;
    first_event.kind = 0;
    first_event.payload.number = 99;
    last_event.kind = 1;
    last_event.payload.sensor = &table[2];
}

void scenario(const char*) {}
std::string digest() { return "version 1 has no digest of its own"; }

}  // namespace test_program
