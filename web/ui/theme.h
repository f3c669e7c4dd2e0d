// web/ui/theme.h — the UI's colours: three themes (light, dark, high
// contrast), each one table of colours (a Palette) that every panel, the
// heatmap shader and the GL clear colour read, and the ImGui style made from it.
//
// Index
//   ThemeId, theme_for         the themes; which one `theme=` and the system settings choose
//   Palette, palette           a theme's colours; the current one (like ImGui's style: one per UI)
//   use_theme, apply_theme     switch themes; rebuild the style at a UI scale
//   diverging_color, class_color  the data colours of the current theme
//   ContrastPair, theme_contrast_pairs, contrast_ratio  what the contrast test checks
//
// The diverging scale is TensorFlow Playground's: orange (−1) → neutral (0) →
// blue (+1). Light keeps the reference's colours; dark and contrast keep the
// hues and put a dark neutral in the middle. Lines that carry meaning (links,
// curves, axes, focus) use `line_*` colours, which reach 3 : 1 against what
// they are drawn on; every text colour reaches 4.5 : 1 against every surface
// it is drawn on (WCAG 2.1 AA, 1.4.3 and 1.4.11): theme_contrast_pairs lists
// those pairs from these tables, and tests/ui/test_theme.cpp checks them.
#pragma once
#include <imgui.h>

#include <vector>

#include "pg/state.h"

namespace pgapp {

enum class ThemeId : uint8_t { kLight, kDark, kContrast };
inline constexpr int kNumThemeIds = 3;

// What the platform reports (main.cpp: matchMedia in the page, environment
// variables on the desktop).
struct SystemSettings {
    bool dark = false;            // prefers-color-scheme: dark
    bool more_contrast = false;   // prefers-contrast: more, or forced-colors: active
    bool reduced_motion = false;  // prefers-reduced-motion: reduce
};

// The theme `theme=` asks for; auto follows the system (more contrast wins over dark).
ThemeId theme_for(pg::Theme wanted, const SystemSettings& system);
const char* theme_id_name(ThemeId id);  // "light", "dark", "contrast"

struct Palette {
    const char* name;
    // Surfaces.
    ImU32 bg;            // the window (and the GL clear colour): panels draw on it
    ImU32 surface;       // plots, charts, thumbnails, activation plots
    ImU32 popup;         // menus and tooltips
    ImU32 frame, frame_hover;  // combos, sliders, text fields
    ImU32 button, button_hover, button_active;
    ImU32 header, header_hover;  // chosen and hovered rows of a menu
    ImU32 border;
    ImU32 grid;          // faint grid lines and plot frames (decoration)
    // Text.
    ImU32 text;
    ImU32 text_muted;    // captions, "Epoch", the shape, the status line, accuracy, off features
    ImU32 axis;          // axes, ticks and their labels (text: 4.5 : 1)
    ImU32 ink;           // strongest foreground: chosen thumbnail, bias dots, node numbers
    ImU32 label_bg;      // translucent box under text drawn on a heatmap (alpha counts)
    // Data.
    ImU32 negative, neutral, positive;  // the heatmaps' diverging scale
    ImU32 heatmap_base;                 // what a faded heatmap blends into
    ImU32 line_negative, line_positive; // links, f and f′, per-layer curves (lines and their labels)
    ImU32 chart_train, chart_test;      // loss curves and their legend
    ImU32 point_ring_train, point_ring_test;  // outlines of data points on a heatmap
    ImU32 non_finite;                   // NaN and ±∞ on the scale
    // States and notices.
    ImU32 accent;        // slider grabs, check marks, the keyboard focus ring
    ImU32 play_bg, play_text, pause_bg, pause_text;
    ImU32 toggle_on;     // a pressed toggle (Inspect while the lab is open, Draw)
    ImU32 notice_bg, error_bg, phase_bg;  // notices, divergence, the lab's phase box
    ImU32 layer_highlight;                // the lab's current layer (alpha counts)
    ImU32 good, warn, bad;                // gradient check, refused input (text and links)
    float disabled_alpha;                 // ImGui's greyed-out items
    float frame_border;                   // 1: every frame and button outlined (contrast)
};

// The current theme's palette (light until use_theme says otherwise).
const Palette& palette();
const Palette& palette(ThemeId id);
ThemeId current_theme();

// Switches to `id` (rebuilding the style at the last scale); false if it was current.
bool use_theme(ThemeId id);
// The style of the current theme, its sizes (padding, rounding) times `scale`
// (the UI scale, see fonts.h): applied at start and when the scale changes.
void apply_theme(float scale = 1.0f);

// The colour of a value in [-1, 1] on the diverging scale (clamped).
ImU32 diverging_color(float value, float alpha = 1.0f);
// The same scale with the line colours at its ends (links: 3 : 1 at full weight).
ImU32 line_color(float value, float alpha = 1.0f);
// A distinct colour for class k of a multi-class problem.
ImU32 class_color(int k, float alpha = 1.0f);
// a + (b − a)·t, opaque.
ImU32 mix_colors(ImU32 a, ImU32 b, float t);
// `c` with its alpha replaced (0..255).
inline ImU32 with_alpha(ImU32 c, unsigned alpha) { return (c & ~IM_COL32_A_MASK) | (ImU32(alpha) << IM_COL32_A_SHIFT); }

// ---- Contrast (WCAG 2.1) ---------------------------------------------------------

// One colour drawn on another: `fg` over `bg` (alphas blended in order over
// `under`, the surface below a translucent background), and the minimum
// ratio it must reach: 4.5 text, 3 large text and graphics.
struct ContrastPair {
    const char* what;
    ImU32 fg, bg, under;
    float min;
};
// Every text and meaningful-graphic pair the theme draws.
std::vector<ContrastPair> theme_contrast_pairs(ThemeId id);
// WCAG relative luminance of an opaque colour, and the contrast of two (1..21).
double relative_luminance(ImU32 c);
double contrast_ratio(ImU32 a, ImU32 b);
// `fg` over `bg` by fg's alpha (opaque result).
ImU32 blend_over(ImU32 fg, ImU32 bg);

}  // namespace pgapp
