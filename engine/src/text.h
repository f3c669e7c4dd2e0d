// Internal text helpers shared by the CSV and state-string parsers: strict
// number parsing (no locale, no hex, no inf/nan words) and the shortest
// decimal that reads back as the same double.
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

}  // namespace pg::text
