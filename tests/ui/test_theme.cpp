// The themes of the UI (web/ui/theme.h), checked from their own tables:
//   - every text / background pair a theme draws reaches WCAG 2.1 AA contrast
//     (4.5 : 1 text, 3 : 1 large text and graphics), computed from relative
//     luminance, alphas blended as they are drawn;
//   - the orange/blue scale stays readable with red-green colour blindness:
//     its ends and midpoints simulated for protanopia and deuteranopia
//     (Machado, Oliveira & Fernandes 2009, severity 1, in linear RGB) stay far
//     apart in CIELAB (ΔE*ab, CIE76) and in lightness L*;
//   - `theme=` and the system settings choose the theme as documented.
// A native program of its own (pg_ui_tests, web/CMakeLists.txt): it links the
// UI's theme.cpp and ImGui, which the engine's pg_tests never does.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/theme.h"

namespace {

using pgapp::ThemeId;

double ratio(const pgapp::ContrastPair& p) {
    const ImU32 bg = pgapp::blend_over(p.bg, p.under);
    return pgapp::contrast_ratio(pgapp::blend_over(p.fg, bg), bg);
}

// ---- Colour blindness ---------------------------------------------------------------

using Vec3 = std::array<double, 3>;
using Mat3 = std::array<Vec3, 3>;

// Machado et al. 2009, severity 1.0, applied to linear RGB.
constexpr Mat3 kProtanopia = {{{0.152286, 1.052583, -0.204868},
                               {0.114503, 0.786281, 0.099216},
                               {-0.003882, -0.048116, 1.051998}}};
constexpr Mat3 kDeuteranopia = {{{0.367322, 0.860646, -0.227968},
                                 {0.280085, 0.672501, 0.047413},
                                 {-0.011820, 0.042940, 0.968881}}};

double to_linear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

Vec3 linear_rgb(ImU32 c) {
    return {to_linear(((c >> IM_COL32_R_SHIFT) & 0xff) / 255.0), to_linear(((c >> IM_COL32_G_SHIFT) & 0xff) / 255.0),
            to_linear(((c >> IM_COL32_B_SHIFT) & 0xff) / 255.0)};
}

Vec3 simulate(const Mat3& m, const Vec3& rgb) {
    Vec3 out{};
    for (int i = 0; i < 3; ++i)
        out[i] = std::clamp(m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2], 0.0, 1.0);
    return out;
}

// Linear sRGB → CIELAB (D65).
Vec3 lab(const Vec3& rgb) {
    const double x = 0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2];
    const double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
    const double z = 0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2];
    auto f = [](double t) { return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0; };
    const double fx = f(x / 0.95047), fy = f(y), fz = f(z / 1.08883);
    return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

double delta_e(const Vec3& a, const Vec3& b) {
    return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

// The scale's colour at v ∈ [−1, 1], as diverging_color and the shader mix it.
ImU32 scale_at(const pgapp::Palette& p, double v) {
    const ImU32 end = v < 0 ? p.negative : p.positive;
    const double t = std::fabs(v);
    auto ch = [&](int shift) {
        const double a = (p.neutral >> shift) & 0xff, b = (end >> shift) & 0xff;
        return ImU32(std::lround(a + (b - a) * t)) << shift;
    };
    return ch(IM_COL32_R_SHIFT) | ch(IM_COL32_G_SHIFT) | ch(IM_COL32_B_SHIFT) | IM_COL32_A_MASK;
}

}  // namespace

TEST_CASE("every text and graphic pair of every theme reaches WCAG AA contrast") {
    for (int t = 0; t < pgapp::kNumThemeIds; ++t) {
        const ThemeId id = ThemeId(t);
        const std::vector<pgapp::ContrastPair> pairs = pgapp::theme_contrast_pairs(id);
        REQUIRE(pairs.size() >= 50);
        double min_text = 21, min_graphic = 21;
        const char *worst_text = "", *worst_graphic = "";
        for (const pgapp::ContrastPair& p : pairs) {
            const double r = ratio(p);
            const std::string what = std::string(pgapp::theme_id_name(id)) + ": " + p.what + " is " +
                                     std::to_string(r) + " : 1, needs " + std::to_string(p.min);
            CHECK_MESSAGE(r >= p.min, what);
            if (p.min > 4.0f && r < min_text) { min_text = r; worst_text = p.what; }
            if (p.min < 4.0f && r < min_graphic) { min_graphic = r; worst_graphic = p.what; }
        }
        std::printf("contrast %-8s %2zu pairs: text min %.2f (%s), graphics min %.2f (%s)\n", pgapp::theme_id_name(id),
                    pairs.size(), min_text, worst_text, min_graphic, worst_graphic);
    }
}

TEST_CASE("contrast ratios: WCAG's own end points and a known grey") {
    CHECK(pgapp::contrast_ratio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(21.0).epsilon(1e-9));
    CHECK(pgapp::contrast_ratio(IM_COL32(255, 255, 255, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(1.0));
    // #767676 on white is the lightest grey that passes 4.5 : 1 (4.54).
    CHECK(pgapp::contrast_ratio(IM_COL32(0x76, 0x76, 0x76, 255), IM_COL32_WHITE) == doctest::Approx(4.54).epsilon(0.005));
    // The measurement: ImGui's default disabled grey #999 on the old window colour, 2.6 : 1.
    CHECK(pgapp::contrast_ratio(IM_COL32(0x99, 0x99, 0x99, 255), IM_COL32(247, 247, 250, 255)) < 2.7);
    // Half-transparent black over white is mid grey (#7f7f7f: 4.0 : 1 against white).
    const ImU32 grey = pgapp::blend_over(IM_COL32(0, 0, 0, 128), IM_COL32_WHITE);
    CHECK(grey == IM_COL32(127, 127, 127, 255));
    CHECK(pgapp::contrast_ratio(grey, IM_COL32_WHITE) == doctest::Approx(4.0).epsilon(0.01));
}

TEST_CASE("the orange/blue scale reads with protanopia and deuteranopia") {
    const std::array<std::pair<const char*, const Mat3*>, 2> kinds = {{{"protanopia", &kProtanopia},
                                                                        {"deuteranopia", &kDeuteranopia}}};
    for (int t = 0; t < pgapp::kNumThemeIds; ++t) {
        const pgapp::Palette& p = pgapp::palette(ThemeId(t));
        for (const auto& [name, m] : kinds) {
            auto seen = [&](double v) { return lab(simulate(*m, linear_rgb(scale_at(p, v)))); };
            const Vec3 neg = seen(-1), neg_half = seen(-0.5), mid = seen(0), pos_half = seen(0.5), pos = seen(1);
            const double ends = delta_e(neg, pos), halves = delta_e(neg_half, pos_half);
            const double to_neg = delta_e(mid, neg_half), to_pos = delta_e(mid, pos_half);
            std::printf("%-8s %-12s orange/blue: dE %.0f, L* %.0f vs %.0f (dL* %.0f); at +-0.5: dE %.0f; neutral to "
                        "+-0.5: dE %.0f / %.0f\n",
                        p.name, name, ends, neg[0], pos[0], std::fabs(neg[0] - pos[0]), halves, to_neg, to_pos);
            // The two ends stay far apart (ΔE 2.3 is a just-noticeable
            // difference; above ~40 two colours are plainly different: the
            // yellow-blue axis survives both deficiencies), so do the two
            // halves, and both halves stay clear of the neutral middle.
            const std::string where = std::string(p.name) + " " + name;
            CHECK_MESSAGE(ends >= 40, where);
            CHECK_MESSAGE(halves >= 20, where);
            CHECK_MESSAGE(std::min(to_neg, to_pos) >= 10, where);
        }
    }
}

TEST_CASE("theme= overrides the system; auto follows it, more contrast before dark") {
    using pg::Theme;
    const pgapp::SystemSettings light{}, dark{true, false, false}, contrast{false, true, false}, both{true, true, false};
    CHECK(pgapp::theme_for(Theme::kAuto, light) == ThemeId::kLight);
    CHECK(pgapp::theme_for(Theme::kAuto, dark) == ThemeId::kDark);
    CHECK(pgapp::theme_for(Theme::kAuto, contrast) == ThemeId::kContrast);
    CHECK(pgapp::theme_for(Theme::kAuto, both) == ThemeId::kContrast);
    CHECK(pgapp::theme_for(Theme::kLight, both) == ThemeId::kLight);
    CHECK(pgapp::theme_for(Theme::kDark, light) == ThemeId::kDark);
    CHECK(pgapp::theme_for(Theme::kContrast, dark) == ThemeId::kContrast);
    for (int t = 0; t < pgapp::kNumThemeIds; ++t)
        CHECK(std::string(pgapp::theme_id_name(ThemeId(t))) == pgapp::palette(ThemeId(t)).name);
}
