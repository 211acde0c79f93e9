#include "sgml_entities.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

namespace newsdex::readers {

namespace {

// Windows-1252 0x80..0x9F; 0 where the code page leaves a byte undefined.
constexpr std::array<std::uint16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

constexpr std::pair<std::string_view, std::uint32_t> kNamed[] = {
    {"lt", '<'},       {"gt", '>'},       {"amp", '&'},      {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},    {"copy", 0xA9},    {"reg", 0xAE},     {"deg", 0xB0},      {"pound", 0xA3},
    {"cent", 0xA2},    {"yen", 0xA5},     {"sect", 0xA7},    {"para", 0xB6},     {"middot", 0xB7},
    {"frac12", 0xBD},  {"frac14", 0xBC},  {"frac34", 0xBE},  {"times", 0xD7},    {"divide", 0xF7},
    {"laquo", 0xAB},   {"raquo", 0xBB},   {"ndash", 0x2013}, {"mdash", 0x2014},  {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"hellip", 0x2026}, {"bull", 0x2022},
    {"euro", 0x20AC},  {"trade", 0x2122}, {"aacute", 0xE1},  {"eacute", 0xE9},   {"iacute", 0xED},
    {"oacute", 0xF3},  {"uacute", 0xFA},  {"Aacute", 0xC1},  {"Eacute", 0xC9},   {"Iacute", 0xCD},
    {"Oacute", 0xD3},  {"Uacute", 0xDA},  {"agrave", 0xE0},  {"egrave", 0xE8},   {"Agrave", 0xC0},
    {"Egrave", 0xC8},  {"auml", 0xE4},    {"ouml", 0xF6},    {"uuml", 0xFC},     {"Auml", 0xC4},
    {"Ouml", 0xD6},    {"Uuml", 0xDC},    {"szlig", 0xDF},   {"ccedil", 0xE7},   {"Ccedil", 0xC7},
    {"ntilde", 0xF1},  {"Ntilde", 0xD1},  {"acirc", 0xE2},   {"ecirc", 0xEA},    {"ocirc", 0xF4},
    {"aring", 0xE5},   {"Aring", 0xC5},   {"oslash", 0xF8},  {"Oslash", 0xD8},   {"aelig", 0xE6},
    {"AElig", 0xC6},
};

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// Decodes the reference starting at text[i] == '&'. On success appends the
/// character and returns the length consumed; returns 0 when it is not a
/// reference this decoder knows (the caller then copies the '&' literally).
std::size_t decode_one(std::string_view text, std::size_t i, std::string& out) {
    std::size_t j = i + 1;
    if (j < text.size() && text[j] == '#') {
        ++j;
        bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
        if (hex) ++j;
        std::uint32_t cp = 0;
        std::size_t digits = 0;
        while (j < text.size() && digits < 8) {
            auto c = static_cast<unsigned char>(text[j]);
            int d = -1;
            if (std::isdigit(c))
                d = c - '0';
            else if (hex && std::isxdigit(c))
                d = std::tolower(c) - 'a' + 10;
            if (d < 0) break;
            cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
            ++j;
            ++digits;
        }
        if (digits == 0) return 0;
        // SGML ends a numeric reference at ';' or at any non-digit.
        if (j < text.size() && text[j] == ';') ++j;
        if (cp >= 0x80 && cp <= 0x9F && kCp1252High[cp - 0x80] != 0) cp = kCp1252High[cp - 0x80];
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            out += "\xEF\xBF\xBD";  // U+FFFD: a reference to no character
        } else {
            append_utf8(out, cp);
        }
        return j - i;
    }
    std::size_t start = j;
    while (j < text.size() && j - start < 10 && std::isalnum(static_cast<unsigned char>(text[j])))
        ++j;
    if (j == start || j >= text.size() || text[j] != ';') return 0;
    std::string_view name = text.substr(start, j - start);
    for (const auto& [entity, cp] : kNamed) {
        if (entity == name) {
            append_utf8(out, cp);
            return j + 1 - i;
        }
    }
    return 0;
}

}  // namespace

std::string decode_sgml_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t amp = text.find('&', i);
        if (amp == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, amp - i));
        std::size_t used = decode_one(text, amp, out);
        if (used == 0) {
            out += '&';
            i = amp + 1;
        } else {
            i = amp + used;
        }
    }
    return out;
}

}  // namespace newsdex::readers
