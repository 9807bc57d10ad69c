// args.cpp — building NUL-separated argument blocks and splitting command lines.
#include <sys/args.h>
#include <sys/cstring.h>

namespace sys {

Result<void> ArgBlock::append(const char* word) {
    const size_t length = str::strlen(word);
    if (length_ + length + 1 > sizeof bytes_) return Error::TooBig;
    str::memcpy(bytes_ + length_, word, length + 1);
    length_ += static_cast<uint32_t>(length + 1);
    ++count_;
    return {};
}

Result<size_t> split_words(char* line, char** words, size_t capacity) {
    size_t count = 0;
    char* cursor = line;
    for (;;) {
        while (*cursor == ' ' || *cursor == '\t') *cursor++ = '\0';
        if (*cursor == '\0') return count;
        if (count == capacity) return Error::TooBig;
        words[count++] = cursor;
        while (*cursor != '\0' && *cursor != ' ' && *cursor != '\t') ++cursor;
    }
}

}  // namespace sys
