#include "heatmap_bands.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <span>

#include "ui/context.h"

namespace pgapp {
namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
}  // namespace

HeatmapBands::HeatmapBands(int resolution) : resolution_(resolution) {
    // Feature planes over the grid, each scaled to [-1, 1] for display.
    const size_t n = size_t(resolution_) * resolution_;
    feature_grid_.resize(size_t(pg::kNumFeatures) * n);
    feature_scale_.assign(pg::kNumFeatures, 1.0f);
    for (int f = 0; f < pg::kNumFeatures; ++f) {
        float peak = 0;
        for (size_t i = 0; i < n; ++i) {
            double x1 = 0, x2 = 0;
            pg::grid_point(resolution_, -pg::kDataExtent, pg::kDataExtent, int(i), x1, x2);
            const float v = float(pg::feature_value(pg::kAllFeatures[f], x1, x2));
            feature_grid_[size_t(f) * n + i] = v;
            peak = std::max(peak, std::fabs(v));
        }
        feature_scale_[size_t(f)] = peak > 0 ? 1.0f / peak : 1.0f;
    }
}

// Heatmaps of every drawn neuron. The grid is evaluated in bands of points
// sized to about 6 ms per frame (measured), so a large network (2-256-256-1
// takes ~230 ms for the whole 100 × 100 grid in a browser, twelve layers of
// 256 take 30 ms for one row of it) refreshes its heatmaps over several frames
// instead of stalling each one, coarse points first; small networks still do
// the whole grid every frame. Only the neurons the diagram draws (the first
// kMaxDrawnUnits of each layer, and every output) are uploaded.
void HeatmapBands::refresh(Trainer& trainer, HeatmapRenderer& heatmaps, double budget_ms) {
    const pg::Network& net = trainer.network();
    const int R = resolution_;
    const size_t n = size_t(R) * size_t(R);
    // The drawn neurons in texture-slot order (heatmap_slot): only these are kept.
    drawn_neurons.clear();
    for (int l = 0; l < net.layer_count(); ++l)
        for (int u = 0; u < drawn_units(net, l); ++u) drawn_neurons.push_back(net.layer(l).first_neuron + u);
    const size_t size = drawn_neurons.size() * n;
    if (grid_order.empty()) {
        // Coarse to fine: every 4th point of every 4th row, then every 2nd of
        // every 2nd, then the rest.
        for (int level = 0; level < 3; ++level) {
            const int step = 4 >> level;
            for (int i = 0; i < int(n); ++i) {
                const int row = i / R, col = i % R;
                const int coarsest = row % 4 == 0 && col % 4 == 0 ? 0 : row % 2 == 0 && col % 2 == 0 ? 1 : 2;
                if (coarsest != level) continue;
                grid_order.push_back(i);
                grid_block.push_back(uint8_t(step));
            }
        }
    }
    const bool new_grid = grid_work.size() != size;
    if (new_grid) {
        grid_work.assign(size, 0.0f);
        grid_next = 0;
        grid_first_pass = true;
    }
    const int left = int(n) - grid_next;
    int count = left;
    if (ms_per_point > 0) count = std::clamp(int(budget_ms / ms_per_point), 1, left);
    else count = std::clamp(int(4e6 / double(net.param_count() + 1)), 1, left);  // first guess: 4M MACs
    const Clock::time_point t0 = Clock::now();
    // The first pass coarse to fine; later passes row by row (a scan line
    // moving down reads better than new dots appearing all over the picture).
    if (grid_rows_order.size() != n) {
        grid_rows_order.resize(n);
        for (size_t i = 0; i < n; ++i) grid_rows_order[i] = int(i);
    }
    const std::vector<int>& order = grid_first_pass ? grid_order : grid_rows_order;
    const std::span<const int> points(order.data() + grid_next, size_t(count));
    trainer.evaluate_grid_at(R, points, drawn_neurons, grid_band);
    // On the first pass over a new network each point fills the block it
    // stands for (4 × 4, then 2 × 2), so a large network shows a coarse
    // picture after a sixteenth of the work and sharpens; later passes write
    // each point alone, row by row (the picture changes in place, without
    // going coarse).
    int row_lo = R, row_hi = 0;  // the rows this band touched
    for (int k = 0; k < count; ++k) {
        const int row = points[size_t(k)] / R;
        const int b = grid_first_pass ? grid_block[size_t(grid_next + k)] : 1;
        row_lo = std::min(row_lo, row);
        row_hi = std::max(row_hi, std::min(row + b, R));
    }
    for (size_t j = 0; j < drawn_neurons.size(); ++j) {
        float* plane = grid_work.data() + j * n;
        const float* band = grid_band.data() + j * size_t(count);
        for (int k = 0; k < count; ++k) {
            const int i = points[size_t(k)];
            const int b = grid_first_pass ? grid_block[size_t(grid_next + k)] : 1;
            if (b == 1) {
                plane[i] = band[k];
                continue;
            }
            const int row = i / R, col = i % R;
            for (int r = row; r < std::min(row + b, R); ++r)
                std::fill(plane + r * R + col, plane + r * R + std::min(col + b, R), band[k]);
        }
    }
    const double per_point = ms_since(t0) / count;
    ms_per_point = ms_per_point > 0 ? ms_per_point * 0.7 + per_point * 0.3 : per_point;
    grid_next += count;
    if (grid_next >= int(n)) {
        grid_next = 0;
        grid_first_pass = false;
    }
    // The rows the band touched are uploaded (the points done so far show the
    // new values, the rest the previous pass's): for twelve layers of 256 the
    // whole 217 planes would be 8.7 MB a frame, which a software-rendered
    // page spends most of its frame converting.
    const int capacity = heatmaps.capacity();
    heatmaps.reserve(heatmap_slots(net));
    // A new network's planes are uploaded whole once (no stale rows of the last one).
    const bool fresh = heatmaps.capacity() != capacity || new_grid;
    // A larger texture array starts empty: everything goes in again.
    if (heatmaps.capacity() != capacity) heatmaps.upload(kFeatureLayer0, pg::kNumFeatures, feature_grid_.data());
    const int slots = std::min(int(drawn_neurons.size()), heatmaps.capacity() - kNeuronLayer0);
    if (slots > 0 && fresh) heatmaps.upload(kNeuronLayer0, slots, grid_work.data());
    else if (slots > 0 && row_hi > row_lo) heatmaps.upload_rows(kNeuronLayer0, slots, grid_work.data(), row_lo, row_hi - row_lo);
}


}  // namespace pgapp
