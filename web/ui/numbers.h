// web/ui/numbers.h — how the lab writes numbers: 4 significant digits on the
// diagram (pg/number_format.h's rules; a box too narrow drops digits, never
// the exponent), the shortest text that reads back to the same float in tooltips
// and tables (a typed 0.1 shows as 0.1, not 0.100000001), and a real minus
// sign (−) so that formulas read like the lecture's.
#pragma once
#include <optional>
#include <string>
#include <string_view>

struct ImFont;

namespace pgapp {

// "0.7311", "−0.01681", "1.5e−5"; "NaN" / "∞" for non-finite values.
std::string fmt4(double v);
// The most digits (4 down to 1) of v whose text is at most max_width pixels
// wide in `font` at `size` (the current font and size when null/0): the one
// way to write a number into a fixed box. "" if not even one digit fits.
// ascii: '-' instead of '−' (for the text of an input field).
std::string fmt_fit(double v, float max_width, ImFont* font = nullptr, float size = 0, bool ascii = false);
// Shortest round-trip text of a float: "0.1", "−0.052345678".
std::string fmt_full(float v);
// The same with ASCII '-' (for text a user edits and for the CSV/JSON side).
std::string fmt_full_ascii(float v);
// A number as a user types it: optional spaces, '-', '−' or '+', decimal
// digits, '.', exponent. nullopt if it is not a finite float.
std::optional<float> parse_typed_float(std::string_view text);

}  // namespace pgapp
