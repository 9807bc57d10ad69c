// line_discipline_test.cpp — host tests of the console line discipline:
// echo, editing keys, escape sequences, line queueing and output translation.
#include <gtest/gtest.h>

#include <string>

#include "line_discipline.h"

using tty::Echo;
using tty::LineDiscipline;

namespace {

// Feed a whole string; return everything echoed.
std::string type(LineDiscipline& ld, const std::string& input) {
    std::string echoed;
    for (char c : input) {
        Echo echo;
        ld.feed(c, echo);
        echoed.append(echo.bytes, echo.length);
    }
    return echoed;
}

std::string take(LineDiscipline& ld, size_t capacity = 512) {
    std::string buffer(capacity, '\0');
    buffer.resize(ld.take_line(buffer.data(), capacity));
    return buffer;
}

// Replay echo on a one-line virtual screen to see what the user sees.
std::string screen(const std::string& echo) {
    std::string cells;
    size_t column = 0;
    for (char c : echo) {
        if (c == '\b') {
            if (column > 0) --column;
        } else if (c == '\r' || c == '\n' || c == '\a') {
            continue;
        } else {
            if (column >= cells.size()) cells.resize(column + 1, ' ');
            cells[column++] = c;
        }
    }
    while (!cells.empty() && cells.back() == ' ') cells.pop_back();
    return cells;
}

}  // namespace

TEST(LineDiscipline, EchoesPrintableAndCompletesOnEnter) {
    LineDiscipline ld;
    EXPECT_EQ(type(ld, "ls /bin"), "ls /bin");
    EXPECT_FALSE(ld.line_ready());
    EXPECT_EQ(type(ld, "\r"), "\r\n");
    ASSERT_TRUE(ld.line_ready());
    EXPECT_EQ(take(ld), "ls /bin\n");
    EXPECT_FALSE(ld.line_ready());
}

TEST(LineDiscipline, CrLfCountsAsOneEnter) {
    LineDiscipline ld;
    type(ld, "a\r\nb\n");
    EXPECT_EQ(take(ld), "a\n");
    EXPECT_EQ(take(ld), "b\n");
    EXPECT_FALSE(ld.line_ready());
}

TEST(LineDiscipline, EmptyLineIsALine) {
    LineDiscipline ld;
    type(ld, "\n");
    ASSERT_TRUE(ld.line_ready());
    EXPECT_EQ(take(ld), "\n");
}

TEST(LineDiscipline, BackspaceAndDeleteEraseBeforeCursor) {
    LineDiscipline ld;
    const std::string echo = type(ld, "abc\b\x7f" "d");
    EXPECT_EQ(screen(echo), "ad");
    type(ld, "\n");
    EXPECT_EQ(take(ld), "ad\n");
}

TEST(LineDiscipline, BackspaceAtStartDoesNothing) {
    LineDiscipline ld;
    EXPECT_EQ(type(ld, "\b\x7f"), "");
    type(ld, "x\n");
    EXPECT_EQ(take(ld), "x\n");
}

TEST(LineDiscipline, CtrlUKillsTheLine) {
    LineDiscipline ld;
    const std::string echo = type(ld, "rm -rf\x15" "ls");
    EXPECT_EQ(screen(echo), "ls");
    type(ld, "\n");
    EXPECT_EQ(take(ld), "ls\n");
}

TEST(LineDiscipline, ArrowsEditInsideTheLine) {
    LineDiscipline ld;
    // type "ac", left, insert "b" -> "abc"
    const std::string echo = type(ld, "ac\x1b[Db");
    EXPECT_EQ(screen(echo), "abc");
    EXPECT_EQ(ld.cursor(), 2u);
    // right to the end, then append
    type(ld, "\x1b[Cd\n");
    EXPECT_EQ(take(ld), "abcd\n");
}

TEST(LineDiscipline, BackspaceInTheMiddleRedrawsTail) {
    LineDiscipline ld;
    const std::string echo = type(ld, "abXcd\x1b[D\x1b[D\b");
    EXPECT_EQ(screen(echo), "abcd");
    EXPECT_EQ(ld.cursor(), 2u);
    type(ld, "\n");
    EXPECT_EQ(take(ld), "abcd\n");
}

TEST(LineDiscipline, ArrowsStopAtLineEdges) {
    LineDiscipline ld;
    type(ld, "\x1b[D\x1b[Dx\x1b[C\x1b[Cy\n");
    EXPECT_EQ(take(ld), "xy\n");
}

TEST(LineDiscipline, HomeEndAndUnknownSequences) {
    LineDiscipline ld;
    type(ld, "bc\x1b[Ha\x1b[F\x1b[A\x1b[5~d\x1bOD!\n");
    // Up arrow and Page Up are ignored; ESC O D is a left arrow.
    EXPECT_EQ(take(ld), "abc!d\n");
}

TEST(LineDiscipline, CtrlCDropsLineAndDeliversEmptyLine) {
    LineDiscipline ld;
    const std::string echo = type(ld, "oops\x03");
    EXPECT_NE(echo.find("^C"), std::string::npos);
    ASSERT_TRUE(ld.line_ready());
    EXPECT_EQ(take(ld), "\n");
}

TEST(LineDiscipline, ControlBytesAreIgnored) {
    LineDiscipline ld;
    type(ld, std::string("a\x02\x00\x10\xffz\n", 7));
    EXPECT_EQ(take(ld), "az\n");
}

// Bug: a 4,000-character line was cut to 255 characters and the prefix ran.
TEST(LineDiscipline, OverlongLineIsRefusedNotCut) {
    LineDiscipline ld;
    const std::string echo = type(ld, std::string(4000, 'x'));
    EXPECT_EQ(ld.current_length(), LineDiscipline::kLineMax);
    EXPECT_NE(echo.find('\a'), std::string::npos) << "the bell rings when the line overflows";
    const std::string refusal = type(ld, "\r");
    EXPECT_NE(refusal.find("line too long (max 255 characters)"), std::string::npos);
    EXPECT_EQ(take(ld), "\n") << "no part of the line reaches a reader: an empty line takes its place";
    EXPECT_FALSE(ld.line_ready());
    EXPECT_EQ(ld.current_length(), 0u);
    type(ld, "ls\r");
    EXPECT_EQ(take(ld), "ls\n") << "the next line is read as usual";
}

TEST(LineDiscipline, LineOfExactlyTheMaximumIsDelivered) {
    LineDiscipline ld;
    const std::string echo = type(ld, std::string(LineDiscipline::kLineMax, 'y') + "\n");
    EXPECT_EQ(echo.find('\a'), std::string::npos);
    EXPECT_EQ(take(ld), std::string(LineDiscipline::kLineMax, 'y') + "\n");
}

TEST(LineDiscipline, CtrlUAfterAnOverlongLineStartsOver) {
    LineDiscipline ld;
    type(ld, std::string(300, 'z'));
    type(ld, "\x15" "echo ok\n");
    EXPECT_EQ(take(ld), "echo ok\n");
}

TEST(LineDiscipline, LinesQueueInOrderUntilRead) {
    LineDiscipline ld;
    type(ld, "one\ntwo\nthree\npartial");
    EXPECT_EQ(take(ld), "one\n");
    EXPECT_EQ(take(ld), "two\n");
    EXPECT_EQ(take(ld), "three\n");
    EXPECT_FALSE(ld.line_ready());
    EXPECT_EQ(take(ld), "");
    EXPECT_EQ(std::string(ld.current_line()), "partial");
}

TEST(LineDiscipline, SmallReaderGetsLineInPieces) {
    LineDiscipline ld;
    type(ld, "abcdef\nz\n");
    EXPECT_EQ(take(ld, 4), "abcd");
    EXPECT_TRUE(ld.line_ready());
    EXPECT_EQ(take(ld, 4), "ef\n");
    EXPECT_EQ(take(ld, 4), "z\n");
}

TEST(LineDiscipline, FullQueueDropsWholeLines) {
    LineDiscipline ld;
    const std::string line = std::string(200, 'q') + "\n";
    std::string echo;
    for (int i = 0; i < 6; ++i) echo += type(ld, line);  // 6 * 201 > 1024
    EXPECT_NE(echo.find('\a'), std::string::npos);
    int lines = 0;
    while (ld.line_ready()) {
        EXPECT_EQ(take(ld), line);
        ++lines;
    }
    EXPECT_EQ(lines, 5);
}

TEST(TranslateOutput, NewlineBecomesCrLf) {
    char out[16];
    size_t produced = 0;
    const char* text = "a\nb\n";
    EXPECT_EQ(tty::translate_output(text, 4, out, sizeof out, produced), 4u);
    EXPECT_EQ(std::string(out, produced), "a\r\nb\r\n");
}

TEST(TranslateOutput, StopsWhenOutputIsFullWithoutSplittingCrLf) {
    char out[3];
    size_t produced = 0;
    EXPECT_EQ(tty::translate_output("ab\n", 3, out, sizeof out, produced), 2u);
    EXPECT_EQ(std::string(out, produced), "ab");
}

TEST(LineDiscipline, PeekLeavesTheLineUntilDropped) {
    LineDiscipline ld;
    type(ld, "first\nsecond\n");
    char buffer[64];
    EXPECT_EQ(std::string(buffer, ld.peek_line(buffer, sizeof buffer)), "first\n");
    EXPECT_EQ(std::string(buffer, ld.peek_line(buffer, sizeof buffer)), "first\n");
    ld.drop_line();
    EXPECT_EQ(std::string(buffer, ld.peek_line(buffer, 3)), "sec");
    ld.drop_line();
    EXPECT_FALSE(ld.line_ready());
    EXPECT_EQ(ld.peek_line(buffer, sizeof buffer), 0u);
    ld.drop_line();  // nothing queued: no effect
    type(ld, "third\n");
    EXPECT_EQ(take(ld), "third\n");
}
