#include "fonts.h"

#include <imgui_impl_opengl3.h>

extern const unsigned char pg_font_ui[];
extern const unsigned long pg_font_ui_size;
extern const unsigned char pg_font_symbols[];
extern const unsigned long pg_font_symbols_size;

namespace pgapp {
namespace {
ImFont* g_fonts[int(FontRole::Count)] = {};
constexpr float kFontSizes[int(FontRole::Count)] = {15.0f, 12.5f, 19.0f};
bool g_loaded_once = false;
// Latin-1 plus what the numbers of backpropagation are written with: ŷ (the
// perceptron's output), Greek (η α δ λ Δ Σ), sub/superscripts (X₁ X₂, wₖ), ∂, the prime of f′, the minus sign, ∞,
// ellipsis. web/CMakeLists.txt subsets the embedded font to the same
// ranges: change both together.
constexpr ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF, 0x0177, 0x0177, 0x0370, 0x03FF, 0x1D62, 0x1D62, 0x2010, 0x2027, 0x2030, 0x2033, 0x2039, 0x203A, 0x2070, 0x209F,
    0x2202, 0x2202, 0x2211, 0x2212, 0x221A, 0x221A, 0x221E, 0x221E, 0x2248, 0x2248, 0x2264, 0x2265, 0};
// Arrows (← of "w ← w + Δw"), which Roboto lacks: from DejaVu Sans, merged in.
constexpr ImWchar kSymbolRanges[] = {0x2190, 0x2193, 0};
}  // namespace

void load_fonts(float dpr, float ui_scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    for (int r = 0; r < int(FontRole::Count); ++r) {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;  // the bytes are static, compiled in
        cfg.OversampleH = 2;
        g_fonts[r] = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(pg_font_ui),
                                                    int(pg_font_ui_size), kFontSizes[r] * ui_scale * dpr, &cfg, kGlyphRanges);
        ImFontConfig merge = cfg;
        merge.MergeMode = true;
        io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(pg_font_symbols), int(pg_font_symbols_size),
                                       kFontSizes[r] * ui_scale * dpr, &merge, kSymbolRanges);
    }
    io.FontDefault = g_fonts[int(FontRole::Regular)];
    io.FontGlobalScale = 1.0f / dpr;
    if (g_loaded_once) {  // the backend created the old texture: replace it
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    g_loaded_once = true;
}

ImFont* font(FontRole role) { return g_fonts[int(role)]; }

}  // namespace pgapp
