// No reader may throw (other than InputError for an unopenable file) or crash on
// any bytes: random bytes mixed with each format's own markup, truncated at
// every length class, read with every format forced.

#include <gtest/gtest.h>

#include <random>

#include "common/reader_test_util.h"
#include "readers/registry.h"

namespace newsdex {
namespace {

using test::write_file;

const std::string_view kTokens[] = {"<REUTERS NEWID=\"",
                                    "</REUTERS>",
                                    "<DATE>",
                                    "</DATE>",
                                    "<TEXT TYPE=\"UNPROC\">",
                                    "</TEXT>",
                                    "<TITLE>",
                                    "<BODY>",
                                    "<D>",
                                    "&#",
                                    "&lt;",
                                    ";",
                                    "<DOC>",
                                    "</DOC>",
                                    "<DOCNO>",
                                    "*TEXT 1 ",
                                    "*STOP",
                                    "*FIND",
                                    "{\"title\":",
                                    "\"body\":",
                                    "[",
                                    "]",
                                    "{",
                                    "}",
                                    "\"",
                                    "'",
                                    ",",
                                    "\n",
                                    "\r\n",
                                    "\\u00",
                                    "\xEF\xBB\xBF",
                                    "\xFF",
                                    std::string_view("\0", 1),
                                    "01/04/63 PAGE 1"};

std::string random_input(std::mt19937& rng, std::size_t pieces) {
    std::string out;
    std::uniform_int_distribution<int> pick(0, 2);
    std::uniform_int_distribution<std::size_t> token(0, std::size(kTokens) - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    for (std::size_t i = 0; i < pieces; ++i) {
        if (pick(rng) == 0) {
            out += static_cast<char>(byte(rng));
        } else {
            out += kTokens[token(rng)];
        }
    }
    return out;
}

TEST(ReadersOnGarbage, NeverThrowOrCrash) {
    test::TempDir dir;
    std::mt19937 rng(20240501);
    for (int round = 0; round < 60; ++round) {
        std::string bytes = random_input(rng, static_cast<std::size_t>(round) * 50);
        write_file(dir / "in.bin", bytes);
        ASSERT_FALSE(readers::formats().empty());
        for (const readers::FormatReader* reader : readers::formats()) {
            const Format format(*reader);
            ReaderOptions options;
            options.format = format;
            EXPECT_NO_THROW(test::read_path(dir / "in.bin", options))
                << "format " << format_name(format) << ", round " << round;
        }
        // Unforced: detection by bytes (no extension) may also find nothing.
        try {
            test::read_path(dir / "in.bin");
        } catch (const InputError&) {
        }
    }
}

}  // namespace
}  // namespace newsdex
