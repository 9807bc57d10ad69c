// format_test.cpp — the kernel log's printf-style formatter.
#include "core/format.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

using kernel::format_to_buffer;

namespace {

std::string fmt_result(const char* text) { return text; }

TEST(Format, Conversions) {
    char buffer[128];
    format_to_buffer(buffer, sizeof buffer, "%s=%d %u %x %lx %c %%", "a", -42, 7u, 255u, 0xABCDEF0123ul, 'z');
    EXPECT_EQ(fmt_result(buffer), "a=-42 7 ff abcdef0123 z %");
}

TEST(Format, WidthAndZeroPadding) {
    char buffer[64];
    format_to_buffer(buffer, sizeof buffer, "[%016lx][%4d][%04x][%3s]", 0x1234ul, 5, 0xA, "ab");
    EXPECT_EQ(fmt_result(buffer), "[0000000000001234][   5][000a][ ab]");
}

TEST(Format, LongSignedAndNull) {
    char buffer[64];
    format_to_buffer(buffer, sizeof buffer, "%ld %s", INT64_MIN, static_cast<const char*>(nullptr));
    EXPECT_EQ(fmt_result(buffer), "-9223372036854775808 (null)");
}

TEST(Format, TruncatesAndTerminates) {
    char buffer[6];
    size_t written = format_to_buffer(buffer, sizeof buffer, "hello world");
    EXPECT_EQ(written, 5u);
    EXPECT_EQ(fmt_result(buffer), "hello");
}

}  // namespace
