// bench_ui.h: the app's per-frame heatmap work without the app.
//
// What the app does each frame (web/, read here, not linked): a band of grid
// points (row by row), sized from the measured time per point to about 6 ms,
// goes through
//   grid_point → Session::feature_rows → Session::evaluate_neurons (every
//   neuron: a drawn hidden neuron needs the whole layer before it, and the
//   output needs every neuron) → a copy of the drawn neurons' band (the first
//   16 of every hidden layer and the outputs) into the (drawn, 100²) buffer
//   that is uploaded as textures.
// A network whose whole grid fits in 6 ms does the whole grid every frame.
#include "bench_ui.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "pg/data.h"
#include "pg/session.h"
#include "pg/state.h"

namespace pgcli {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

constexpr int kResolution = 100;     // web/app.cpp kGridResolution
constexpr double kBandBudgetMs = 6;  // web/app.cpp upload_heatmaps
constexpr int kMaxDrawnUnits = 16;   // web/ui/context.h

// Trainer::evaluate_grid_points, with its scratch: points [begin, end) of
// the grid, the drawn neurons' values into grid (drawn, 100²).
struct Band {
    std::vector<double> x1, x2;
    std::vector<float> features, out;
    void evaluate(pg::Session& s, int begin, int end, const std::vector<int>& drawn, std::vector<float>& grid) {
        const size_t n = size_t(kResolution) * kResolution;
        const int count = end - begin;
        x1.resize(size_t(count));
        x2.resize(size_t(count));
        for (int i = 0; i < count; ++i)
            pg::grid_point(kResolution, -pg::kDataExtent, pg::kDataExtent, begin + i, x1[size_t(i)], x2[size_t(i)]);
        features.resize(size_t(count) * size_t(std::max(1, s.num_inputs())));
        s.feature_rows(x1.data(), x2.data(), size_t(count), features.data());
        out.resize(size_t(s.network().neuron_count()) * size_t(count));
        s.evaluate_neurons(features.data(), count, out.data());
        for (size_t j = 0; j < drawn.size(); ++j)
            std::copy_n(out.begin() + long(drawn[j]) * count, count, grid.begin() + long(j * n + size_t(begin)));
    }
};

}  // namespace

bool measure_ui_frame(const std::string& state, double seconds, UiFrameFigures& f, std::string& error) {
    const pg::StateParse parsed = pg::parse_state(state);
    if (parsed.has_bad_values()) {
        error = "bad state '" + state + "'";
        return false;
    }
    pg::Session session;
    if (!session.build(parsed.state, error)) return false;
    const pg::Network& net = session.network();
    f.neurons = net.neuron_count();
    std::vector<int> drawn;  // web/ui/context.h drawn_units, in texture-slot order
    for (int l = 0; l < net.layer_count(); ++l) {
        const int units = l == net.layer_count() - 1 ? net.layer(l).out : std::min(net.layer(l).out, kMaxDrawnUnits);
        for (int u = 0; u < units; ++u) drawn.push_back(net.layer(l).first_neuron + u);
    }
    f.drawn_neurons = int(drawn.size());
    const int n = kResolution * kResolution;
    std::vector<float> grid(drawn.size() * size_t(n));
    Band band;
    band.evaluate(session, 0, n, drawn, grid);  // warm-up, sizes the scratch
    // The whole grid in one band: best of repeated runs.
    double best = 1e30;
    const auto g0 = Clock::now();
    for (int reps = 0; reps < 3 || (ms_since(g0) < seconds * 500 && reps < 1000); ++reps) {
        const auto t0 = Clock::now();
        band.evaluate(session, 0, n, drawn, grid);
        best = std::min(best, ms_since(t0));
    }
    f.grid_ms = best;
    // Frames as the app runs them (App::Impl::upload_heatmaps): the band's
    // size from the running average of the measured time per point (first
    // guess 4 M multiply-adds), the next band where the last one stopped,
    // frame after frame for at least two refreshes and about `seconds`. The
    // median frame, the 95th percentile and the worst: on a busy machine a
    // frame that is preempted is slow whatever its band, and the average
    // adapts the bands to the machine's speed as it does in the app.
    std::vector<double> frames;
    double ms_per_point = 0;
    int next = 0, refreshes = 0, last_band = 0;
    const auto r0 = Clock::now();
    while (refreshes < 2 || (ms_since(r0) < seconds * 1000 && frames.size() < 100000)) {
        const int left = n - next;
        int count = ms_per_point > 0 ? std::clamp(int(kBandBudgetMs / ms_per_point), 1, left)
                                     : std::clamp(int(4e6 / double(net.param_count() + 1)), 1, left);
        const auto t0 = Clock::now();
        band.evaluate(session, next, next + count, drawn, grid);
        const double ms = ms_since(t0);
        ms_per_point = ms_per_point > 0 ? ms_per_point * 0.7 + ms / count * 0.3 : ms / count;
        if (refreshes > 0) frames.push_back(ms);  // the first refresh is the warm-up of the average
        last_band = count;
        next += count;
        if (next >= n) {
            next = 0;
            ++refreshes;
        }
    }
    std::sort(frames.begin(), frames.end());
    f.band_points = last_band;
    f.frames_per_refresh = int(double(frames.size()) / (refreshes - 1) + 0.5);
    f.frame_ms_median = frames[frames.size() / 2];
    f.frame_ms_p95 = frames[frames.size() * 95 / 100];
    f.frame_ms_max = frames.back();
    return true;
}

}  // namespace pgcli
