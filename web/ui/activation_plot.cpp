// f and f′ of an activation, drawn where the activation is chosen (the menus
// show one beside each choice, as lecture notes draw them).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "fonts.h"
#include "pg/kernels_ref.h"
#include "ui/context.h"
#include "ui/theme.h"

namespace pgapp {

void draw_activation_plot(ImDrawList* dl, ImVec2 p0, ImVec2 p1, pg::Activation a, bool labels) {
    // z ∈ [−4, 4] and values in [−1.5, 4] for the large plot (ReLU and softplus
    // reach 4); the menu's thumbnails zoom in on [−3, 3] × [−1.2, 1.8].
    const float kZ = labels ? 4.0f : 3.0f;
    const float kLo = labels ? -1.5f : -1.2f, kHi = labels ? 4.0f : 1.8f;
    const int samples = std::max(16, int(p1.x - p0.x) / 2);
    const Palette& pal = palette();
    dl->AddRectFilled(p0, p1, pal.surface);
    auto sx = [&](float z) { return p0.x + (z + kZ) / (2 * kZ) * (p1.x - p0.x); };
    auto sy = [&](float v) { return p1.y - (std::clamp(v, kLo, kHi) - kLo) / (kHi - kLo) * (p1.y - p0.y); };
    dl->PushClipRect(p0, p1, true);
    dl->AddLine(ImVec2(sx(0), p0.y), ImVec2(sx(0), p1.y), pal.border);
    dl->AddLine(ImVec2(p0.x, sy(0)), ImVec2(p1.x, sy(0)), pal.border);
    if (labels) dl->AddLine(ImVec2(p0.x, sy(1)), ImVec2(p1.x, sy(1)), pal.grid);
    const ImU32 f_color = pal.line_positive, d_color = pal.line_negative;
    ImVec2 pf, pd;
    for (int i = 0; i <= samples; ++i) {
        const double z = -kZ + 2.0 * kZ * double(i) / samples;
        const double f = pg::ref::activation_value<double>(a, z);
        const double d = pg::ref::activation_derivative<double>(a, z, f);
        const ImVec2 qf(sx(float(z)), sy(float(f))), qd(sx(float(z)), sy(float(d)));
        if (i > 0) {
            dl->AddLine(pf, qf, f_color, 2.0f);
            // f′ dashed: every other segment.
            if (i % 2 == 0 || !labels) dl->AddLine(pd, qd, d_color, 1.5f);
        }
        pf = qf;
        pd = qd;
    }
    dl->PopClipRect();
    dl->AddRect(p0, p1, pal.border);
    if (labels) {
        ImFont* small = font(FontRole::Small);
        const float size = small->FontSize * ImGui::GetIO().FontGlobalScale;
        dl->AddText(small, size, ImVec2(p0.x + 3, p0.y + 1), f_color, "f(z)");
        dl->AddText(small, size, ImVec2(p0.x + 3, p0.y + 1 + size), d_color, "f\u2032(z)");
        dl->AddText(small, size, ImVec2(p1.x - size * 1.4f, sy(0) + 1), pal.axis, "z");
        dl->AddText(small, size, ImVec2(sx(0) + 2, sy(1) - size * 0.5f), pal.axis, "1");
        dl->AddText(small, size, ImVec2(p0.x + 1, p1.y - size), pal.axis, "\u22124");
        dl->AddText(small, size, ImVec2(p1.x - size * 0.8f, p1.y - size), pal.axis, "4");
    }
}

}  // namespace pgapp
