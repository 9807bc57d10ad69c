// args.h — packing argv into the kernel's NUL-separated argument block and
// splitting a command line into words.
//
// Entry points: sys::ArgBlock (append words, then data()/length()),
// sys::split_words (in-place tokenizer on spaces and tabs).
#pragma once

#include <neurath/syscall.h>
#include <stddef.h>
#include <sys/result.h>

namespace sys {

class ArgBlock {
public:
    // TooBig when the block would exceed neurath::kArgBlockSize.
    Result<void> append(const char* word);
    const char* data() const { return bytes_; }
    uint32_t length() const { return length_; }
    uint32_t count() const { return count_; }

private:
    char bytes_[neurath::kArgBlockSize] = {};
    uint32_t length_ = 0;
    uint32_t count_ = 0;
};

// Splits `line` in place at runs of spaces/tabs; stores up to `capacity`
// word pointers in `words` and returns how many were found (TooBig if more).
Result<size_t> split_words(char* line, char** words, size_t capacity);

}  // namespace sys
