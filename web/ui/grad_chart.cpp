// Mean |∂E/∂w| of each layer over the epochs, on a log scale: vanishing
// gradients (a deep sigmoid network's first layers) show as curves far below
// the output layer's.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "fonts.h"
#include "ui/chart.h"
#include "ui/context.h"
#include "ui/theme.h"

namespace pgapp {

void draw_grad_chart(UiContext& ctx, float width, float height) {
    const Trainer& tr = ctx.trainer;
    const auto h = tr.history();
    const auto g = tr.grad_history();
    const int layers = tr.network().layer_count();
    const int n = layers > 0 ? std::min(int(h.size()), int(g.size()) / layers) : 0;
    const ChartFrame c = ChartFrame::begin(width, height, h.first(size_t(n)));
    if (ctx.lab) ctx.lab->record("chart.grads");
    ImDrawList* dl = c.dl;
    ImFont* small = c.small;
    const float small_size = c.small_size;
    const ImVec2 p0 = c.p0, p1 = c.p1;

    float lo = 1e30f, hi = 0;
    for (int i = 0; i < n * layers; ++i)
        if (std::isfinite(g[size_t(i)]) && g[size_t(i)] > 0) { lo = std::min(lo, g[size_t(i)]); hi = std::max(hi, g[size_t(i)]); }
    if (hi <= 0) { lo = 1e-4f; hi = 1; }
    const LogScale scale(lo, hi, 1e-12f);
    auto sy = [&](float v) { return c.y(scale.t(v)); };
    char label[32];
    const int decades = scale.decades();
    for (int i = 0; i <= decades; ++i) {
        if (decades > 4 && i % 2) continue;
        std::snprintf(label, sizeof label, "1e%d", int(scale.lo) + i);
        c.grid_line(sy(std::pow(10.0f, scale.lo + float(i))), label, false);
    }
    std::snprintf(label, sizeof label, "%d", int(c.x_max));
    dl->AddText(small, small_size, ImVec2(p1.x - small->CalcTextSizeA(small_size, 1e9f, 0, label).x, p1.y + 1), palette().axis, label);
    dl->AddText(small, small_size, ImVec2(p0.x, p1.y + 1), palette().axis, "0");
    c.axes();

    // Layer l's colour: from orange (first hidden layer) to blue (output), the theme's line colours.
    auto color = [&](int l) {
        const float t = layers > 1 ? float(l) / float(layers - 1) : 1.0f;
        return mix_colors(palette().line_negative, palette().line_positive, t);
    };
    for (int l = 0; l < layers; ++l)
        c.curve(h, n, color(l), [&](int i) {
            const float v = g[size_t(i) * size_t(layers) + size_t(l)];
            return std::isfinite(v) && v > 0 ? sy(v) : NAN;  // a gap where the layer had no gradient
        });
    // Legend: one swatch per layer (at most 8 named).
    float x = p0.x + 4;
    for (int l = 0; l < layers && l < 8; ++l) {
        std::snprintf(label, sizeof label, l == layers - 1 ? "out" : "L%d", l + 1);
        dl->AddRectFilled(ImVec2(x, p0.y + 4), ImVec2(x + 8, p0.y + 12), color(l));
        dl->AddText(small, small_size, ImVec2(x + 10, p0.y + 1), palette().text, label);
        x += 14 + small->CalcTextSizeA(small_size, 1e9f, 0, label).x;
    }
    if (c.hovered && n > 0) {
        const int i = c.hovered_index(n);
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
