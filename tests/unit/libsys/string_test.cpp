// string_test.cpp — sys::str memory and string functions against expected values.
#include <gtest/gtest.h>
#include <sys/cstring.h>

namespace str = sys::str;

TEST(String, MemcpyCopiesExactlyLengthBytes) {
    char out[8] = "xxxxxxx";
    str::memcpy(out, "abc", 3);
    EXPECT_STREQ(out, "abcxxxx");
}

TEST(String, MemmoveHandlesOverlapBothWays) {
    char forward[] = "123456789";
    str::memmove(forward + 2, forward, 5);
    EXPECT_STREQ(forward, "121234589");
    char backward[] = "123456789";
    str::memmove(backward, backward + 2, 5);
    EXPECT_STREQ(backward, "345676789");
}

TEST(String, MemsetAndMemcmp) {
    unsigned char a[4];
    str::memset(a, 0xAB, sizeof a);
    EXPECT_EQ(a[3], 0xAB);
    const unsigned char b[4] = {0xAB, 0xAB, 0xAB, 0xAC};
    EXPECT_LT(str::memcmp(a, b, 4), 0);
    EXPECT_EQ(str::memcmp(a, b, 3), 0);
    EXPECT_GT(str::memcmp(b, a, 4), 0);
}

TEST(String, LengthsAndComparisons) {
    EXPECT_EQ(str::strlen(""), 0u);
    EXPECT_EQ(str::strlen("hello"), 5u);
    EXPECT_EQ(str::strnlen("hello", 3), 3u);
    EXPECT_EQ(str::strcmp("abc", "abc"), 0);
    EXPECT_LT(str::strcmp("abc", "abd"), 0);
    EXPECT_GT(str::strcmp("abcd", "abc"), 0);
    EXPECT_EQ(str::strncmp("abcX", "abcY", 3), 0);
    EXPECT_LT(str::strcmp("a", "\xff"), 0) << "comparison is unsigned";
}

TEST(String, Searching) {
    const char* text = "a/b/c";
    EXPECT_EQ(str::strchr(text, '/'), text + 1);
    EXPECT_EQ(str::strrchr(text, '/'), text + 3);
    EXPECT_EQ(str::strchr(text, 'z'), nullptr);
    EXPECT_EQ(str::strchr(text, '\0'), text + 5);
    EXPECT_STREQ(str::strstr("hello world", "o w"), "o world");
    EXPECT_STREQ(str::strstr("hello world", "wor"), "world");
    EXPECT_EQ(str::strstr("hello", "xyz"), nullptr);
}

TEST(String, BoundedCopiesTerminate) {
    char out[4];
    EXPECT_EQ(str::strlcpy(out, "abcdef", sizeof out), 6u);
    EXPECT_STREQ(out, "abc");
    char cat[8] = "ab";
    EXPECT_EQ(str::strlcat(cat, "cdefghij", sizeof cat), 10u);
    EXPECT_STREQ(cat, "abcdefg");
    char padded[6];
    str::strncpy(padded, "ab", sizeof padded);
    EXPECT_EQ(padded[5], '\0');
    EXPECT_STREQ(padded, "ab");
}
