#include "ui/numbers.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <imgui.h>

#include "pg/number_format.h"

namespace pgapp {
namespace {

// '-' → U+2212 (the font carries it; see fonts.cpp).
std::string unicode_minus(std::string s) {
    std::string out;
    out.reserve(s.size() + 4);
    for (char c : s) {
        if (c == '-') out += "\u2212";
        else out += c;
    }
    return out;
}

std::string non_finite(double v) {
    if (std::isnan(v)) return "NaN";
    return v > 0 ? "\u221e" : "\u2212\u221e";
}

}  // namespace

std::string fmt4(double v) { return pg::format_number(v, 4, true); }

std::string fmt_fit(double v, float max_width, ImFont* font, float size, bool ascii) {
    if (!font) font = ImGui::GetFont();
    if (size <= 0) size = ImGui::GetFontSize();
    return pg::format_number_fit(
        v, max_width, [&](std::string_view t) { return font->CalcTextSizeA(size, 1e9f, 0, t.data(), t.data() + t.size()).x; },
        !ascii);
}

std::string fmt_full_ascii(float v) {
    if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    char buf[40];
    // The fewest digits (1..9) that read back as exactly v: 9 always do for a float.
    for (int p = 1; p <= 9; ++p) {
        std::snprintf(buf, sizeof buf, "%.*g", p, double(v));
        if (std::strtof(buf, nullptr) == v) break;
    }
    return buf;
}

std::string fmt_full(float v) {
    if (!std::isfinite(v)) return non_finite(v);
    return unicode_minus(fmt_full_ascii(v));
}

std::optional<float> parse_typed_float(std::string_view text) {
    std::string s;
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\t') continue;
        // U+2212 MINUS SIGN (E2 88 92), as fmt_full writes it.
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x88 &&
            static_cast<unsigned char>(text[i + 2]) == 0x92) {
            s += '-';
            i += 2;
            continue;
        }
        const bool ok = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
        if (!ok) return std::nullopt;  // no hex, no "inf"/"nan" words, no commas
        s += char(c);
    }
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const float v = std::strtof(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

}  // namespace pgapp
