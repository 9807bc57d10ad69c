// line_discipline.h — the console's line discipline: turns raw keyboard bytes
// into edited lines, producing the echo the user sees.
//
// Pure (no I/O, no kernel calls), so it is tested on the host. The tty server
// feeds every received byte to feed(), writes the echo bytes it returns to the
// UART, and answers held read requests with take_line() once line_ready().
//
// Editing: printable bytes insert at the cursor; Backspace/DEL delete before
// the cursor; Ctrl-U kills the line; Left/Right arrows (ANSI CSI D/C) and
// Home/End (CSI H/F, Ctrl-A/Ctrl-E) move the cursor; Ctrl-C drops the line;
// Enter (CR or LF; CR LF counts once) completes it. Completed lines queue in a
// bounded buffer until read, each ending in '\n'.
//
// A line longer than kLineMax is refused when Enter completes it: the bell
// rings at the first character that does not fit, Enter echoes kLineTooLong
// and the reader gets an empty line instead, as after Ctrl-C (Ctrl-U starts
// over before that).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tty {

// Echo bytes produced while handling one input byte; sized for the worst case
// (redrawing a full line plus cursor movement).
struct Echo {
    static constexpr size_t kCapacity = 1024;
    char bytes[kCapacity];
    size_t length = 0;

    void put(char c) {
        if (length < kCapacity) bytes[length++] = c;
    }
    void put_string(const char* text) {
        while (*text != '\0') put(*text++);
    }
    void put_repeated(char c, size_t count) {
        for (size_t i = 0; i < count; ++i) put(c);
    }
};

class LineDiscipline {
public:
    static constexpr size_t kLineMax = 255;        // characters per line, excluding '\n'
    static constexpr size_t kQueueCapacity = 1024; // bytes of completed lines awaiting a reader
    // Echoed instead of delivering an over-long line (names kLineMax).
    static constexpr char kLineTooLong[] = "line too long (max 255 characters); dropped\r\n";

    static_assert(kLineMax == 255, "kLineTooLong names the limit");

    // Handle one received byte; append what must be echoed to `echo`.
    void feed(char byte, Echo& echo);

    // True when at least one completed line is queued.
    bool line_ready() const { return queued_lines_ > 0; }

    // Copy the oldest completed line (including its '\n') into out. A line
    // longer than capacity is delivered in pieces over several calls; the
    // piece that ends the line carries the '\n'. Returns the bytes copied.
    size_t take_line(char* out, size_t capacity);

    // Like take_line for a whole line, but leaves it queued: copies the
    // oldest complete line (including '\n', cut at capacity) and returns its
    // length. drop_line() then removes it. Lets the server keep a line whose
    // reader vanished before it could be delivered.
    size_t peek_line(char* out, size_t capacity) const;
    void drop_line();

    // The line being edited (not yet completed), for tests and redraws.
    const char* current_line() const { return line_; }
    size_t current_length() const { return length_; }
    size_t cursor() const { return cursor_; }

private:
    enum class EscapeState : uint8_t { None, Escape, Csi };

    void handle_plain(char byte, Echo& echo);
    void handle_escape(char byte, Echo& echo);
    void handle_csi(char byte, Echo& echo);
    void insert(char byte, Echo& echo);
    void erase_before_cursor(Echo& echo);
    void kill_line(Echo& echo);
    void move_left(size_t count, Echo& echo);
    void move_right(size_t count, Echo& echo);
    void complete_line(Echo& echo);
    void refuse_long_line(Echo& echo);
    void redraw_tail(size_t erased, Echo& echo);
    bool queue_byte(char byte);

    char line_[kLineMax + 1] = {};
    size_t length_ = 0;
    size_t cursor_ = 0;
    EscapeState escape_ = EscapeState::None;
    bool last_was_cr_ = false;
    bool too_long_ = false;   // the line being typed overflowed kLineMax

    char queue_[kQueueCapacity] = {};
    size_t queue_head_ = 0;   // index of the oldest queued byte
    size_t queue_length_ = 0; // bytes queued
    size_t queued_lines_ = 0; // complete lines in the queue
};

// Output processing for text written to the console: '\n' becomes "\r\n".
// Copies from `text` into `out` until either runs out; returns the bytes of
// `text` consumed and sets out_length to the bytes produced.
size_t translate_output(const char* text, size_t length, char* out, size_t out_capacity,
                        size_t& out_length);

}  // namespace tty
