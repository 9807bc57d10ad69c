// result_test.cpp — Result<T>/TRY propagation and value ownership.
#include <gtest/gtest.h>
#include <sys/result.h>

#include <memory>

using neurath::Error;
using sys::Result;

namespace {
Result<int> half(int value) {
    if (value % 2 != 0) return Error::InvalidArgument;
    return value / 2;
}
Result<int> quarter(int value) {
    const int h = TRY(half(value));
    return TRY(half(h));
}
Result<void> check_even(int value) {
    TRY(half(value));
    return {};
}
Result<std::unique_ptr<int>> boxed(int value) { return std::make_unique<int>(value); }
}  // namespace

TEST(Result, TryPropagatesTheFirstError) {
    EXPECT_EQ(quarter(8).value(), 2);
    EXPECT_EQ(quarter(6).error(), Error::InvalidArgument);
    EXPECT_EQ(quarter(7).error(), Error::InvalidArgument);
    EXPECT_TRUE(check_even(4).ok());
    EXPECT_EQ(check_even(5).error(), Error::InvalidArgument);
}

TEST(Result, HoldsMoveOnlyValues) {
    auto result = boxed(5);
    ASSERT_TRUE(result.ok());
    std::unique_ptr<int> owned = result.release_value();
    EXPECT_EQ(*owned, 5);
}

TEST(Result, AssignmentReplacesValueOrError) {
    Result<std::unique_ptr<int>> slot = Error::NotFound;
    EXPECT_TRUE(slot.is_error());
    slot = boxed(9);
    ASSERT_TRUE(slot.ok());
    EXPECT_EQ(*slot.value(), 9);
    slot = Result<std::unique_ptr<int>>(Error::Busy);
    EXPECT_EQ(slot.error(), Error::Busy);
    Result<int> copy = 3;
    Result<int> other = Error::NoMemory;
    other = copy;
    EXPECT_EQ(other.value(), 3);
}
