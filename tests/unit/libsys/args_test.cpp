// args_test.cpp — argument blocks and command-line splitting.
#include <gtest/gtest.h>
#include <sys/args.h>

#include <string>

TEST(ArgBlock, PacksWordsNulSeparated) {
    sys::ArgBlock block;
    ASSERT_TRUE(block.append("cat").ok());
    ASSERT_TRUE(block.append("/etc/motd").ok());
    EXPECT_EQ(block.count(), 2u);
    EXPECT_EQ(std::string(block.data(), block.length()), std::string("cat\0/etc/motd\0", 14));
}

TEST(ArgBlock, RefusesToOverflow) {
    sys::ArgBlock block;
    std::string word(100, 'w');
    EXPECT_TRUE(block.append(word.c_str()).ok());
    EXPECT_TRUE(block.append(word.c_str()).ok());
    EXPECT_EQ(block.append(word.c_str()).error(), neurath::Error::TooBig);
    EXPECT_EQ(block.count(), 2u);
}

TEST(SplitWords, SplitsOnRunsOfBlanks) {
    char line[] = "  ls \t -l   /bin ";
    char* words[4];
    auto count = sys::split_words(line, words, 4);
    ASSERT_TRUE(count.ok());
    ASSERT_EQ(count.value(), 3u);
    EXPECT_STREQ(words[0], "ls");
    EXPECT_STREQ(words[1], "-l");
    EXPECT_STREQ(words[2], "/bin");
}

TEST(SplitWords, ReportsTooManyWords) {
    char line[] = "a b c";
    char* words[2];
    EXPECT_EQ(sys::split_words(line, words, 2).error(), neurath::Error::TooBig);
    char empty[] = "   ";
    EXPECT_EQ(sys::split_words(empty, words, 2).value(), 0u);
}
