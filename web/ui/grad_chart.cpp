// Mean |∂E/∂w| of each layer over the epochs, on a log scale: vanishing
// gradients (a deep sigmoid network's first layers) show as curves far below
// the output layer's.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "fonts.h"
#include "ui/context.h"
#include "ui/theme.h"

namespace pgapp {

void draw_grad_chart(UiContext& ctx, float width, float height) {
    const Trainer& tr = ctx.trainer;
    const auto h = tr.history();
    const auto g = tr.grad_history();
    const int layers = tr.network().layer_count();
    const int n = layers > 0 ? std::min(int(h.size()), int(g.size()) / layers) : 0;
    const float fs = ImGui::GetFontSize();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* small = font(FontRole::Small);
    const float small_size = small->FontSize * ImGui::GetIO().FontGlobalScale;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float left = fs * 2.6f, bottom = small_size * 1.3f;
    const ImVec2 p0(origin.x + left, origin.y + 2), p1(origin.x + width - 4, origin.y + height - bottom);
    ImGui::Dummy(ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    if (ctx.lab) ctx.lab->record("chart.grads");
    dl->AddRectFilled(p0, p1, IM_COL32_WHITE);

    float lo = 1e30f, hi = 0;
    for (int i = 0; i < n * layers; ++i)
        if (std::isfinite(g[size_t(i)]) && g[size_t(i)] > 0) { lo = std::min(lo, g[size_t(i)]); hi = std::max(hi, g[size_t(i)]); }
    if (hi <= 0) { lo = 1e-4f; hi = 1; }
    const float y_lo = std::floor(std::log10(std::max(lo, 1e-12f))), y_hi = std::max(y_lo + 1, std::ceil(std::log10(hi)));
    const float x_max = float(std::max(1, n > 0 ? h[size_t(n - 1)].epoch : 1));
    auto sx = [&](float epoch) { return p0.x + (p1.x - p0.x) * epoch / x_max; };
    auto sy = [&](float v) {
        const float t = std::clamp((std::log10(std::max(v, 1e-12f)) - y_lo) / (y_hi - y_lo), 0.0f, 1.0f);
        return p1.y - (p1.y - p0.y) * t;
    };
    char label[32];
    const int decades = int(y_hi - y_lo);
    for (int i = 0; i <= decades; ++i) {
        if (decades > 4 && i % 2) continue;
        const float y = sy(std::pow(10.0f, y_lo + float(i)));
        dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), IM_COL32(236, 237, 240, 255));
        std::snprintf(label, sizeof label, "1e%d", int(y_lo) + i);
        const ImVec2 ts = small->CalcTextSizeA(small_size, 1e9f, 0, label);
        dl->AddText(small, small_size, ImVec2(p0.x - ts.x - 4, y - ts.y * 0.5f), kColorAxis, label);
    }
    std::snprintf(label, sizeof label, "%d", int(x_max));
    dl->AddText(small, small_size, ImVec2(p1.x - small->CalcTextSizeA(small_size, 1e9f, 0, label).x, p1.y + 1), kColorAxis, label);
    dl->AddText(small, small_size, ImVec2(p0.x, p1.y + 1), kColorAxis, "0");
    dl->AddLine(ImVec2(p0.x, p0.y), ImVec2(p0.x, p1.y), kColorAxis);
    dl->AddLine(ImVec2(p0.x, p1.y), ImVec2(p1.x, p1.y), kColorAxis);

    // Layer l's colour: from light (first hidden layer) to dark (output).
    auto color = [&](int l) {
        const float t = layers > 1 ? float(l) / float(layers - 1) : 1.0f;
        return ImGui::ColorConvertFloat4ToU32(ImVec4(0.95f - 0.9f * t, 0.6f - 0.35f * t, 0.2f + 0.55f * t, 1.0f));
    };
    if (n >= 2) {
        const int step = std::max(1, int(float(n) / std::max(1.0f, p1.x - p0.x)));
        for (int l = 0; l < layers; ++l) {
            ImVec2 prev;
            bool have = false;
            for (int i = 0; i < n; i = (i + step < n || i == n - 1) ? i + step : n - 1) {
                const float v = g[size_t(i) * size_t(layers) + size_t(l)];
                if (!std::isfinite(v) || v <= 0) { have = false; continue; }
                const ImVec2 pt(sx(float(h[size_t(i)].epoch)), sy(v));
                if (have) dl->AddLine(prev, pt, color(l), 1.5f);
                prev = pt;
                have = true;
            }
        }
    }
    // Legend: one swatch per layer (at most 8 named).
    float x = p0.x + 4;
    for (int l = 0; l < layers && l < 8; ++l) {
        std::snprintf(label, sizeof label, l == layers - 1 ? "out" : "L%d", l + 1);
        dl->AddRectFilled(ImVec2(x, p0.y + 4), ImVec2(x + 8, p0.y + 12), color(l));
        dl->AddText(small, small_size, ImVec2(x + 10, p0.y + 1), kColorText, label);
        x += 14 + small->CalcTextSizeA(small_size, 1e9f, 0, label).x;
    }
    if (hovered && n > 0) {
        const float mx = ImGui::GetIO().MousePos.x;
        const int i = std::clamp(int(std::lround((mx - p0.x) / (p1.x - p0.x) * float(n - 1))), 0, n - 1);
        std::string tip = "epoch " + std::to_string(h[size_t(i)].epoch) + ", mean |\u2202E/\u2202w|:";
        for (int l = 0; l < layers; ++l) {
            std::snprintf(label, sizeof label, "\n  %s: %.3g", l == layers - 1 ? "output" : ("layer " + std::to_string(l + 1)).c_str(),
                          double(g[size_t(i) * size_t(layers) + size_t(l)]));
            tip += label;
        }
        ImGui::SetTooltip("%s", tip.c_str());
    }
}

}  // namespace pgapp
