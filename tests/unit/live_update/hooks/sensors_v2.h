// sensors_v2.h — types of version 2 of the "sensors" test program, shared
// with its test suite: a reading became a value with a decimal scale, and
// the threshold is now kept in tenths.
#pragma once

namespace sensors {

struct Measurement {
    int value;
    int scale;  // value / 10^scale
};

struct Sensor {
    Measurement reading;
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

extern Sensor table[4];
extern int threshold;  // tenths of a unit
extern Event last_event;
extern Event first_event;

}  // namespace sensors
