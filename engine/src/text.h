// Internal text helpers shared by the CSV, state-string and model parsers:
// strict number parsing (no locale, no hex, no inf/nan words), the shortest
// decimal that reads back as the same double, user text made safe to show in
// a message, and bounded reading of regular files.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pg::text {

// Strips spaces, tabs and CR/LF at both ends.
std::string_view trim(std::string_view s);

// A decimal number: [+-] digits [. digits] [(e|E) [+-] digits], at least one
// digit before the exponent. Returns nullopt for anything else (including
// "nan", "inf", "0x10", empty) and for results that overflow to ±Inf.
std::optional<double> parse_number(std::string_view s);

// An integer in int range written as a decimal number with no fraction
// ("12", "-3", "12.0" is accepted; "1.5" is not).
std::optional<int> parse_int(std::string_view s);

// The shortest text that parses back to exactly `v`: fixed notation for
// 1e-6 <= |v| < 1e21 (as JavaScript prints numbers: "0.00001"), else "%.{p}g".
// Deterministic on every C library with correctly rounded printf/strtod.
std::string format_number(double v);

// User text as shown inside a message: control characters (NUL, ESC, CR, ...,
// DEL) become \xNN (\n, \r, \t as such) and a backslash stays one, so a
// message never ends early at a NUL nor moves a terminal's cursor.
// Bytes >= 0x80 (UTF-8) are kept.
std::string escape(std::string_view s);

// Reads a whole regular file of at most max_bytes into `out`. Errors (without
// the path): "is a directory", "is not a regular file", "cannot open file",
// "file is N bytes, more than the limit of M", "cannot read file".
bool read_file(const std::string& path, size_t max_bytes, std::string& out, std::string& error);

}  // namespace pg::text
