#include "pg/number_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace pg {
namespace {

constexpr const char* kMinus = "\u2212";

// "1.500" → "1.5", "2.000" → "2"; text without '.' is left alone.
void strip_zeros(std::string& s) {
    if (s.find('.') == std::string::npos) return;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
}

std::string minus_sign(std::string s, bool unicode) {
    if (!unicode) return s;
    std::string out;
    out.reserve(s.size() + 4);
    for (char c : s) {
        if (c == '-') out += kMinus;
        else out += c;
    }
    return out;
}

}  // namespace

std::string format_number(double v, int digits, bool unicode_minus) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return unicode_minus ? (v > 0 ? "\u221e" : "\u2212\u221e") : (v > 0 ? "inf" : "-inf");
    if (v == 0) return "0";  // -0 too: a sign without a magnitude only confuses
    digits = std::clamp(digits, 1, 9);
    // The decimal exponent after rounding to `digits` digits (9.9996e3 → 1.000e4).
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*e", digits - 1, v);
    const char* e = std::strchr(buf, 'e');
    const int exponent = e ? std::atoi(e + 1) : 0;
    std::string out;
    if (exponent < -3 || exponent >= 4) {
        std::string mantissa(buf, e ? size_t(e - buf) : std::strlen(buf));
        strip_zeros(mantissa);
        out = mantissa + "e" + std::to_string(exponent);
    } else {
        // The value rounded once (by %e), written with the decimals that end at
        // its last digit: 1234.5 at 2 digits is "1200", 0.73106 at 4 "0.7311".
        const double rounded = std::strtod(buf, nullptr);
        std::snprintf(buf, sizeof buf, "%.*f", std::max(0, digits - 1 - exponent), rounded);
        out = buf;
        strip_zeros(out);
    }
    return minus_sign(std::move(out), unicode_minus);
}

std::string format_number_fit(double v, float max_width, const TextWidth& width, bool unicode_minus, int max_digits) {
    for (int d = std::clamp(max_digits, 1, 9); d >= 1; --d) {
        std::string text = format_number(v, d, unicode_minus);
        if (width(text) <= max_width) return text;
        if (!std::isfinite(v) || v == 0) break;  // the same text at every d
    }
    return "";
}

std::string format_number_fit(double v, int max_chars, bool unicode_minus, int max_digits) {
    return format_number_fit(
        v, float(max_chars), [](std::string_view t) { return float(utf8_length(t)); }, unicode_minus, max_digits);
}

int utf8_length(std::string_view text) {
    int n = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace pg
