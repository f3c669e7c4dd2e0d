#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace pgapp {
namespace {

// 0xRRGGBB (and an alpha) as ImGui's packed colour.
constexpr ImU32 rgb(uint32_t hex, uint32_t alpha = 255) {
    return IM_COL32((hex >> 16) & 0xff, (hex >> 8) & 0xff, hex & 0xff, alpha);
}

// The three themes. Light is the reference's look with its greys darkened to
// pass; dark keeps the data's hues on dark greys; contrast is black, white and
// saturated colours, with every frame outlined.
constexpr Palette kPalettes[kNumThemeIds] = {
    {
        .name = "light",
        .bg = rgb(0xf7f7fa), .surface = rgb(0xffffff), .popup = rgb(0xffffff),
        .frame = rgb(0xebedf2), .frame_hover = rgb(0xdde3ee),
        .button = rgb(0xe6e8ed), .button_hover = rgb(0xfccc94), .button_active = rgb(0xf59421),
        .header = rgb(0xfcd9ad), .header_hover = rgb(0xfccc94),
        .border = rgb(0xc8cad0), .grid = rgb(0xe6e8ec),
        .text = rgb(0x3c4046), .text_muted = rgb(0x5c6068), .axis = rgb(0x5c6068), .ink = rgb(0x141414),
        .label_bg = rgb(0xffffff, 215),
        .negative = rgb(0xf59322), .neutral = rgb(0xe8eaeb), .positive = rgb(0x0877bd),
        .heatmap_base = rgb(0xffffff),
        .line_negative = rgb(0xad5a00), .line_positive = rgb(0x0a6fb0),
        .chart_train = rgb(0x6f7378), .chart_test = rgb(0x1e1e1e),
        .point_ring_train = rgb(0xffffff), .point_ring_test = rgb(0x282828),
        .non_finite = rgb(0xc80050),
        .accent = rgb(0x0a6fb0),
        .play_bg = rgb(0xf59322), .play_text = rgb(0x141414), .pause_bg = rgb(0x0877bd), .pause_text = rgb(0xffffff),
        .toggle_on = rgb(0xffde8c),
        .notice_bg = rgb(0xfff3cd), .error_bg = rgb(0xfde2e2), .phase_bg = rgb(0xfff8dc),
        .layer_highlight = rgb(0xffecaa, 160),
        .good = rgb(0x1e7a3c), .warn = rgb(0xa86400), .bad = rgb(0xc42020),
        .disabled_alpha = 0.75f, .frame_border = 0.0f,
    },
    {
        .name = "dark",
        .bg = rgb(0x1b1e23), .surface = rgb(0x23272e), .popup = rgb(0x2a2f37),
        .frame = rgb(0x30353e), .frame_hover = rgb(0x3a414c),
        .button = rgb(0x363c46), .button_hover = rgb(0x5c4830), .button_active = rgb(0x7a5522),
        .header = rgb(0x4e3d27), .header_hover = rgb(0x5c4830),
        .border = rgb(0x4a505a), .grid = rgb(0x30353d),
        .text = rgb(0xe8eaed), .text_muted = rgb(0xaab0b9), .axis = rgb(0xa3aab4), .ink = rgb(0xf2f4f7),
        .label_bg = rgb(0x16181c, 215),
        .negative = rgb(0xf59322), .neutral = rgb(0x2c3139), .positive = rgb(0x2e90d6),
        .heatmap_base = rgb(0x23272e),
        .line_negative = rgb(0xf59322), .line_positive = rgb(0x4aa8ea),
        .chart_train = rgb(0xa3aab4), .chart_test = rgb(0xf2f4f7),
        .point_ring_train = rgb(0x16181c), .point_ring_test = rgb(0xf2f4f7),
        .non_finite = rgb(0xff5c9d),
        .accent = rgb(0x4aa8ea),
        .play_bg = rgb(0xf59322), .play_text = rgb(0x141414), .pause_bg = rgb(0x4aa8ea), .pause_text = rgb(0x101214),
        .toggle_on = rgb(0x6b5320),
        .notice_bg = rgb(0x3b3320), .error_bg = rgb(0x4a2428), .phase_bg = rgb(0x332d1c),
        .layer_highlight = rgb(0xffdc78, 40),
        .good = rgb(0x5cc87a), .warn = rgb(0xe0a53a), .bad = rgb(0xff8080),
        .disabled_alpha = 0.7f, .frame_border = 0.0f,
    },
    {
        .name = "contrast",
        .bg = rgb(0x000000), .surface = rgb(0x000000), .popup = rgb(0x000000),
        .frame = rgb(0x000000), .frame_hover = rgb(0x2b2b2b),
        .button = rgb(0x000000), .button_hover = rgb(0x3a3a3a), .button_active = rgb(0x5a4000),
        .header = rgb(0x1f3f7a), .header_hover = rgb(0x3a3a3a),
        .border = rgb(0xffffff), .grid = rgb(0x4a4a4a),
        .text = rgb(0xffffff), .text_muted = rgb(0xe0e0e0), .axis = rgb(0xffffff), .ink = rgb(0xffffff),
        .label_bg = rgb(0x000000, 235),
        .negative = rgb(0xff9a2e), .neutral = rgb(0x000000), .positive = rgb(0x3fa9ff),
        .heatmap_base = rgb(0x000000),
        .line_negative = rgb(0xffa64d), .line_positive = rgb(0x5cb8ff),
        .chart_train = rgb(0xffd24d), .chart_test = rgb(0xffffff),
        .point_ring_train = rgb(0x000000), .point_ring_test = rgb(0xffffff),
        .non_finite = rgb(0xff66b2),
        .accent = rgb(0xffff00),
        .play_bg = rgb(0xffa64d), .play_text = rgb(0x000000), .pause_bg = rgb(0x5cb8ff), .pause_text = rgb(0x000000),
        .toggle_on = rgb(0x5a4000),
        .notice_bg = rgb(0x000000), .error_bg = rgb(0x3a0000), .phase_bg = rgb(0x1a1a1a),
        .layer_highlight = rgb(0xffff00, 45),
        .good = rgb(0x66ff8c), .warn = rgb(0xffd24d), .bad = rgb(0xff7070),
        .disabled_alpha = 0.8f, .frame_border = 1.0f,
    },
};

// Multi-class colours (Tableau-like); the first two are the scale's ends.
constexpr ImU32 kClassColors[8] = {rgb(0xf59322), rgb(0x0877bd), rgb(0x40a848), rgb(0xc43e96),
                                   rgb(0x8c564b), rgb(0x7f7f7f), rgb(0xbcbd22), rgb(0x17becf)};

ThemeId g_theme = ThemeId::kLight;
float g_scale = 1.0f;

ImVec4 to_vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

ImU32 mix(ImU32 a, ImU32 b, float t, float alpha) {
    const ImVec4 x = to_vec(a), y = to_vec(b);
    return ImGui::ColorConvertFloat4ToU32(
        ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, alpha));
}

ImU32 scale_color(float value, float alpha, ImU32 neg, ImU32 mid, ImU32 pos, ImU32 bad) {
    if (!std::isfinite(value)) return bad;
    const float v = std::clamp(value, -1.0f, 1.0f);
    return v < 0 ? mix(mid, neg, -v, alpha) : mix(mid, pos, v, alpha);
}

double channel(unsigned v) {
    const double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace

ThemeId theme_for(pg::Theme wanted, const SystemSettings& system) {
    switch (wanted) {
        case pg::Theme::kLight: return ThemeId::kLight;
        case pg::Theme::kDark: return ThemeId::kDark;
        case pg::Theme::kContrast: return ThemeId::kContrast;
        case pg::Theme::kAuto: break;
    }
    if (system.more_contrast) return ThemeId::kContrast;
    return system.dark ? ThemeId::kDark : ThemeId::kLight;
}

const char* theme_id_name(ThemeId id) { return kPalettes[int(id)].name; }

const Palette& palette() { return kPalettes[int(g_theme)]; }
const Palette& palette(ThemeId id) { return kPalettes[int(id)]; }
ThemeId current_theme() { return g_theme; }

bool use_theme(ThemeId id) {
    if (id == g_theme) return false;
    g_theme = id;
    apply_theme(g_scale);
    return true;
}

void apply_theme(float scale) {
    g_scale = scale;
    const Palette& p = palette();
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();  // sizes back to 1× before ScaleAllSizes below
    if (g_theme == ThemeId::kLight) ImGui::StyleColorsLight();
    else ImGui::StyleColorsDark();
    s.WindowRounding = 6.0f;
    s.FrameRounding = 4.0f;
    s.GrabRounding = 4.0f;
    s.ChildRounding = 6.0f;
    s.PopupRounding = 4.0f;
    s.WindowPadding = ImVec2(12, 10);
    s.FramePadding = ImVec2(8, 5);  // frames 25 px high: WCAG 2.2's 24 px target minimum
    s.ItemSpacing = ImVec2(8, 6);
    s.WindowBorderSize = 0.0f;
    s.FrameBorderSize = p.frame_border;
    s.PopupBorderSize = 1.0f;
    s.DisabledAlpha = p.disabled_alpha;
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = to_vec(p.bg);
    c[ImGuiCol_ChildBg] = to_vec(p.surface);
    c[ImGuiCol_PopupBg] = to_vec(p.popup);
    c[ImGuiCol_Text] = to_vec(p.text);
    c[ImGuiCol_TextDisabled] = to_vec(p.text_muted);
    c[ImGuiCol_Border] = to_vec(p.border);
    c[ImGuiCol_Separator] = to_vec(p.border);
    c[ImGuiCol_Button] = to_vec(p.button);
    c[ImGuiCol_ButtonHovered] = to_vec(p.button_hover);
    c[ImGuiCol_ButtonActive] = to_vec(p.button_active);
    c[ImGuiCol_FrameBg] = to_vec(p.frame);
    c[ImGuiCol_FrameBgHovered] = to_vec(p.frame_hover);
    c[ImGuiCol_FrameBgActive] = to_vec(p.frame_hover);
    c[ImGuiCol_Header] = to_vec(p.header);
    c[ImGuiCol_HeaderHovered] = to_vec(p.header_hover);
    c[ImGuiCol_HeaderActive] = to_vec(p.header_hover);
    c[ImGuiCol_SliderGrab] = to_vec(p.line_negative);
    c[ImGuiCol_SliderGrabActive] = to_vec(p.line_negative);
    c[ImGuiCol_CheckMark] = to_vec(p.accent);
    c[ImGuiCol_NavHighlight] = to_vec(p.accent);
    c[ImGuiCol_ScrollbarBg] = to_vec(p.bg);
    c[ImGuiCol_TableHeaderBg] = to_vec(p.frame);
    c[ImGuiCol_TableBorderStrong] = to_vec(p.border);
    c[ImGuiCol_TableBorderLight] = to_vec(p.grid);
    c[ImGuiCol_TextSelectedBg] = to_vec(p.header);
    if (scale != 1.0f) s.ScaleAllSizes(scale);
}

ImU32 diverging_color(float value, float alpha) {
    const Palette& p = palette();
    return scale_color(value, alpha, p.negative, p.neutral, p.positive, p.non_finite);
}

ImU32 line_color(float value, float alpha) {
    const Palette& p = palette();
    return scale_color(value, alpha, p.line_negative, p.neutral, p.line_positive, p.non_finite);
}

ImU32 mix_colors(ImU32 a, ImU32 b, float t) { return mix(a, b, t, 1.0f); }

ImU32 class_color(int k, float alpha) {
    ImVec4 c = to_vec(kClassColors[((k % 8) + 8) % 8]);
    c.w = alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

// ---- Contrast ---------------------------------------------------------------------------

double relative_luminance(ImU32 c) {
    return 0.2126 * channel((c >> IM_COL32_R_SHIFT) & 0xff) + 0.7152 * channel((c >> IM_COL32_G_SHIFT) & 0xff) +
           0.0722 * channel((c >> IM_COL32_B_SHIFT) & 0xff);
}

double contrast_ratio(ImU32 a, ImU32 b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImU32 blend_over(ImU32 fg, ImU32 bg) {
    const float a = float((fg >> IM_COL32_A_SHIFT) & 0xff) / 255.0f;
    return mix(bg, fg | IM_COL32_A_MASK, a, 1.0f);
}

std::vector<ContrastPair> theme_contrast_pairs(ThemeId id) {
    const Palette& p = palette(id);
    constexpr float kText = 4.5f, kGraphic = 3.0f;
    const ImU32 disabled = (p.text & ~IM_COL32_A_MASK) | (ImU32(p.disabled_alpha * 255.0f + 0.5f) << IM_COL32_A_SHIFT);
    const ImU32 mid_line = mix(p.line_negative, p.line_positive, 0.5f, 1.0f);  // the per-layer curves between
    std::vector<ContrastPair> pairs = {
        // Text on every surface it is drawn on.
        {"text on the window", p.text, p.bg, p.bg, kText},
        {"text on plots and charts", p.text, p.surface, p.surface, kText},
        {"text in menus and tooltips", p.text, p.popup, p.popup, kText},
        {"text in a field", p.text, p.frame, p.frame, kText},
        {"text in a hovered field", p.text, p.frame_hover, p.frame_hover, kText},
        {"text on a button", p.text, p.button, p.button, kText},
        {"text on a hovered button", p.text, p.button_hover, p.button_hover, kText},
        {"text on a pressed button", p.text, p.button_active, p.button_active, kText},
        {"text on a chosen row", p.text, p.header, p.header, kText},
        {"text on a hovered row", p.text, p.header_hover, p.header_hover, kText},
        {"text on a pressed toggle", p.text, p.toggle_on, p.toggle_on, kText},
        {"text in a notice", p.text, p.notice_bg, p.notice_bg, kText},
        {"text in the divergence notice", p.text, p.error_bg, p.error_bg, kText},
        {"text in the lab's phase box", p.text, p.phase_bg, p.phase_bg, kText},
        {"text on the lab's current layer", p.text, p.layer_highlight, p.bg, kText},
        {"disabled text in a menu", disabled, p.popup, p.popup, kText},
        {"disabled text in a field", disabled, p.frame, p.frame, kText},
        {"text on a label over orange", p.text, p.label_bg, p.negative, kText},
        {"text on a label over blue", p.text, p.label_bg, p.positive, kText},
        {"text on a label over the neutral", p.text, p.label_bg, p.neutral, kText},
        {"Play", p.play_text, p.play_bg, p.play_bg, kText},
        {"Pause", p.pause_text, p.pause_bg, p.pause_bg, kText},
        // Grey (secondary) text: captions, Epoch, the shape, accuracy, off features, the status line.
        {"muted text on the window", p.text_muted, p.bg, p.bg, kText},
        {"muted text on plots", p.text_muted, p.surface, p.surface, kText},
        {"muted text in menus and tooltips", p.text_muted, p.popup, p.popup, kText},
        {"muted text in a field", p.text_muted, p.frame, p.frame, kText},
        {"muted text in a notice", p.text_muted, p.notice_bg, p.notice_bg, kText},
        {"muted text in the divergence notice", p.text_muted, p.error_bg, p.error_bg, kText},
        {"muted text in the lab's phase box", p.text_muted, p.phase_bg, p.phase_bg, kText},
        {"muted text on the lab's current layer", p.text_muted, p.layer_highlight, p.bg, kText},
        {"axis labels on the window", p.axis, p.bg, p.bg, kText},
        {"axis labels on charts", p.axis, p.surface, p.surface, kText},
        {"node numbers over orange", p.ink, p.label_bg, p.negative, kText},
        {"node numbers over blue", p.ink, p.label_bg, p.positive, kText},
        {"node numbers over the neutral", p.ink, p.label_bg, p.neutral, kText},
        {"legend 'train'", p.chart_train, p.surface, p.surface, kText},
        {"legend 'test'", p.chart_test, p.surface, p.surface, kText},
        {"f(z) and orange labels on plots", p.line_negative, p.surface, p.surface, kText},
        {"f'(z) and blue labels on plots", p.line_positive, p.surface, p.surface, kText},
        {"passed check (text)", p.good, p.bg, p.bg, kText},
        {"failed check, refused value (text)", p.bad, p.bg, p.bg, kText},
        {"refused value in a menu (text)", p.bad, p.popup, p.popup, kText},
        // Graphics that carry meaning: 3 : 1 against what they are drawn on.
        {"orange links", p.line_negative, p.bg, p.bg, kGraphic},
        {"blue links", p.line_positive, p.bg, p.bg, kGraphic},
        {"per-layer curves between orange and blue", mid_line, p.surface, p.surface, kGraphic},
        {"train curve", p.chart_train, p.surface, p.surface, kGraphic},
        {"test curve", p.chart_test, p.surface, p.surface, kGraphic},
        {"axes", p.axis, p.surface, p.surface, kGraphic},
        {"focus ring on the window", p.accent, p.bg, p.bg, kGraphic},
        {"focus ring, check mark in a field", p.accent, p.frame, p.frame, kGraphic},
        {"slider grab in a field", p.line_negative, p.frame, p.frame, kGraphic},
        {"chosen thumbnail, bias dots", p.ink, p.bg, p.bg, kGraphic},
        {"gradient check: good link", p.good, p.bg, p.bg, kGraphic},
        {"gradient check: amber link", p.warn, p.bg, p.bg, kGraphic},
        {"gradient check: bad link", p.bad, p.bg, p.bg, kGraphic},
        {"NaN link", p.non_finite, p.bg, p.bg, kGraphic},
    };
    // Outlined frames (contrast): the outline is what shows a button on black.
    if (p.frame_border > 0) pairs.push_back({"outlines of buttons and fields", p.border, p.bg, p.bg, kGraphic});
    return pairs;
}

}  // namespace pgapp
