#include "analysis/text_sanitizer.h"

#include <unicode/uchar.h>

namespace newsdex {

namespace {

// Windows-1252's meaning of 0x80..0x9F; 0 = undefined there.
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

char32_t decode_stray_byte(unsigned char b) {
    if (b >= 0xA0) return b;  // Latin-1
    if (b >= 0x80) {
        char32_t c = kCp1252High[b - 0x80];
        return c ? c : 0xFFFD;
    }
    return 0xFFFD;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

/// Decodes one well-formed UTF-8 sequence at s[i]; returns its length, or 0
/// if the bytes there are not valid UTF-8 (overlong, surrogate, > U+10FFFF,
/// truncated).
std::size_t decode_utf8(const std::string& s, std::size_t i, char32_t& c) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b0 = byte(i);
    std::size_t len;
    char32_t min;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2, c = b0 & 0x1F, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3, c = b0 & 0x0F, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4, c = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        unsigned char b = byte(i + k);
        if ((b & 0xC0) != 0x80) return 0;
        c = (c << 6) | (b & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    return len;
}

bool is_dropped_control(char32_t c) {
    return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F);
}

bool needs_work(const std::string& s) {
    for (unsigned char b : s)
        if (b >= 0x7F || (b < 0x20 && b != '\n' && b != '\t')) return true;
    return false;
}

}  // namespace

SanitizeReport sanitize_text(std::string& text) {
    SanitizeReport report;
    // Fast path: plain ASCII without controls is already clean (most of Reuters/BBC).
    if (!needs_work(text)) return report;

    std::string out;
    out.reserve(text.size());
    bool pending_space = false;  // a run of controls separated text: one space, not glued words
    auto emit = [&](char32_t c) {
        if (pending_space) {
            if (!out.empty() && out.back() != ' ' && out.back() != '\n' && out.back() != '\t' &&
                c != ' ' && c != '\n' && c != '\t')
                out.push_back(' ');
            pending_space = false;
        }
        append_utf8(out, c);
    };

    for (std::size_t i = 0; i < text.size();) {
        auto b = static_cast<unsigned char>(text[i]);
        char32_t c;
        std::size_t len = 1;
        if (b < 0x80) {
            c = b;
        } else if ((len = decode_utf8(text, i, c)) == 0) {
            if (report.invalid_sequences++ == 0) report.first_invalid_offset = i;
            c = decode_stray_byte(b);
            len = 1;
        }
        i += len;
        if (c == '\r') {
            // CRLF and lone CR both become one newline.
            if (i < text.size() && text[i] == '\n') continue;
            c = '\n';
        }
        if (is_dropped_control(c)) {
            pending_space = true;
            continue;
        }
        // Format characters (BOM, bidi controls, zero-width, soft hyphen) carry
        // no text; dropping them keeps words whole.
        if (c >= 0xA0 && u_charType(static_cast<UChar32>(c)) == U_FORMAT_CHAR) continue;
        emit(c);
    }
    text.swap(out);
    return report;
}

std::optional<std::string> sanitize_article(Article& a) {
    std::size_t invalid = 0;
    std::string where;
    auto clean = [&](std::string& field, const char* name) {
        SanitizeReport r = sanitize_text(field);
        if (r.invalid_sequences) {
            if (invalid == 0)
                where = std::string(name) + " byte " + std::to_string(r.first_invalid_offset);
            invalid += r.invalid_sequences;
        }
    };
    clean(a.id, "id");
    clean(a.title, "title");
    clean(a.body, "body");
    clean(a.date_text, "date");
    clean(a.source, "source");
    clean(a.url, "url");
    clean(a.lang, "lang");
    for (auto& s : a.authors) clean(s, "author");
    for (auto& s : a.topics) clean(s, "topic");
    for (auto& s : a.places) clean(s, "place");
    if (!invalid) return std::nullopt;
    return "invalid UTF-8 (" + std::to_string(invalid) + " byte" + (invalid == 1 ? "" : "s") +
           ", first at " + where + ") repaired as Latin-1/Windows-1252";
}

}  // namespace newsdex
