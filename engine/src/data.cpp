// Dataset generators and input features (see pg/data.h). The two-class and
// regression sets follow TensorFlow Playground's dataset.ts formula by
// formula and draw by draw; only the random source is ours.
#include "pg/data.h"

#include <algorithm>
#include <cmath>

#include "pg/detmath.h"

namespace pg {
namespace {

// Every draw goes through these out-of-line calls. clang 14's SLP vectorizer
// (Emscripten 3.1.6 at -O2/-O3 with -msimd128) packs two inlined xoshiro
// draws in a row into one i64x2 computation and takes the second lane from
// the wrong step, so inlined draws gave other points in WebAssembly than
// natively. A call per draw costs nothing here and keeps the streams equal.
[[gnu::noinline]] double draw_uniform(Rng& rng, double a, double b) { return rng.uniform(a, b); }
[[gnu::noinline]] double draw_normal(Rng& rng) { return rng.normal(); }
[[gnu::noinline]] uint32_t draw_below(Rng& rng, uint32_t n) { return rng.below(n); }

constexpr std::string_view kDatasetNames[kNumDatasetKinds] = {
    "circle", "xor", "gauss", "spiral", "reg-plane", "reg-gauss", "blobs", "spiral3"};
constexpr std::string_view kFeatureNames[kNumFeatures] = {
    "x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY", "cosX", "cosY"};
constexpr std::string_view kFeatureLabels[kNumFeatures] = {
    "X\u2081",          "X\u2082",          "X\u2081\u00b2",    "X\u2082\u00b2", "X\u2081X\u2082",
    "sin(X\u2081)",     "sin(X\u2082)",     "cos(X\u2081)",     "cos(X\u2082)"};

// ---- The reference's generators (labels +1 / -1 or real) ---------------------

// Two halves: positives inside radius 2.5, negatives in the ring 3.5 .. 5.
// The label is decided at the noise-shifted point; the drawn point is not moved.
void gen_circle(int n, double noise, Rng& rng, std::vector<Point>& out) {
    constexpr double kRadius = 5.0;
    auto one = [&](double r_lo, double r_hi) {
        const double r = draw_uniform(rng, r_lo, r_hi);
        const double angle = draw_uniform(rng, 0.0, kTwoPi);
        const double x = r * det_sin(angle);
        const double y = r * det_cos(angle);
        const double nx = draw_uniform(rng, -kRadius, kRadius) * noise;
        const double ny = draw_uniform(rng, -kRadius, kRadius) * noise;
        const double px = x + nx, py = y + ny;
        const double label = std::sqrt(px * px + py * py) < kRadius * 0.5 ? 1.0 : -1.0;
        out.push_back({x, y, label});
    };
    const int n_pos = (n + 1) / 2;
    for (int i = 0; i < n_pos; ++i) one(0.0, kRadius * 0.5);
    for (int i = n_pos; i < n; ++i) one(kRadius * 0.7, kRadius);
}

// Uniform in [-5, 5]², each coordinate pushed 0.3 away from 0; the label is
// the sign of x·y at the noise-shifted point (0 counts as +1).
void gen_xor(int n, double noise, Rng& rng, std::vector<Point>& out) {
    constexpr double kPadding = 0.3;
    for (int i = 0; i < n; ++i) {
        double x = draw_uniform(rng, -5.0, 5.0);
        x += x > 0 ? kPadding : -kPadding;
        double y = draw_uniform(rng, -5.0, 5.0);
        y += y > 0 ? kPadding : -kPadding;
        const double nx = draw_uniform(rng, -5.0, 5.0) * noise;
        const double ny = draw_uniform(rng, -5.0, 5.0) * noise;
        const double label = (x + nx) * (y + ny) >= 0 ? 1.0 : -1.0;
        out.push_back({x, y, label});
    }
}

// Variance grows linearly with noise: 0.5 at 0, 4 at 0.5.
double gauss_variance(double noise) { return 0.5 + 7.0 * noise; }

// N(mean, variance) as the reference's normalRandom: mean + sqrt(v)·N(0, 1).
double normal(Rng& rng, double mean, double variance) {
    return mean + std::sqrt(variance) * draw_normal(rng);
}

void gen_gauss(int n, double noise, Rng& rng, std::vector<Point>& out) {
    const double v = gauss_variance(noise);
    auto blob = [&](int count, double cx, double cy, double label) {
        for (int i = 0; i < count; ++i) {
            const double x = normal(rng, cx, v);
            const double y = normal(rng, cy, v);
            out.push_back({x, y, label});
        }
    };
    const int n_pos = (n + 1) / 2;
    blob(n_pos, 2.0, 2.0, 1.0);
    blob(n - n_pos, -2.0, -2.0, -1.0);
}

// One spiral arm of `count` points: r = 5·i/count, t = 1.75·2π·i/count + delta_t.
void spiral_arm(int count, double delta_t, double label, double noise, Rng& rng,
                std::vector<Point>& out) {
    for (int i = 0; i < count; ++i) {
        const double r = double(i) / count * 5.0;
        const double t = 1.75 * double(i) / count * 2.0 * kPi + delta_t;
        const double x = r * det_sin(t) + draw_uniform(rng, -1.0, 1.0) * noise;
        const double y = r * det_cos(t) + draw_uniform(rng, -1.0, 1.0) * noise;
        out.push_back({x, y, label});
    }
}

void gen_spiral(int n, double noise, Rng& rng, std::vector<Point>& out) {
    const int n_pos = (n + 1) / 2;
    spiral_arm(n_pos, 0.0, 1.0, noise, rng, out);
    spiral_arm(n - n_pos, kPi, -1.0, noise, rng, out);
}

// The two regression sets: points uniform in [-6, 6]², labelled by
// `label_at` at the noise-shifted point (the drawn point is not moved).
template <class LabelAt>
void gen_uniform_regression(int n, double noise, Rng& rng, std::vector<Point>& out, LabelAt label_at) {
    constexpr double kRadius = 6.0;
    for (int i = 0; i < n; ++i) {
        const double x = draw_uniform(rng, -kRadius, kRadius);
        const double y = draw_uniform(rng, -kRadius, kRadius);
        const double nx = draw_uniform(rng, -kRadius, kRadius) * noise;
        const double ny = draw_uniform(rng, -kRadius, kRadius) * noise;
        out.push_back({x, y, label_at(x + nx, y + ny)});
    }
}

// Label (x + y) / 10.
void gen_reg_plane(int n, double noise, Rng& rng, std::vector<Point>& out) {
    gen_uniform_regression(n, noise, rng, out, [](double x, double y) { return (x + y) / 10.0; });
}

// Six signed bumps sign·clamp(1 − d/2, 0, 1); the label is the one with the
// largest magnitude (the first on a tie).
double reg_gauss_label(double x, double y) {
    struct Bump { double cx, cy, sign; };
    constexpr Bump kBumps[6] = {{-4, 2.5, 1},  {0, 2.5, -1}, {4, 2.5, 1},
                                {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
    double label = 0;
    for (const Bump& b : kBumps) {
        const double dx = x - b.cx, dy = y - b.cy;
        const double d = std::sqrt(dx * dx + dy * dy);
        const double v = b.sign * std::clamp(1.0 - d / 2.0, 0.0, 1.0);
        if (std::fabs(v) > std::fabs(label)) label = v;
    }
    return label;
}

void gen_reg_gauss(int n, double noise, Rng& rng, std::vector<Point>& out) {
    gen_uniform_regression(n, noise, rng, out, reg_gauss_label);
}

// ---- Multi-class (ours) -------------------------------------------------------

// Points of class k out of n split as evenly as possible (first classes get the rest).
int class_count(int n, int k, int num_classes) {
    return n / num_classes + (k < n % num_classes ? 1 : 0);
}

// K Gaussian blobs centred on a circle of radius 4 (class 0 at the top,
// counter-clockwise), with the gauss set's variance 0.5 + 7·noise.
void gen_blobs(int n, double noise, int num_classes, Rng& rng, std::vector<Point>& out) {
    constexpr double kCentreRadius = 4.0;
    const double v = gauss_variance(noise);
    for (int k = 0; k < num_classes; ++k) {
        const double a = kTwoPi * k / num_classes;
        const double cx = -kCentreRadius * det_sin(a);
        const double cy = kCentreRadius * det_cos(a);
        const int count = class_count(n, k, num_classes);
        for (int i = 0; i < count; ++i) {
            const double x = normal(rng, cx, v);
            const double y = normal(rng, cy, v);
            out.push_back({x, y, double(k)});
        }
    }
}

// K spiral arms like the reference's two, rotated by 2π/K from each other.
void gen_spiral_k(int n, double noise, int num_classes, Rng& rng, std::vector<Point>& out) {
    for (int k = 0; k < num_classes; ++k)
        spiral_arm(class_count(n, k, num_classes), kTwoPi * k / num_classes, double(k), noise, rng,
                   out);
}

}  // namespace

// ---- Names -------------------------------------------------------------------

std::string_view problem_name(Problem problem) {
    switch (problem) {
        case Problem::kClassification: return "classification";
        case Problem::kRegression: return "regression";
        case Problem::kMulticlass: return "multiclass";
    }
    return "classification";
}

std::optional<Problem> parse_problem(std::string_view name) {
    for (Problem p : {Problem::kClassification, Problem::kRegression, Problem::kMulticlass})
        if (name == problem_name(p)) return p;
    return std::nullopt;
}

std::string_view dataset_name(DatasetKind kind) { return kDatasetNames[int(kind)]; }

std::optional<DatasetKind> parse_dataset(std::string_view name) {
    for (int i = 0; i < kNumDatasetKinds; ++i)
        if (name == kDatasetNames[i]) return DatasetKind(i);
    return std::nullopt;
}

Problem dataset_problem(DatasetKind kind) {
    switch (kind) {
        case DatasetKind::kRegPlane:
        case DatasetKind::kRegGauss: return Problem::kRegression;
        case DatasetKind::kBlobs:
        case DatasetKind::kSpiral3: return Problem::kMulticlass;
        default: return Problem::kClassification;
    }
}

int default_num_samples(DatasetKind kind, int num_classes) {
    switch (dataset_problem(kind)) {
        case Problem::kClassification: return 500;
        case Problem::kRegression: return 1200;
        case Problem::kMulticlass:
            return 200 * std::clamp(num_classes, kMinClasses, kMaxClasses);
    }
    return 500;
}

// ---- Generation, shuffle, split ----------------------------------------------

void generate_points(const DataSpec& spec, Rng& rng, std::vector<Point>& out) {
    const int num_classes = std::clamp(spec.num_classes, kMinClasses, kMaxClasses);
    const int n = spec.num_samples <= 0 ? default_num_samples(spec.kind, num_classes)
                                        : std::clamp(spec.num_samples, kMinSamples, kMaxSamples);
    const double noise = std::isfinite(spec.noise) ? std::clamp(spec.noise, 0.0, 0.5) : 0.0;
    out.clear();
    out.reserve(size_t(n));
    switch (spec.kind) {
        case DatasetKind::kCircle: gen_circle(n, noise, rng, out); break;
        case DatasetKind::kXor: gen_xor(n, noise, rng, out); break;
        case DatasetKind::kGauss: gen_gauss(n, noise, rng, out); break;
        case DatasetKind::kSpiral: gen_spiral(n, noise, rng, out); break;
        case DatasetKind::kRegPlane: gen_reg_plane(n, noise, rng, out); break;
        case DatasetKind::kRegGauss: gen_reg_gauss(n, noise, rng, out); break;
        case DatasetKind::kBlobs: gen_blobs(n, noise, num_classes, rng, out); break;
        case DatasetKind::kSpiral3: gen_spiral_k(n, noise, num_classes, rng, out); break;
    }
}

void shuffle_points(std::span<Point> points, Rng& rng) {
    for (size_t counter = points.size(); counter > 0;) {
        const size_t index = draw_below(rng, uint32_t(counter));
        --counter;
        std::swap(points[counter], points[index]);
    }
}

void split_points(std::span<const Point> shuffled, int perc_train, DataSplit& out) {
    const int perc = std::clamp(perc_train, 1, 100);
    const size_t n = shuffled.size();
    size_t n_train = n * size_t(perc) / 100;
    // Never an empty training set; below 100 % never an empty test set when
    // there are two points or more.
    if (n >= 1) n_train = std::max(n_train, size_t(1));
    if (perc < 100 && n >= 2) n_train = std::min(n_train, n - 1);
    out.train.assign(shuffled.begin(), shuffled.begin() + ptrdiff_t(n_train));
    out.test.assign(shuffled.begin() + ptrdiff_t(n_train), shuffled.end());
}

void make_data_split(const DataSpec& spec, uint64_t seed, int perc_train, DataSplit& out) {
    Rng rng(seed);
    std::vector<Point> points;
    generate_points(spec, rng, points);
    shuffle_points(points, rng);
    split_points(points, perc_train, out);
}

// ---- Features ----------------------------------------------------------------

std::string_view feature_name(Feature feature) { return kFeatureNames[int(feature)]; }
std::string_view feature_label(Feature feature) { return kFeatureLabels[int(feature)]; }

std::optional<Feature> parse_feature(std::string_view name) {
    for (int i = 0; i < kNumFeatures; ++i)
        if (name == kFeatureNames[i]) return Feature(i);
    return std::nullopt;
}

double feature_value(Feature feature, double x1, double x2) {
    switch (feature) {
        case Feature::kX: return x1;
        case Feature::kY: return x2;
        case Feature::kXSquared: return x1 * x1;
        case Feature::kYSquared: return x2 * x2;
        case Feature::kXTimesY: return x1 * x2;
        case Feature::kSinX: return det_sin(x1);
        case Feature::kSinY: return det_sin(x2);
        case Feature::kCosX: return det_cos(x1);
        case Feature::kCosY: return det_cos(x2);
    }
    return 0;
}

void compute_features(std::span<const Feature> features, std::span<const Point> points, float* out) {
    const size_t f = features.size();
    for (size_t i = 0; i < points.size(); ++i)
        for (size_t j = 0; j < f; ++j)
            out[i * f + j] = float(feature_value(features[j], points[i].x1, points[i].x2));
}

void compute_features(std::span<const Feature> features, const double* x1, const double* x2,
                      size_t n, float* out) {
    const size_t f = features.size();
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < f; ++j) out[i * f + j] = float(feature_value(features[j], x1[i], x2[i]));
}

void grid_point(int resolution, double lo, double hi, int index, double& x1, double& x2) {
    const int res = std::max(resolution, 2);
    const int row = index / res, col = index % res;
    const double step = (hi - lo) / (res - 1);
    x1 = lo + step * col;
    x2 = hi - step * row;
}

void compute_grid_features(std::span<const Feature> features, int resolution, double lo, double hi,
                           float* out) {
    const size_t f = features.size();
    const int res = std::max(resolution, 2);
    for (int i = 0; i < res * res; ++i) {
        double x1, x2;
        grid_point(res, lo, hi, i, x1, x2);
        for (size_t j = 0; j < f; ++j)
            out[size_t(i) * f + j] = float(feature_value(features[j], x1, x2));
    }
}

}  // namespace pg
