// image_version_test.cpp — the build identity (neurath/version.h): its
// reference values, hashing piece by piece (as the kernel reads an image, in
// pieces of a multiple of 8 bytes) gives the one-shot result, and every byte
// and every bit position of a word changes it.
#include <neurath/version.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

uint64_t of(const std::string& text) {
    return neurath::image_version(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

// The definition written out plainly, to pin the values.
uint64_t reference(const std::string& text) {
    uint64_t hash = 0xcbf29ce484222325ull;
    auto step = [&](uint64_t value) {
        hash = (hash ^ value) * 0x100000001b3ull;
        hash ^= hash >> 32;
    };
    size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        uint64_t word = 0;
        for (size_t k = 0; k < 8; ++k) word |= uint64_t{static_cast<uint8_t>(text[i + k])} << (8 * k);
        step(word);
    }
    for (; i < text.size(); ++i) step(static_cast<uint8_t>(text[i]));
    return hash;
}

TEST(ImageVersion, ReferenceValues) {
    EXPECT_EQ(of(""), 0xcbf29ce484222325ull);
    for (const char* text : {"a", "foobar", "0123456789abcdef", "an executable image of 31 bytes"})
        EXPECT_EQ(of(text), reference(text)) << text;
    // Lengths around the four-word rounds: every path through the loops.
    std::string long_text;
    for (int i = 0; i < 200; ++i) long_text += static_cast<char>('!' + (i * 7) % 90);
    for (size_t length : {32, 33, 40, 63, 64, 71, 96, 100, 200})
        EXPECT_EQ(of(long_text.substr(0, length)), reference(long_text.substr(0, length))) << length;
}

TEST(ImageVersion, EveryBitOfAWordCounts) {
    std::vector<uint8_t> image(64, 0);
    const uint64_t zero = neurath::image_version(image.data(), image.size());
    for (size_t bit = 0; bit < 64 * 8; ++bit) {
        image[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
        EXPECT_NE(neurath::short_version(neurath::image_version(image.data(), image.size())),
                  neurath::short_version(zero)) << bit;
        image[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    }
}

TEST(ImageVersion, PieceByPieceEqualsOneShot) {
    std::vector<uint8_t> image(10000);
    for (size_t i = 0; i < image.size(); ++i) image[i] = static_cast<uint8_t>(i * 131 + 7);
    const uint64_t whole = neurath::image_version(image.data(), image.size());
    for (size_t chunk : {size_t{8}, size_t{64}, size_t{4096}, size_t{20000}}) {
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
