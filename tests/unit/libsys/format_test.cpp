// format_test.cpp — sys::format conversions, flags and truncation.
#include <gtest/gtest.h>
#include <stdint.h>
#include <sys/format.h>

#include <cstdio>
#include <iterator>
#include <string>

namespace {
// Without a format attribute, so patterns the compiler would reject can be tested.
int unchecked_format(char* buffer, size_t capacity, const char* pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    const int length = sys::vformat(buffer, capacity, pattern, arguments);
    va_end(arguments);
    return length;
}

std::string fmt(const char* pattern, ...) {
    char buffer[256];
    va_list arguments;
    va_start(arguments, pattern);
    const int length = sys::vformat(buffer, sizeof buffer, pattern, arguments);
    va_end(arguments);
    EXPECT_EQ(length, static_cast<int>(std::string(buffer).size()));
    return buffer;
}
}  // namespace

TEST(Format, Integers) {
    EXPECT_EQ(fmt("%d", 0), "0");
    EXPECT_EQ(fmt("%d %i", -42, 17), "-42 17");
    EXPECT_EQ(fmt("%d", INT32_MIN), "-2147483648");
    EXPECT_EQ(fmt("%u", 4000000000u), "4000000000");
    EXPECT_EQ(fmt("%x %X", 0xbeefu, 0xbeefu), "beef BEEF");
    EXPECT_EQ(fmt("%lld", static_cast<long long>(INT64_MIN)), "-9223372036854775808");
    EXPECT_EQ(fmt("%llu", static_cast<unsigned long long>(UINT64_MAX)), "18446744073709551615");
    EXPECT_EQ(fmt("%lx", 0x123456789abcdefUL), "123456789abcdef");
    EXPECT_EQ(fmt("%zu", static_cast<size_t>(12345)), "12345");
}

TEST(Format, WidthPaddingAndJustification) {
    EXPECT_EQ(fmt("[%5d]", 42), "[   42]");
    EXPECT_EQ(fmt("[%-5d]", 42), "[42   ]");
    EXPECT_EQ(fmt("[%05d]", -42), "[-0042]");
    EXPECT_EQ(fmt("[%08x]", 0xabu), "[000000ab]");
    EXPECT_EQ(fmt("[%*d]", 4, 7), "[   7]");
    EXPECT_EQ(fmt("[%-*d]", 3, 7), "[7  ]");
    EXPECT_EQ(fmt("[%2d]", 12345), "[12345]");
}

TEST(Format, StringsCharactersAndPercent) {
    EXPECT_EQ(fmt("%s!", "hi"), "hi!");
    EXPECT_EQ(fmt("[%6s]", "ab"), "[    ab]");
    EXPECT_EQ(fmt("[%-6s]", "ab"), "[ab    ]");
    EXPECT_EQ(fmt("[%.3s]", "abcdef"), "[abc]");
    EXPECT_EQ(fmt("[%.*s]", 2, "abcdef"), "[ab]");
    EXPECT_EQ(fmt("%s", static_cast<const char*>(nullptr)), "(null)");
    EXPECT_EQ(fmt("%c%c", 'o', 'k'), "ok");
    EXPECT_EQ(fmt("100%%"), "100%");
}

TEST(Format, Pointers) {
    EXPECT_EQ(fmt("%p", reinterpret_cast<void*>(0x400000)), "0x400000");
    EXPECT_EQ(fmt("%p", static_cast<void*>(nullptr)), "0x0");
}

TEST(Format, UnknownConversionIsCopiedThrough) {
    EXPECT_EQ(fmt("%q"), "%q");
    EXPECT_EQ(fmt("end%"), "end%");
}

TEST(Format, TruncatesButReportsFullLength) {
    char buffer[6];
    EXPECT_EQ(sys::format(buffer, sizeof buffer, "%s-%d", "abcdef", 12), 9);
    EXPECT_STREQ(buffer, "abcde");
    char tiny[1] = {'x'};
    EXPECT_EQ(unchecked_format(tiny, sizeof tiny, "hello"), 5);
    EXPECT_EQ(tiny[0], '\0');
    EXPECT_EQ(sys::format(nullptr, 0, "%d", 1234), 4);
}

// Differential check against the host C library for random combinations of
// flags, widths, precisions and length modifiers that both define alike.
TEST(Format, AgreesWithTheHostLibraryOnRandomConversions) {
    uint32_t state = 99;
    auto next_random = [&] { return state = state * 1664525 + 1013904223, state >> 4; };
    const char* flags[] = {"", "-", "0"};
    const char* conversions[] = {"d", "i", "u", "x", "X", "ld", "lu", "llx", "zu", "s", "c"};
    const char* words[] = {"", "a", "neurath", "live update"};
    for (int round = 0; round < 5000; ++round) {
        const char* conversion = conversions[next_random() % std::size(conversions)];
        const bool is_string = conversion[0] == 's';
        const bool is_char = conversion[0] == 'c';
        std::string pattern = "<%";
        const char* flag = flags[next_random() % 3];
        if (!(is_string || is_char) || flag[0] != '0') pattern += flag;  // '0' with %s/%c is undefined
        if (next_random() % 2) pattern += std::to_string(next_random() % 25);
        if (is_string && next_random() % 2) pattern += "." + std::to_string(next_random() % 8);
        pattern += conversion;
        pattern += ">";
        char ours[128];
        char theirs[128];
        const long long number = static_cast<long long>(next_random()) * (next_random() % 2 ? 1 : -99991);
        int our_length = 0;
        int their_length = 0;
        if (is_string) {
            const char* word = words[next_random() % std::size(words)];
            our_length = unchecked_format(ours, sizeof ours, pattern.c_str(), word);
            their_length = std::snprintf(theirs, sizeof theirs, pattern.c_str(), word);
        } else if (is_char) {
            const int character = 'A' + static_cast<int>(next_random() % 26);
            our_length = unchecked_format(ours, sizeof ours, pattern.c_str(), character);
            their_length = std::snprintf(theirs, sizeof theirs, pattern.c_str(), character);
        } else if (conversion[0] == 'l' || conversion[0] == 'z') {
            our_length = unchecked_format(ours, sizeof ours, pattern.c_str(), number);
            their_length = std::snprintf(theirs, sizeof theirs, pattern.c_str(), number);
        } else {
            const int value = static_cast<int>(number);
            our_length = unchecked_format(ours, sizeof ours, pattern.c_str(), value);
            their_length = std::snprintf(theirs, sizeof theirs, pattern.c_str(), value);
        }
        ASSERT_EQ(std::string(ours), std::string(theirs)) << "pattern " << pattern;
        ASSERT_EQ(our_length, their_length) << "pattern " << pattern;
    }
}
