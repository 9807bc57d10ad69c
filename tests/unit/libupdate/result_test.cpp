// result_test.cpp — one Result template and one TRY for user space: libsys's
// headers and libupdate's in the same file (as in a server that uses the
// runtime), each error type propagated by the same TRY, and what a held
// value, an error and "no error" look like in both.
#include <gtest/gtest.h>
#include <libupdate/filter.h>
#include <libupdate/result.h>
#include <libupdate/transfer.h>
#include <sys/kcall.h>
#include <sys/result.h>
#include <sys/ustar.h>

#include <cstring>
#include <memory>
#include <type_traits>

using neurath::Error;

static_assert(std::is_same_v<libupdate::Result<int>, sys::Result<int, libupdate::UpdateError>>,
              "libupdate's Result is libsys's template with UpdateError");
static_assert(std::is_same_v<sys::Result<int>, sys::Result<int, Error>>, "libsys's default error is neurath::Error");

namespace {

sys::Result<int> parse_digit(char c) {
    if (c < '0' || c > '9') return Error::InvalidArgument;
    return c - '0';
}

sys::Result<int> parse_two_digits(const char* text) {
    const int tens = TRY(parse_digit(text[0]));
    return tens * 10 + TRY(parse_digit(text[1]));
}

libupdate::Result<int> checked_slot(int slot) {
    if (slot < 0) return libupdate::make_error(Error::TooBig, "slot ", "below zero");
    return slot;
}

libupdate::Result<std::unique_ptr<int>> boxed_slot(int slot) {
    const int checked = TRY(checked_slot(slot));
    return std::make_unique<int>(checked);
}

libupdate::Result<void> require_slots(int first, int second) {
    TRY(checked_slot(first));
    TRY(checked_slot(second));
    return {};
}

// Runtime errors keep their text; a libsys error becomes an UpdateError here.
libupdate::Result<int> slot_from_text(const char* text) {
    sys::Result<int> parsed = parse_two_digits(text);
    if (parsed.is_error())
        return libupdate::make_error(parsed.error(), "slot '", text, "' is not two digits");
    return TRY(checked_slot(parsed.value()));
}

}  // namespace

TEST(OneResult, LibsysErrorsPropagateThroughTry) {
    EXPECT_EQ(parse_two_digits("42").value(), 42);
    EXPECT_EQ(parse_two_digits("4x").error(), Error::InvalidArgument);
    EXPECT_EQ(parse_two_digits("x2").error(), Error::InvalidArgument);
    EXPECT_EQ(parse_two_digits("42").error(), Error::None);
    EXPECT_EQ(parse_two_digits("x2").value_or(-1), -1);
}

TEST(OneResult, RuntimeErrorsKeepCodeAndTextThroughTry) {
    auto fine = boxed_slot(3);
    ASSERT_TRUE(fine.ok());
    EXPECT_EQ(*fine.release_value(), 3);

    auto failed = boxed_slot(-1);
    ASSERT_TRUE(failed.is_error());
    EXPECT_EQ(failed.error().code, Error::TooBig);
    EXPECT_STREQ(failed.error().text, "slot below zero");

    EXPECT_TRUE(require_slots(1, 2).ok());
    auto refused = require_slots(1, -2);
    EXPECT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, Error::TooBig);
}

TEST(OneResult, NoErrorIsTheDefaultErrorValue) {
    libupdate::Result<int> held = checked_slot(5);
    EXPECT_EQ(held.error().code, Error::None);
    EXPECT_STREQ(held.error().text, "");
    EXPECT_EQ(sys::error_code(held.error()), Error::None);
    EXPECT_EQ(sys::error_code(Error::Busy), Error::Busy);
    libupdate::Result<void> success;
    EXPECT_TRUE(success.ok());
    EXPECT_TRUE(libupdate::Result<void>(libupdate::UpdateError{}).ok());
}

TEST(OneResult, BothVocabulariesMeetInOneFunction) {
    EXPECT_EQ(slot_from_text("17").value(), 17);
    auto bad = slot_from_text("1?");
    ASSERT_TRUE(bad.is_error());
    EXPECT_EQ(bad.error().code, Error::InvalidArgument);
    EXPECT_STREQ(bad.error().text, "slot '1?' is not two digits");
}

TEST(OneResult, AssignmentSwitchesBetweenValueAndError) {
    libupdate::Result<std::unique_ptr<int>> slot = libupdate::make_error(Error::NotFound, "empty");
    EXPECT_TRUE(slot.is_error());
    slot = boxed_slot(9);
    ASSERT_TRUE(slot.ok());
    EXPECT_EQ(*slot.value(), 9);
    slot = boxed_slot(-9);
    EXPECT_EQ(slot.error().code, Error::TooBig);
    libupdate::Result<int> copy = 4;
    libupdate::Result<int> other = libupdate::make_error(Error::Busy, "busy");
    other = copy;
    EXPECT_EQ(other.value(), 4);
}
