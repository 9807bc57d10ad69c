// line_discipline_next_test.cpp — host tests of the history that tty
// version 2 (tty.next, servers/tty/versions/next.patch) adds to the line
// discipline: Up/Down recall completed lines, a recalled line is edited like
// a typed one, the draft comes back, the ring keeps the newest lines. Built
// against the patched copy; line_discipline_test.cpp runs on it too.
#include <gtest/gtest.h>

#include <string>

#include "line_discipline.h"

using tty::Echo;
using tty::LineDiscipline;

namespace {

const std::string kUp = "\x1b[A";
const std::string kDown = "\x1b[B";

std::string type(LineDiscipline& ld, const std::string& input) {
    std::string echoed;
    for (char c : input) {
        Echo echo;
        ld.feed(c, echo);
        echoed.append(echo.bytes, echo.length);
    }
    return echoed;
}

std::string take(LineDiscipline& ld) {
    std::string buffer(512, '\0');
    buffer.resize(ld.take_line(buffer.data(), buffer.size()));
    return buffer;
}

// What a one-line terminal shows after the echo (backspace moves left).
std::string screen(const std::string& echo) {
    std::string cells;
    size_t column = 0;
    for (char c : echo) {
        if (c == '\b') {
            if (column > 0) --column;
        } else if (c != '\r' && c != '\n' && c != '\a') {
            if (column >= cells.size()) cells.resize(column + 1, ' ');
            cells[column++] = c;
        }
    }
    while (!cells.empty() && cells.back() == ' ') cells.pop_back();
    return cells;
}

}  // namespace

TEST(LineDisciplineHistory, UpRecallsEarlierLinesAndEnterSendsThem) {
    LineDiscipline ld;
    type(ld, "ls /bin\recho hi\r");
    take(ld);
    take(ld);
    EXPECT_EQ(ld.history_size(), 2u);
    const std::string shown = type(ld, kUp + kUp);
    EXPECT_EQ(screen(shown), "ls /bin");
    EXPECT_EQ(std::string(ld.current_line()), "ls /bin");
    EXPECT_EQ(ld.cursor(), 7u);
    type(ld, "\r");
    EXPECT_EQ(take(ld), "ls /bin\n");
}

TEST(LineDisciplineHistory, DownReturnsToTheDraftAndARecalledLineCanBeEdited) {
    LineDiscipline ld;
    type(ld, "cat /etc/motd\r");
    take(ld);
    std::string echo = type(ld, "ec");
    echo += type(ld, kUp);
    EXPECT_EQ(screen(echo), "cat /etc/motd");
    echo += type(ld, kDown);
    EXPECT_EQ(screen(echo), "ec");
    EXPECT_EQ(std::string(ld.current_line()), "ec");
    type(ld, kUp + "\x7f\x7f\x7f\x7f" + "hello\r");
    EXPECT_EQ(take(ld), "cat /etc/hello\n");
}

TEST(LineDisciplineHistory, KeepsTheNewestLinesOnceAndRingsAtTheEnds) {
    LineDiscipline ld;
    EXPECT_NE(type(ld, kUp).find('\a'), std::string::npos) << "nothing to recall";
    for (int i = 0; i < 20; ++i) type(ld, "line " + std::to_string(i) + "\r");
    type(ld, "line 19\r\r");  // a repeat of the newest and an empty line are not kept
    EXPECT_EQ(ld.history_size(), LineDiscipline::kHistoryLines);
    std::string echo;
    for (size_t i = 0; i < LineDiscipline::kHistoryLines; ++i) echo += type(ld, kUp);
    EXPECT_EQ(std::string(ld.current_line()), "line 4");
    EXPECT_NE(type(ld, kUp).find('\a'), std::string::npos) << "oldest reached";
    EXPECT_NE(type(ld, kDown + kDown).find("line 6"), std::string::npos);
}
