// line_discipline.cpp — input editing and line queueing for the console.
// A line longer than kLineMax is refused whole when it is completed
// (kLineTooLong is echoed, an empty line is queued in its place).
//
// Entry points: LineDiscipline::feed, take_line, peek_line, drop_line,
// translate_output. Cursor movement is echoed with '\b' (left) and by
// re-printing the character under the cursor (right), which every terminal
// understands; a redraw after an edit prints the tail of the line, blanks the
// erased cells and walks back to the cursor.
#include "line_discipline.h"

namespace tty {
namespace {

constexpr char kCtrlA = 0x01;
constexpr char kCtrlC = 0x03;
constexpr char kCtrlE = 0x05;
constexpr char kBackspace = 0x08;
constexpr char kCtrlU = 0x15;
constexpr char kEscape = 0x1b;
constexpr char kDelete = 0x7f;
constexpr char kBell = 0x07;

bool is_printable(char byte) {
    const auto value = static_cast<unsigned char>(byte);
    return value >= 0x20 && value < 0x7f;
}

// A CSI sequence ends with a byte in 0x40..0x7e; parameters come before it.
bool is_csi_final(char byte) {
    const auto value = static_cast<unsigned char>(byte);
    return value >= 0x40 && value <= 0x7e;
}

}  // namespace

void LineDiscipline::feed(char byte, Echo& echo) {
    const bool after_cr = last_was_cr_;
    last_was_cr_ = false;
    switch (escape_) {
    case EscapeState::Escape: handle_escape(byte, echo); return;
    case EscapeState::Csi: handle_csi(byte, echo); return;
    case EscapeState::None: break;
    }
    if (byte == '\n' && after_cr) return;  // CR LF is one Enter
    handle_plain(byte, echo);
}

void LineDiscipline::handle_plain(char byte, Echo& echo) {
    switch (byte) {
    case '\r':
        last_was_cr_ = true;
        complete_line(echo);
        return;
    case '\n': complete_line(echo); return;
    case kBackspace:
    case kDelete: erase_before_cursor(echo); return;
    case kCtrlU: kill_line(echo); return;
    case kCtrlA: move_left(cursor_, echo); return;
    case kCtrlE: move_right(length_ - cursor_, echo); return;
    case kCtrlC:
        echo.put_string("^C");
        too_long_ = false;
        length_ = 0;
        cursor_ = 0;
        complete_line(echo);
        return;
    case kEscape: escape_ = EscapeState::Escape; return;
    default: break;
    }
    if (is_printable(byte)) insert(byte, echo);
}

void LineDiscipline::handle_escape(char byte, Echo& echo) {
    // ESC [ starts a CSI sequence; ESC O is the application-mode variant of the
    // arrow keys, handled the same way. Anything else cancels the escape.
    escape_ = (byte == '[' || byte == 'O') ? EscapeState::Csi : EscapeState::None;
}

void LineDiscipline::handle_csi(char byte, Echo& echo) {
    if (!is_csi_final(byte)) return;  // parameter or intermediate byte: keep consuming
    escape_ = EscapeState::None;
    switch (byte) {
    case 'D': move_left(cursor_ > 0 ? 1 : 0, echo); break;
    case 'C': move_right(cursor_ < length_ ? 1 : 0, echo); break;
    case 'H': move_left(cursor_, echo); break;
    case 'F': move_right(length_ - cursor_, echo); break;
    default: break;  // up/down and other keys: ignored
    }
}

void LineDiscipline::insert(char byte, Echo& echo) {
    if (length_ == kLineMax) {
        too_long_ = true;  // the line can no longer be delivered as typed
        echo.put(kBell);
        return;
    }
    for (size_t i = length_; i > cursor_; --i) line_[i] = line_[i - 1];
    line_[cursor_] = byte;
    ++length_;
    line_[length_] = '\0';
    echo.put(byte);
    ++cursor_;
    redraw_tail(0, echo);
}

void LineDiscipline::erase_before_cursor(Echo& echo) {
    if (cursor_ == 0) return;
    for (size_t i = cursor_ - 1; i + 1 < length_; ++i) line_[i] = line_[i + 1];
    --length_;
    line_[length_] = '\0';
    --cursor_;
    echo.put(kBackspace);
    redraw_tail(1, echo);
}

void LineDiscipline::kill_line(Echo& echo) {
    too_long_ = false;
    move_left(cursor_, echo);
    const size_t erased = length_;
    length_ = 0;
    line_[0] = '\0';
    redraw_tail(erased, echo);
}

// Print the line from the cursor to its end, blank `erased` cells after it,
// then move back to the cursor. The cursor position itself does not change.
void LineDiscipline::redraw_tail(size_t erased, Echo& echo) {
    for (size_t i = cursor_; i < length_; ++i) echo.put(line_[i]);
    echo.put_repeated(' ', erased);
    echo.put_repeated(kBackspace, (length_ - cursor_) + erased);
}

void LineDiscipline::move_left(size_t count, Echo& echo) {
    echo.put_repeated(kBackspace, count);
    cursor_ -= count;
}

void LineDiscipline::move_right(size_t count, Echo& echo) {
    for (size_t i = 0; i < count; ++i) echo.put(line_[cursor_ + i]);
    cursor_ += count;
}

// A line that overflowed kLineMax is never delivered, not even cut: a prefix
// of a command may do something else than the whole one. An empty line takes
// its place, as after Ctrl-C, so the reader (the shell) simply asks again.
void LineDiscipline::refuse_long_line(Echo& echo) {
    echo.put_string("\r\n");
    echo.put_string(kLineTooLong);
    too_long_ = false;
    length_ = 0;
    cursor_ = 0;
    line_[0] = '\0';
}

void LineDiscipline::complete_line(Echo& echo) {
    if (too_long_) refuse_long_line(echo);
    else echo.put_string("\r\n");
    // A line only enters the queue whole: if it does not fit, it is dropped
    // and the bell rings (the reader is too slow; nothing half-delivered).
    if (queue_length_ + length_ + 1 > kQueueCapacity) {
        echo.put(kBell);
    } else {
        for (size_t i = 0; i < length_; ++i) queue_byte(line_[i]);
        queue_byte('\n');
        ++queued_lines_;
    }
    length_ = 0;
    cursor_ = 0;
    line_[0] = '\0';
}

bool LineDiscipline::queue_byte(char byte) {
    if (queue_length_ == kQueueCapacity) return false;
    queue_[(queue_head_ + queue_length_) % kQueueCapacity] = byte;
    ++queue_length_;
    return true;
}

size_t LineDiscipline::take_line(char* out, size_t capacity) {
    size_t copied = 0;
    while (queued_lines_ > 0 && copied < capacity) {
        const char byte = queue_[queue_head_];
        queue_head_ = (queue_head_ + 1) % kQueueCapacity;
        --queue_length_;
        out[copied++] = byte;
        if (byte == '\n') {
            --queued_lines_;
            break;
        }
    }
    return copied;
}

size_t LineDiscipline::peek_line(char* out, size_t capacity) const {
    if (queued_lines_ == 0) return 0;
    size_t copied = 0;
    for (size_t i = 0; i < queue_length_ && copied < capacity; ++i) {
        const char byte = queue_[(queue_head_ + i) % kQueueCapacity];
        out[copied++] = byte;
        if (byte == '\n') break;
    }
    return copied;
}

void LineDiscipline::drop_line() {
    while (queued_lines_ > 0 && queue_length_ > 0) {
        const char byte = queue_[queue_head_];
        queue_head_ = (queue_head_ + 1) % kQueueCapacity;
        --queue_length_;
        if (byte == '\n') {
            --queued_lines_;
            return;
        }
    }
}

size_t translate_output(const char* text, size_t length, char* out, size_t out_capacity,
                        size_t& out_length) {
    size_t consumed = 0;
    out_length = 0;
    while (consumed < length) {
        const char byte = text[consumed];
        const size_t needed = byte == '\n' ? 2 : 1;
        if (out_length + needed > out_capacity) break;
        if (byte == '\n') out[out_length++] = '\r';
        out[out_length++] = byte;
        ++consumed;
    }
    return consumed;
}

}  // namespace tty
