// pg/number_format.h: the one formatter of numbers drawn in fixed boxes.
// Regression (issue 17 §4): the diagram showed "δ −4.424" for −4.424399e-7 and
// "δ 1.971e" cut mid-number.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "pg/number_format.h"

namespace {

// The text read back as a number ('−' as '-').
double parse(const std::string& text) {
    std::string s;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\u2212") == 0) { s += '-'; i += 2; }
        else s += text[i];
    }
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    REQUIRE_MESSAGE(end == s.c_str() + s.size(), "not a whole number: " << s);
    return v;
}

int exponent_of(double v) { return int(std::floor(std::log10(std::fabs(v)))); }

// `text` reads as v to `digits` significant digits: within half a unit of the last digit.
void check_reads_as(const std::string& text, double v, int digits) {
    const double back = parse(text);
    const double unit = std::pow(10.0, exponent_of(v) - (digits - 1));
    CHECK_MESSAGE(std::fabs(back - v) <= 0.5 * unit * (1 + 1e-9), text << " for " << v);
    // Scientific exactly below 1e-3 and from 1e4 (of the rounded value).
    const bool scientific = text.find('e') != std::string::npos;
    const double a = std::fabs(back);
    CHECK_MESSAGE(scientific == (a < 1e-3 || a >= 1e4), text << " for " << v);
    if (scientific) {
        CHECK_MESSAGE(text.find("e+") == std::string::npos, text);
        CHECK_MESSAGE(text.find("e0") == std::string::npos, text);
        CHECK_MESSAGE(text.find("e-0") == std::string::npos, text);
        CHECK(std::stoi(text.substr(text.find('e') + 1)) == exponent_of(back));
    }
}

}  // namespace

TEST_CASE("format_number: 4 significant digits from 1e-30 to 1e30, the exponent always kept") {
    const double mantissas[] = {1.0, 1.234567, 4.424399, 9.99951, 5.0, 2.5, 7.0000001, 3.14159265};
    int checked = 0;
    for (int k = -30; k <= 30; ++k)
        for (double m : mantissas)
            for (double sign : {1.0, -1.0}) {
                const double v = sign * m * std::pow(10.0, k);
                const std::string text = pg::format_number(v);
                check_reads_as(text, v, 4);
                CHECK((text[0] == '-') == (sign < 0));
                // Never longer than sign + "d.ddd" + "e-NN".
                CHECK(text.size() <= 10);
                ++checked;
            }
    CHECK(checked == 61 * 8 * 2);
}

TEST_CASE("format_number: the issue's numbers and the edges of the notations") {
    CHECK(pg::format_number(-4.424399e-7) == "-4.424e-7");
    CHECK(pg::format_number(1.971234e-5) == "1.971e-5");
    CHECK(pg::format_number(0.7310586) == "0.7311");
    CHECK(pg::format_number(-0.016810) == "-0.01681");
    CHECK(pg::format_number(0.5) == "0.5");
    CHECK(pg::format_number(2.0) == "2");
    CHECK(pg::format_number(1234.6) == "1235");
    CHECK(pg::format_number(9999.4) == "9999");
    CHECK(pg::format_number(9999.6) == "1e4");      // rounds up into the scientific range
    CHECK(pg::format_number(12346.0) == "1.235e4");
    CHECK(pg::format_number(0.001) == "0.001");
    CHECK(pg::format_number(0.00099996) == "0.001");  // rounds up into the fixed range
    CHECK(pg::format_number(0.00099949) == "9.995e-4");
    CHECK(pg::format_number(1.5e12) == "1.5e12");
    CHECK(pg::format_number(-1e-30) == "-1e-30");
    CHECK(pg::format_number(1e30) == "1e30");
    CHECK(pg::format_number(-4.424399e-7, 4, true) == "\u22124.424e\u22127");
    CHECK(pg::format_number(0.7310586, 2) == "0.73");
    CHECK(pg::format_number(1234.5, 2) == "1200");
}

TEST_CASE("format_number: zero, negative zero, NaN and infinities") {
    CHECK(pg::format_number(0.0) == "0");
    CHECK(pg::format_number(-0.0) == "0");
    CHECK(pg::format_number(std::numeric_limits<double>::quiet_NaN()) == "NaN");
    CHECK(pg::format_number(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(pg::format_number(-std::numeric_limits<double>::infinity()) == "-inf");
    CHECK(pg::format_number(std::numeric_limits<double>::infinity(), 4, true) == "\u221e");
    CHECK(pg::format_number(-std::numeric_limits<double>::infinity(), 4, true) == "\u2212\u221e");
    // Subnormal and huge doubles keep their exponent.
    CHECK(pg::format_number(4.9e-324) == "4.941e-324");
    CHECK(pg::format_number(-1.7976931348623157e308) == "-1.798e308");
}

TEST_CASE("format_number_fit: a narrow box drops digits, never the exponent") {
    const double v = -4.424399e-7;
    CHECK(pg::format_number_fit(v, 20) == "-4.424e-7");
    CHECK(pg::format_number_fit(v, 9) == "-4.424e-7");
    CHECK(pg::format_number_fit(v, 8) == "-4.42e-7");
    CHECK(pg::format_number_fit(v, 7) == "-4.4e-7");
    CHECK(pg::format_number_fit(v, 5) == "-4e-7");
    CHECK(pg::format_number_fit(v, 4) == "");  // nothing rather than a cut number
    // Unicode minus counts as one character.
    CHECK(pg::format_number_fit(v, 7, true) == "\u22124.4e\u22127");
    CHECK(pg::utf8_length("\u22124.4e\u22127") == 7);
    // Fixed notation narrows by its decimals.
    CHECK(pg::format_number_fit(0.7310586, 5) == "0.731");
    CHECK(pg::format_number_fit(0.7310586, 3) == "0.7");
    CHECK(pg::format_number_fit(0.7310586, 2) == "");
    CHECK(pg::format_number_fit(0.0, 1) == "0");
    CHECK(pg::format_number_fit(std::nan(""), 2) == "");
    // A width measure (6 units per character, 9 for a wide '−'), as the UI's font measures.
    const pg::TextWidth measure = [](std::string_view t) {
        float w = 0;
        for (size_t i = 0; i < t.size(); ++i) {
            if (t.compare(i, 3, "\u2212") == 0) { w += 9; i += 2; }
            else w += 6;
        }
        return w;
    };
    CHECK(pg::format_number_fit(v, 60.0f, measure, true) == "\u22124.424e\u22127");  // 18 + 42
    CHECK(pg::format_number_fit(v, 50.0f, measure, true) == "\u22124.4e\u22127");    // 18 + 30 = 48
    CHECK(pg::format_number_fit(v, 10.0f, measure, true) == "");
    // Every fitted text of every magnitude still reads as the value to the digits it kept.
    for (int k = -30; k <= 30; ++k)
        for (int chars = 1; chars <= 10; ++chars) {
            const double x = -1.98765 * std::pow(10.0, k);
            const std::string text = pg::format_number_fit(x, chars);
            if (text.empty()) continue;
            CHECK(pg::utf8_length(text) <= chars);
            // Significant digits kept: those of the mantissa without leading zeros
            // (and, without a point, trailing ones: "2000" keeps 1).
            std::string m = text.substr(0, text.find('e'));
            const bool point = m.find('.') != std::string::npos;
            std::string d;
            for (char c : m) if (c >= '0' && c <= '9') d += c;
            d.erase(0, d.find_first_not_of('0'));
            if (!point) d.erase(d.find_last_not_of('0') + 1);
            const int digits = int(d.size());
            check_reads_as(text, x, std::max(1, std::min(4, digits)));
        }
}
