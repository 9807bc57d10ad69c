// image_version_test.cpp — the build identity (neurath/version.h): FNV-1a
// 64 with its published test values, and hashing piece by piece (as the
// kernel reads an image) gives the one-shot result.
#include <neurath/version.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

uint64_t of(const std::string& text) {
    return neurath::image_version(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

TEST(ImageVersion, Fnv1a64) {
    EXPECT_EQ(of(""), 0xcbf29ce484222325ull);
    EXPECT_EQ(of("a"), 0xaf63dc4c8601ec8cull);
    EXPECT_EQ(of("foobar"), 0x85944171f73967e8ull);
}

TEST(ImageVersion, PieceByPieceEqualsOneShot) {
    std::vector<uint8_t> image(10000);
    for (size_t i = 0; i < image.size(); ++i) image[i] = static_cast<uint8_t>(i * 131 + 7);
    const uint64_t whole = neurath::image_version(image.data(), image.size());
    for (size_t chunk : {size_t{1}, size_t{7}, size_t{4096}, size_t{9999}, size_t{20000}}) {
        uint64_t hash = neurath::kImageVersionBasis;
        for (size_t offset = 0; offset < image.size(); offset += chunk) {
            size_t length = std::min(chunk, image.size() - offset);
            hash = neurath::image_version_extend(hash, image.data() + offset, length);
        }
        EXPECT_EQ(hash, whole) << "chunk " << chunk;
    }
}

TEST(ImageVersion, EveryByteCounts) {
    std::vector<uint8_t> image(4096, 0x90);
    const uint64_t before = neurath::image_version(image.data(), image.size());
    image[4095] ^= 1;
    EXPECT_NE(neurath::image_version(image.data(), image.size()), before);
    EXPECT_EQ(neurath::short_version(before), static_cast<uint32_t>(before >> 32));
}

}  // namespace
