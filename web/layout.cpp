#include "layout.h"

#include <algorithm>

namespace pgapp {

LayoutKind layout_kind(float window_w, float window_h) {
    const bool narrow = window_w < kColumnsMinWidth - 0.5f;
    const bool low = window_h < kColumnsMinHeight - 0.5f;
    // Portrait and not wide (a tablet held upright): the columns would fill
    // the top half and leave the rest empty.
    const bool tall = window_h > window_w * 1.2f && window_w < 1100.0f;
    return narrow || low || tall ? LayoutKind::kStacked : LayoutKind::kColumns;
}

Layout choose_layout(float window_w, float window_h, float avail_w, float avail_h, float fs, float gap, bool lab_open) {
    Layout L;
    L.kind = layout_kind(window_w, window_h);
    if (L.kind == LayoutKind::kColumns) {
        const float W = avail_w, H = std::max(fs * 10.0f, avail_h);
        L.height = H;
        L.data_w = lab_open ? std::clamp(W * 0.3f, fs * 17.0f, fs * 30.0f) : std::clamp(W * 0.17f, fs * 10.0f, fs * 15.0f);
        L.out_w = std::clamp(W * 0.32f, fs * 16.0f, std::min(fs * 36.0f, H * 0.95f));
        L.net_w = std::max(fs * 10.0f, W - L.data_w - L.out_w - 2 * gap);
        return L;
    }
    L.width = avail_w;
    if (avail_w >= fs * 40.0f) {
        // Two sections of at least 300 px: the output square by height, the network beside it.
        L.side_by_side = true;
        const float side = std::clamp(std::min(avail_w * 0.5f - fs * 2.3f, window_h - fs * 16.0f), fs * 12.0f, fs * 40.0f);
        L.out_w = side + fs * 2.3f;
        L.out_h = L.net_h = side + fs * 14.0f;
        L.net_w = avail_w - L.out_w - gap;
        return L;
    }
    // The plot is square: as wide as the column, but never taller than the
    // window (a phone in landscape), with its numbers, chart and toggles
    // (about fourteen lines) around it.
    const float side = std::clamp(std::min(avail_w - fs * 2.3f, window_h - fs * 3.0f), fs * 12.0f, fs * 48.0f);
    L.out_h = side + fs * 14.0f;
    // The network: nine inputs and up to sixteen drawn units a layer want
    // about two lines each; the window's height bounds it so that it can be
    // seen whole.
    L.net_h = std::clamp(window_h * 0.85f, fs * 24.0f, fs * 40.0f);
    return L;
}

}  // namespace pgapp
