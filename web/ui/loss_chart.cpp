// Train and test loss over epochs, drawn with ImDrawList: axes with ticks,
// a linear or logarithmic loss scale (toggle at the top right).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "fonts.h"
#include "ui/chart.h"
#include "ui/context.h"
#include "ui/numbers.h"
#include "ui/theme.h"

namespace pgapp {

void draw_loss_chart(UiContext& ctx, float width, float height) {
    const Trainer& tr = ctx.trainer;
    const auto h = tr.history();
    const float fs = ImGui::GetFontSize();
    const ChartFrame c = ChartFrame::begin(width, height, h);
    ImDrawList* dl = c.dl;
    ImFont* small = c.small;
    const float small_size = c.small_size;
    const ImVec2 p0 = c.p0, p1 = c.p1;

    // Range over both curves (finite, positive for the log scale).
    float lo = 1e30f, hi = 0;
    // Without a test set (100 % training data) there is no test curve.
    const bool has_test = tr.has_test_set();
    for (const pg::Metrics& p : h)
        for (float v : {float(p.train_loss), float(has_test ? p.test_loss : p.train_loss)})
            if (std::isfinite(v)) { lo = std::min(lo, v); hi = std::max(hi, v); }
    const bool log = ctx.log_scale;
    if (hi <= 0 || lo > hi) { lo = 0; hi = 1; }
    const LogScale decades(lo, hi, 1e-6f);
    const float y_lo = log ? decades.lo : 0.0f;
    float y_hi = log ? decades.hi : hi * 1.05f;
    if (y_hi - y_lo < 1e-6f) y_hi = y_lo + 1;
    const int n = int(h.size());
    const float x_max = c.x_max;
    auto sx = [&](float epoch) { return c.x(epoch); };
    auto sy = [&](float v) { return c.y(log ? decades.t(v) : (v - y_lo) / (y_hi - y_lo)); };

    // Axes and ticks.
    char label[32];
    const int y_ticks = log ? int(y_hi - y_lo) : 2;
    for (int i = 0; i <= y_ticks; ++i) {
        const float value = log ? std::pow(10.0f, y_lo + float(i)) : y_lo + (y_hi - y_lo) * float(i) / float(y_ticks);
        const float y = sy(value);
        if (log && y_ticks > 4 && i % 2) continue;
        // In the margin's width, with its magnitude ("0.00" said nothing of a loss of 2e-5).
        const std::string text = fmt_fit(double(value), ImGui::GetFontSize() * 2.6f - 6, c.small, c.small_size);
        c.grid_line(y, text.c_str(), true);
    }
    // Epoch ticks at round numbers: a step of 1, 2 or 5 × 10^k giving at most 5 ticks.
    float tick_step = std::pow(10.0f, std::floor(std::log10(std::max(1.0f, x_max / 4.0f))));
    for (float m : {1.0f, 2.0f, 5.0f, 10.0f})
        if (x_max / (tick_step * m) <= 4.5f) { tick_step *= m; break; }
    tick_step = std::max(1.0f, tick_step);
    for (float e = 0; e <= x_max + 0.5f; e += tick_step) {
        const float x = sx(e);
        dl->AddLine(ImVec2(x, p1.y), ImVec2(x, p1.y + 3), palette().axis);
        std::snprintf(label, sizeof label, "%.0f", double(e));
        const ImVec2 ts = small->CalcTextSizeA(small_size, 1e9f, 0, label);
        dl->AddText(small, small_size, ImVec2(std::clamp(x - ts.x * 0.5f, p0.x, p1.x - ts.x), p1.y + 2), palette().axis, label);
    }
    c.axes();

    // Curves, at most about one point per pixel.
    for (int curve = 0; curve < (has_test ? 2 : 1); ++curve) {
        const ImU32 col = curve == 0 ? palette().chart_train : palette().chart_test;
        c.curve(h, n, col, [&](int i) {
            const float v = float(curve == 0 ? h[size_t(i)].train_loss : h[size_t(i)].test_loss);
            return std::isfinite(v) ? sy(v) : NAN;
        });
    }
    // Legend and the log toggle, top right.
    const char* legend_text = has_test ? "train   test" : "train";
    const ImVec2 lt = small->CalcTextSizeA(small_size, 1e9f, 0, legend_text);
    const ImVec2 lp(p1.x - lt.x - fs * 4.8f, p0.y + 2);
    dl->AddText(small, small_size, lp, palette().chart_train, "train");
    if (has_test)
        dl->AddText(small, small_size, ImVec2(lp.x + small->CalcTextSizeA(small_size, 1e9f, 0, "train   ").x, lp.y),
                    palette().chart_test, "test");
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(p1.x - fs * 3.4f, p0.y));
    ImGui::PushFont(small);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(3, 0));
    ImGui::Checkbox("log", &ctx.log_scale);
    ctx.control("chart.log", "", ControlKind::kCheckbox, "log", ctx.log_scale ? "true" : "false");
    ImGui::PopStyleVar();
    ImGui::PopFont();
    tooltip("Show the loss on a logarithmic scale, to see progress once it is small.");
    ImGui::SetCursorScreenPos(cursor);
    if (c.hovered && n > 0) {
        const int i = c.hovered_index(n);
        // fmt4: a loss of 2e-5 is not "0.0000".
        const std::string train = fmt4(h[size_t(i)].train_loss);
        if (has_test)
            ImGui::SetTooltip("epoch %d: train %s, test %s", h[size_t(i)].epoch, train.c_str(), fmt4(h[size_t(i)].test_loss).c_str());
        else
            ImGui::SetTooltip("epoch %d: train %s (no test set)", h[size_t(i)].epoch, train.c_str());
    }
}

}  // namespace pgapp
