// store_test.cpp — the data store: values and bindings, key validation,
// ownership, capacity, and listing in key order.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>

#include "store.h"

namespace {
using neurath::Error;
constexpr neurath::Endpoint kAlice = 20;
constexpr neurath::Endpoint kBob = 21;

std::string value_of(const ds::StoreEntry* entry) {
    return std::string(reinterpret_cast<const char*>(entry->value), entry->value_length);
}

ds::DataStore* fresh_store() {
    static std::unique_ptr<ds::DataStore> store;
    store = std::make_unique<ds::DataStore>();
    return store.get();
}
}  // namespace

TEST(DataStore, PublishLookupAndReplaceByOwner) {
    ds::DataStore& store = *fresh_store();
    ASSERT_TRUE(store.publish(kAlice, "color", "blue", 4).ok());
    EXPECT_EQ(value_of(store.lookup("color").value()), "blue");
    ASSERT_TRUE(store.publish(kAlice, "color", "green", 5).ok());
    EXPECT_EQ(value_of(store.lookup("color").value()), "green");
    EXPECT_EQ(store.size(), 1u);
    EXPECT_EQ(store.lookup("missing").error(), Error::NotFound);
}

TEST(DataStore, OnlyOwnerOrRsMayModify) {
    ds::DataStore& store = *fresh_store();
    ASSERT_TRUE(store.publish(kAlice, "k", "v", 1).ok());
    EXPECT_EQ(store.publish(kBob, "k", "w", 1).error(), Error::PermissionDenied);
    EXPECT_EQ(store.remove(kBob, "k").error(), Error::PermissionDenied);
    EXPECT_EQ(value_of(store.lookup("k").value()), "v");
    EXPECT_TRUE(store.remove(neurath::kRs, "k").ok());
    EXPECT_EQ(store.remove(kAlice, "k").error(), Error::NotFound);
}

TEST(DataStore, BindingsResolveToEndpoints) {
    ds::DataStore& store = *fresh_store();
    ASSERT_TRUE(store.bind(kAlice, "printer", 42).ok());
    EXPECT_EQ(store.resolve("printer").value(), 42);
    ASSERT_TRUE(store.publish(kAlice, "plain", "x", 1).ok());
    EXPECT_EQ(store.resolve("plain").error(), Error::InvalidArgument);
    EXPECT_EQ(store.bind(kAlice, "bad", -3).error(), Error::InvalidArgument);
    EXPECT_EQ(store.bind(kAlice, "bad", neurath::kMaxEndpoints).error(), Error::InvalidArgument);
}

TEST(DataStore, ValuesAreBounded) {
    ds::DataStore& store = *fresh_store();
    std::string big(protocol::ds::kMaxValue + 1, 'b');
    EXPECT_EQ(store.publish(kAlice, "big", big.data(), big.size()).error(), Error::TooBig);
    EXPECT_TRUE(store.publish(kAlice, "big", big.data(), big.size() - 1).ok());
}

TEST(DataStore, FullStoreReportsNoSpace) {
    ds::DataStore& store = *fresh_store();
    for (size_t i = 0; i < ds::DataStore::kCapacity; ++i)
        ASSERT_TRUE(store.publish(kAlice, ("key" + std::to_string(i)).c_str(), "v", 1).ok()) << i;
    EXPECT_EQ(store.publish(kAlice, "one-more", "v", 1).error(), Error::NoSpace);
    EXPECT_TRUE(store.publish(kAlice, "key7", "again", 5).ok()) << "replacing still works when full";
}

TEST(DataStore, ListsInKeyOrderAfterInsertsAndDeletes) {
    ds::DataStore& store = *fresh_store();
    for (const char* key : {"mango", "apple", "zebra", "kiwi"}) ASSERT_TRUE(store.publish(kAlice, key, "1", 1).ok());
    ASSERT_TRUE(store.remove(kAlice, "kiwi").ok());
    ASSERT_EQ(store.size(), 3u);
    EXPECT_STREQ(store.at(0)->key, "apple");
    EXPECT_STREQ(store.at(1)->key, "mango");
    EXPECT_STREQ(store.at(2)->key, "zebra");
    EXPECT_EQ(store.at(3), nullptr);
}

TEST(DataStoreKeys, ValidationRejectsBadKeys) {
    char key[protocol::ds::kMaxKey] = {};
    EXPECT_EQ(ds::validate_key(key).error(), Error::InvalidArgument) << "empty";
    std::strcpy(key, "has space");
    EXPECT_EQ(ds::validate_key(key).error(), Error::InvalidArgument);
    std::strcpy(key, "tab\there");
    EXPECT_EQ(ds::validate_key(key).error(), Error::InvalidArgument);
    std::memset(key, 'k', sizeof key);  // no terminator inside the field
    EXPECT_EQ(ds::validate_key(key).error(), Error::NameTooLong);
    std::strcpy(key, "service.vfs/ready");
    EXPECT_TRUE(ds::validate_key(key).ok());
}
