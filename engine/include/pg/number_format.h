// pg/number_format.h — numbers written into a box of fixed width (the lab's
// diagram, its tables and panel): one formatter, so that a number is never
// cut and never loses its magnitude.
//
// Index
//   format_number      v with `digits` significant digits (default 4)
//   format_number_fit  the most digits (4 down to 1) whose text fits a width
//
// Rules (format_number):
//   - fixed notation from 1e-3 up to 1e4 (after rounding): "0.7311",
//     "-0.01681", "1235", "0.001"; trailing zeros dropped ("0.5", "2");
//   - scientific below 1e-3 and from 1e4: "-4.424e-7", "1.5e12" (no '+',
//     no leading zeros in the exponent);
//   - 0 and -0 both read "0"; NaN reads "NaN", ±Inf "inf" / "-inf"
//     ("∞" / "−∞" with unicode_minus).
//   - unicode_minus: '-' is written as U+2212 (−), in the mantissa and the
//     exponent, as the UI draws it.
// Narrowing (format_number_fit) drops digits, never the exponent: a box too
// narrow for "-4.424e-7" gets "-4.42e-7", then "-4.4e-7", then "-4e-7"; a box
// too narrow for even one digit gets "" (draw nothing rather than a cut number).
// Nothing here allocates beyond the returned string.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace pg {

// v with `digits` (1..9) significant digits, following the rules above.
std::string format_number(double v, int digits = 4, bool unicode_minus = false);

// Width of a text in the caller's unit (pixels of a font, characters...).
using TextWidth = std::function<float(std::string_view text)>;

// The text of format_number(v, d) for the largest d ≤ max_digits whose
// width(text) ≤ max_width; "" if not even d = 1 fits.
std::string format_number_fit(double v, float max_width, const TextWidth& width, bool unicode_minus = false,
                              int max_digits = 4);
// The same with the width counted in characters (UTF-8 code points).
std::string format_number_fit(double v, int max_chars, bool unicode_minus = false, int max_digits = 4);

// Characters (UTF-8 code points) of a text: "−4.4e−7" has 7.
int utf8_length(std::string_view text);

}  // namespace pg
