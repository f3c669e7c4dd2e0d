// pg/data.h — the playground's datasets and input features.
//
// Index
//   Problem, DatasetKind   what is learnt, which generator
//   Point                  one labelled example in the plane
//   DataSpec               generator settings (kind, count, noise, classes)
//   generate_points        the six datasets of TensorFlow Playground, exactly
//                          its formulas, plus multi-class blobs and spirals
//   shuffle_points, split_points, make_data_split
//   Feature                X₁, X₂, X₁², X₂², X₁X₂, sin X₁, sin X₂, cos X₁, cos X₂
//   compute_features       points → feature rows (n, features) row-major
//   grid_point, compute_grid_features   the same for the heatmap grid
//
// Everything is deterministic: one Rng seed gives the same points, bit for
// bit, natively and in WebAssembly (sin/cos/log through pg/detmath.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "pg/rng.h"

namespace pg {

// ---- Problems and datasets ---------------------------------------------------

enum class Problem : uint8_t {
    kClassification,  // two classes, labels +1 / -1 (the reference's)
    kRegression,      // real labels, roughly in [-1, 1]
    kMulticlass,      // K classes, labels 0 .. K-1
};

// URL names: "classification", "regression", "multiclass".
std::string_view problem_name(Problem problem);
std::optional<Problem> parse_problem(std::string_view name);

enum class DatasetKind : uint8_t {
    kCircle,    // classification, 500 points
    kXor,       // classification, 500
    kGauss,     // classification, 500
    kSpiral,    // classification, 500
    kRegPlane,  // regression, 1200
    kRegGauss,  // regression, 1200
    kBlobs,     // multi-class: K Gaussian blobs on a circle, 200·K
    kSpiral3,   // multi-class: K interleaved spiral arms, 200·K
};
inline constexpr int kNumDatasetKinds = 8;

// URL names: circle, xor, gauss, spiral, reg-plane, reg-gauss, blobs, spiral3.
std::string_view dataset_name(DatasetKind kind);
std::optional<DatasetKind> parse_dataset(std::string_view name);
// Which problem a dataset belongs to.
Problem dataset_problem(DatasetKind kind);
// The reference's point count (500 / 1200), 200·K for the multi-class sets.
int default_num_samples(DatasetKind kind, int num_classes);

// Points live in [-6, 6]² (noise can push a few slightly out).
inline constexpr double kDataExtent = 6.0;
// Bounds for user-set values.
inline constexpr int kMinSamples = 4, kMaxSamples = 100000;
inline constexpr int kMinClasses = 2, kMaxClasses = 8;

// One labelled example. label: +1/-1 (classification), a real value
// (regression) or the class index 0..K-1 as a double (multi-class).
struct Point {
    double x1 = 0;
    double x2 = 0;
    double label = 0;
};

// What to generate.
struct DataSpec {
    DatasetKind kind = DatasetKind::kCircle;
    int num_samples = 0;  // 0 = default_num_samples(kind, num_classes)
    double noise = 0;     // the reference's slider / 100: 0 .. 0.5
    int num_classes = 3;  // multi-class sets only, kMinClasses .. kMaxClasses
};

// ---- Generation, shuffle, split ----------------------------------------------

// Generates the points of `spec` with draws from `rng`, in the reference's
// order (positives first for the two-class sets); replaces `out`'s contents.
// Out-of-range counts, noise and class numbers are clamped.
void generate_points(const DataSpec& spec, Rng& rng, std::vector<Point>& out);

// Fisher–Yates exactly as the reference shuffles (from the end, one draw per
// position).
void shuffle_points(std::span<Point> points, Rng& rng);

// Train and test sets after a shuffle: the first floor(n · perc_train / 100)
// points train, the rest test (perc_train clamped to 1..100). The training
// set always keeps at least one point (so one point trains); below 100 with
// 2 points or more the test set keeps one too; at 100 the test set is empty.
struct DataSplit {
    std::vector<Point> train;
    std::vector<Point> test;
};
void split_points(std::span<const Point> shuffled, int perc_train, DataSplit& out);

// The whole pipeline from one seed: generate, shuffle, split. The stream is
// Rng(seed) (callers derive `seed` from the URL's seed with seed_from_string).
void make_data_split(const DataSpec& spec, uint64_t seed, int perc_train, DataSplit& out);

// ---- Input features ----------------------------------------------------------

enum class Feature : uint8_t { kX, kY, kXSquared, kYSquared, kXTimesY, kSinX, kSinY, kCosX, kCosY };
inline constexpr int kNumFeatures = 9;
inline constexpr Feature kAllFeatures[kNumFeatures] = {
    Feature::kX,       Feature::kY,    Feature::kXSquared, Feature::kYSquared, Feature::kXTimesY,
    Feature::kSinX,    Feature::kSinY, Feature::kCosX,     Feature::kCosY};

// URL / model-file names: x, y, xSquared, ySquared, xTimesY, sinX, sinY, cosX, cosY.
std::string_view feature_name(Feature feature);
std::optional<Feature> parse_feature(std::string_view name);
// Label for display: "X₁", "X₂", "X₁²", "X₂²", "X₁X₂", "sin(X₁)", ... (UTF-8).
std::string_view feature_label(Feature feature);

// The value of one feature at (x1, x2), deterministic (pg/detmath.h).
double feature_value(Feature feature, double x1, double x2);

// Feature rows of points: out is (points.size(), features.size()) row-major,
// out[i·F + j] = feature_value(features[j], points[i]) rounded to float.
void compute_features(std::span<const Feature> features, std::span<const Point> points, float* out);

// The same for bare coordinates: x1, x2 are (n); out is (n, features.size()).
void compute_features(std::span<const Feature> features, const double* x1, const double* x2,
                      size_t n, float* out);

// The heatmap grid as the reference draws it: `resolution` × `resolution`
// points over [lo, hi]² including both ends; point index = row·resolution + col,
// col 0 at x1 = lo (left), row 0 at x2 = hi (top). resolution >= 2.
void grid_point(int resolution, double lo, double hi, int index, double& x1, double& x2);

// Feature rows of the whole grid: out is (resolution², features.size()) row-major.
void compute_grid_features(std::span<const Feature> features, int resolution, double lo, double hi,
                           float* out);

}  // namespace pg
