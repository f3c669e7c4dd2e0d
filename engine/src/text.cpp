// Text helpers (see text.h).
#include "text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

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

std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u != 0x7f) {
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(u));
            out += buf;
        }
    }
    return out;
}

bool read_file(const std::string& path, size_t max_bytes, std::string& out, std::string& error) {
    // Only regular files: a directory reads as a huge size or as nothing, and
    // /dev/zero or a pipe never ends.
    std::error_code ec;
    const std::filesystem::file_status st = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(st)) {
        error = "cannot open file";
        return false;
    }
    if (std::filesystem::is_directory(st)) {
        error = "is a directory";
        return false;
    }
    if (!std::filesystem::is_regular_file(st)) {
        error = "is not a regular file";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open file";
        return false;
    }
    // Read at most max_bytes + 1, whatever the size says (the file may grow).
    out.assign(max_bytes + 1 < (1u << 16) ? max_bytes + 1 : (1u << 16), '\0');
    size_t got = 0;
    while (in && got <= max_bytes) {
        if (got == out.size()) out.resize(std::min(out.size() * 2, max_bytes + 1));
        in.read(out.data() + got, std::streamsize(out.size() - got));
        got += size_t(in.gcount());
    }
    if (got > max_bytes) {
        const uintmax_t size = std::filesystem::file_size(path, ec);
        error = "file is " + (ec ? std::string("over ") + std::to_string(max_bytes) : std::to_string(size)) +
                " bytes, more than the limit of " + std::to_string(max_bytes);
        out.clear();
        return false;
    }
    if (in.bad()) {
        error = "cannot read file";
        out.clear();
        return false;
    }
    out.resize(got);
    return true;
}

}  // namespace pg::text
