// Text helpers (see text.h).
#include "text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace pg::text {

std::string_view trim(std::string_view s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::optional<double> parse_number(std::string_view s) {
    constexpr size_t kMaxLength = 64;
    if (s.empty() || s.size() >= kMaxLength) return std::nullopt;
    // Validate the grammar ourselves: strtod would also take "inf", "nan", hex.
    size_t i = 0;
    auto digits = [&] {
        const size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        return i - start;
    };
    if (s[i] == '+' || s[i] == '-') ++i;
    size_t mantissa_digits = digits();
    if (i < s.size() && s[i] == '.') {
        ++i;
        mantissa_digits += digits();
    }
    if (mantissa_digits == 0) return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (digits() == 0) return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    char buf[kMaxLength];
    std::memcpy(buf, s.data(), s.size());
    buf[s.size()] = '\0';
    const double v = std::strtod(buf, nullptr);
    if (!std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<int> parse_int(std::string_view s) {
    const std::optional<double> v = parse_number(s);
    if (!v || *v != std::floor(*v) || *v < -2147483648.0 || *v > 2147483647.0) return std::nullopt;
    return int(*v);
}

std::string format_number(double v) {
    if (!std::isfinite(v)) return v != v ? "nan" : (v > 0 ? "inf" : "-inf");
    if (v == 0) return "0";  // also for -0: the state string has no use for a signed zero
    char buf[64];
    const double a = std::fabs(v);
    if (a >= 1e-6 && a < 1e21) {
        // Fixed notation like JavaScript's Number#toString ("0.00001", not "1e-05"),
        // so the reference's own values serialise as it writes them.
        for (int decimals = 0; decimals <= 30; ++decimals) {
            std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
            if (std::strtod(buf, nullptr) == v) return buf;
        }
    }
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

}  // namespace pg::text
