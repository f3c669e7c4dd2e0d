// pg/data.h: the reference's datasets (counts, balance, ranges, labels),
// multi-class sets, shuffle/split, features, and a checksum that the native
// and the WebAssembly runs must both match (the bit-identity proof).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <set>

#include "pg/data.h"
#include "pg/detmath.h"

namespace {

std::vector<pg::Point> gen(pg::DatasetKind kind, int n = 0, double noise = 0, int classes = 3,
                           uint64_t seed = 7) {
    pg::Rng rng(seed);
    std::vector<pg::Point> points;
    pg::generate_points({kind, n, noise, classes}, rng, points);
    return points;
}

int count_label(const std::vector<pg::Point>& ps, double label) {
    return int(std::count_if(ps.begin(), ps.end(), [&](const pg::Point& p) { return p.label == label; }));
}

// FNV-1a over the bytes of doubles (the exact bits, so any difference shows).
struct Fnv {
    uint64_t h = 0xcbf29ce484222325ULL;
    void add(double v) {
        unsigned char b[8];
        std::memcpy(b, &v, 8);
        for (unsigned char c : b) { h ^= c; h *= 0x100000001b3ULL; }
    }
};

}  // namespace

TEST_CASE("dataset names round trip and map to problems") {
    for (int i = 0; i < pg::kNumDatasetKinds; ++i) {
        const auto kind = pg::DatasetKind(i);
        CHECK(pg::parse_dataset(pg::dataset_name(kind)) == kind);
    }
    CHECK_FALSE(pg::parse_dataset("circles").has_value());
    CHECK(pg::dataset_problem(pg::DatasetKind::kRegGauss) == pg::Problem::kRegression);
    CHECK(pg::dataset_problem(pg::DatasetKind::kSpiral3) == pg::Problem::kMulticlass);
    CHECK(pg::dataset_problem(pg::DatasetKind::kXor) == pg::Problem::kClassification);
    CHECK(pg::parse_problem("multiclass") == pg::Problem::kMulticlass);
    CHECK_FALSE(pg::parse_problem("Classification").has_value());
}

TEST_CASE("the reference's datasets: counts, balance, ranges") {
    SUBCASE("circle") {
        const auto ps = gen(pg::DatasetKind::kCircle);
        REQUIRE(ps.size() == 500);
        CHECK(count_label(ps, 1) == 250);
        CHECK(count_label(ps, -1) == 250);
        for (size_t i = 0; i < ps.size(); ++i) {
            const double r = std::sqrt(ps[i].x1 * ps[i].x1 + ps[i].x2 * ps[i].x2);
            if (i < 250) CHECK(r <= 2.5);  // positives first, inside radius 2.5
            else CHECK((r >= 3.5 - 1e-12 && r <= 5.0 + 1e-12));
            CHECK(ps[i].label == (r < 2.5 ? 1.0 : -1.0));  // noise 0: label from the point itself
        }
    }
    SUBCASE("circle with noise moves labels, not points") {
        const auto clean = gen(pg::DatasetKind::kCircle, 0, 0.0);
        const auto noisy = gen(pg::DatasetKind::kCircle, 0, 0.5);
        int flipped = 0;
        for (const auto& p : noisy) {
            const double r = std::sqrt(p.x1 * p.x1 + p.x2 * p.x2);
            CHECK(r <= 5.0 + 1e-12);
            flipped += (r < 2.5 ? 1.0 : -1.0) != p.label;
        }
        CHECK(flipped > 10);
    }
    SUBCASE("xor") {
        const auto ps = gen(pg::DatasetKind::kXor);
        REQUIRE(ps.size() == 500);
        for (const auto& p : ps) {
            CHECK(std::fabs(p.x1) >= 0.3);
            CHECK(std::fabs(p.x1) <= 5.3);
            CHECK(std::fabs(p.x2) >= 0.3);
            CHECK(std::fabs(p.x2) <= 5.3);
            CHECK(p.label == (p.x1 * p.x2 >= 0 ? 1.0 : -1.0));
        }
        CHECK(count_label(ps, 1) > 200);
        CHECK(count_label(ps, -1) > 200);
    }
    SUBCASE("gauss") {
        const auto ps = gen(pg::DatasetKind::kGauss);
        REQUIRE(ps.size() == 500);
        double mx = 0, my = 0, var = 0;
        for (int i = 0; i < 250; ++i) {
            CHECK(ps[size_t(i)].label == 1.0);
            mx += ps[size_t(i)].x1 / 250;
            my += ps[size_t(i)].x2 / 250;
        }
        for (int i = 0; i < 250; ++i) var += (ps[size_t(i)].x1 - mx) * (ps[size_t(i)].x1 - mx) / 250;
        CHECK(mx == doctest::Approx(2.0).epsilon(0.1));
        CHECK(my == doctest::Approx(2.0).epsilon(0.1));
        CHECK(var == doctest::Approx(0.5).epsilon(0.25));  // variance 0.5 at noise 0
        CHECK(count_label(ps, -1) == 250);
    }
    SUBCASE("spiral") {
        const auto ps = gen(pg::DatasetKind::kSpiral);
        REQUIRE(ps.size() == 500);
        CHECK(count_label(ps, 1) == 250);
        // Noise 0: point i of the first arm is exactly r = 5i/250 at t = 1.75·2π·i/250.
        const int i = 100;
        const double r = 5.0 * i / 250, t = 1.75 * i / 250.0 * 2 * pg::kPi;
        CHECK(ps[size_t(i)].x1 == doctest::Approx(r * std::sin(t)).epsilon(1e-12));
        CHECK(ps[size_t(i)].x2 == doctest::Approx(r * std::cos(t)).epsilon(1e-12));
        // The second arm is the first rotated by π.
        CHECK(ps[250 + size_t(i)].x1 == doctest::Approx(-ps[size_t(i)].x1).epsilon(1e-12));
        CHECK(ps[250].label == -1.0);
    }
    SUBCASE("reg-plane") {
        const auto ps = gen(pg::DatasetKind::kRegPlane);
        REQUIRE(ps.size() == 1200);
        for (const auto& p : ps) {
            CHECK(std::fabs(p.x1) <= 6.0);
            CHECK(std::fabs(p.x2) <= 6.0);
            CHECK(p.label == doctest::Approx((p.x1 + p.x2) / 10.0));
        }
    }
    SUBCASE("reg-gauss") {
        const auto ps = gen(pg::DatasetKind::kRegGauss);
        REQUIRE(ps.size() == 1200);
        for (const auto& p : ps) {
            CHECK(std::fabs(p.label) <= 1.0);
            CHECK(std::fabs(p.x1) <= 6.0);
        }
        // A point on a bump's centre has |label| = 1 with the bump's sign: check the
        // labels' signs are right near (4, 2.5) (+) and (0, 2.5) (-).
        for (const auto& p : ps) {
            const double d1 = std::hypot(p.x1 - 4, p.x2 - 2.5), d2 = std::hypot(p.x1, p.x2 - 2.5);
            if (d1 < 1) CHECK(p.label > 0);
            if (d2 < 1) CHECK(p.label < 0);
        }
    }
}

TEST_CASE("sample count and classes can be set") {
    CHECK(gen(pg::DatasetKind::kCircle, 101).size() == 101);
    CHECK(gen(pg::DatasetKind::kRegGauss, 50).size() == 50);
    CHECK(gen(pg::DatasetKind::kXor, 1).size() == size_t(pg::kMinSamples));  // clamped
    CHECK(gen(pg::DatasetKind::kGauss, 10'000'000).size() == size_t(pg::kMaxSamples));
    SUBCASE("blobs") {
        const auto ps = gen(pg::DatasetKind::kBlobs, 0, 0, 3);
        REQUIRE(ps.size() == 600);
        for (int k = 0; k < 3; ++k) CHECK(count_label(ps, k) == 200);
        const auto ps5 = gen(pg::DatasetKind::kBlobs, 103, 0.1, 5);
        REQUIRE(ps5.size() == 103);
        CHECK(count_label(ps5, 0) == 21);
        CHECK(count_label(ps5, 4) == 20);
    }
    SUBCASE("spiral3") {
        const auto ps = gen(pg::DatasetKind::kSpiral3, 0, 0, 3);
        REQUIRE(ps.size() == 600);
        for (int k = 0; k < 3; ++k) CHECK(count_label(ps, k) == 200);
        for (const auto& p : ps) CHECK(std::hypot(p.x1, p.x2) <= 5.0);
    }
}

TEST_CASE("generation is deterministic per seed") {
    for (int i = 0; i < pg::kNumDatasetKinds; ++i) {
        const auto kind = pg::DatasetKind(i);
        const auto a = gen(kind, 0, 0.3, 4, 99), b = gen(kind, 0, 0.3, 4, 99), c = gen(kind, 0, 0.3, 4, 100);
        REQUIRE(a.size() == b.size());
        CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(pg::Point)) == 0);
        CHECK(std::memcmp(a.data(), c.data(), a.size() * sizeof(pg::Point)) != 0);
    }
}

TEST_CASE("shuffle is a seeded permutation, split by percentage") {
    auto ps = gen(pg::DatasetKind::kRegPlane, 200);
    const auto original = ps;
    pg::Rng rng(3);
    pg::shuffle_points(ps, rng);
    std::multiset<double> a, b;
    for (const auto& p : ps) a.insert(p.x1);
    for (const auto& p : original) b.insert(p.x1);
    CHECK(a == b);
    CHECK(std::memcmp(ps.data(), original.data(), ps.size() * sizeof(pg::Point)) != 0);

    pg::DataSplit split;
    pg::split_points(ps, 70, split);
    CHECK(split.train.size() == 140);
    CHECK(split.test.size() == 60);
    CHECK(split.train[0].x1 == ps[0].x1);
    CHECK(split.test[0].x1 == ps[140].x1);

    // 100 %: no test set; one point always trains; below 100 % both sides keep one.
    pg::split_points(ps, 100, split);
    CHECK(split.train.size() == 200);
    CHECK(split.test.empty());
    pg::split_points(std::span(ps).first(1), 10, split);
    CHECK(split.train.size() == 1);
    CHECK(split.test.empty());
    pg::split_points(std::span(ps).first(2), 99, split);
    CHECK(split.train.size() == 1);
    CHECK(split.test.size() == 1);
    pg::split_points(std::span(ps).first(2), 100, split);
    CHECK(split.train.size() == 2);

    pg::DataSplit s1, s2;
    pg::make_data_split({pg::DatasetKind::kCircle, 0, 0.2, 3}, 1234, 50, s1);
    pg::make_data_split({pg::DatasetKind::kCircle, 0, 0.2, 3}, 1234, 50, s2);
    REQUIRE(s1.train.size() == 250);
    REQUIRE(s1.test.size() == 250);
    CHECK(std::memcmp(s1.train.data(), s2.train.data(), 250 * sizeof(pg::Point)) == 0);
    // Shuffled: both classes in the first 20 training points.
    int pos = 0;
    for (int i = 0; i < 20; ++i) pos += s1.train[size_t(i)].label > 0;
    CHECK(pos > 2);
    CHECK(pos < 18);
}

TEST_CASE("features: names, values, rows, grid") {
    for (pg::Feature f : pg::kAllFeatures) CHECK(pg::parse_feature(pg::feature_name(f)) == f);
    CHECK_FALSE(pg::parse_feature("X").has_value());
    CHECK(pg::feature_name(pg::Feature::kXTimesY) == "xTimesY");
    CHECK(pg::feature_label(pg::Feature::kSinY) == "sin(X\u2082)");

    CHECK(pg::feature_value(pg::Feature::kXSquared, -3, 2) == 9);
    CHECK(pg::feature_value(pg::Feature::kYSquared, -3, 2) == 4);
    CHECK(pg::feature_value(pg::Feature::kXTimesY, -3, 2) == -6);
    CHECK(pg::feature_value(pg::Feature::kSinX, 1.0, 0) == doctest::Approx(std::sin(1.0)));
    CHECK(pg::feature_value(pg::Feature::kCosY, 0, 2.0) == doctest::Approx(std::cos(2.0)));

    const std::vector<pg::Feature> fs = {pg::Feature::kY, pg::Feature::kX, pg::Feature::kCosX};
    const std::vector<pg::Point> pts = {{1, 2, 1}, {-0.5, 4, -1}};
    float rows[6];
    pg::compute_features(fs, pts, rows);
    CHECK(rows[0] == 2.0f);
    CHECK(rows[1] == 1.0f);
    CHECK(rows[2] == float(pg::det_cos(1.0)));
    CHECK(rows[3] == 4.0f);
    CHECK(rows[4] == -0.5f);

    // Grid: 3×3 over [-6, 6]: index 0 = top-left (-6, 6), 8 = bottom-right (6, -6).
    double x1, x2;
    pg::grid_point(3, -6, 6, 0, x1, x2);
    CHECK(x1 == -6);
    CHECK(x2 == 6);
    pg::grid_point(3, -6, 6, 5, x1, x2);
    CHECK(x1 == 6);
    CHECK(x2 == 0);
    std::vector<float> grid(9 * 2);
    const pg::Feature xy[2] = {pg::Feature::kX, pg::Feature::kY};
    pg::compute_grid_features(xy, 3, -6, 6, grid.data());
    CHECK(grid[2 * 8 + 0] == 6.0f);
    CHECK(grid[2 * 8 + 1] == -6.0f);
}

// The bit-identity proof: this constant was computed by the native build and
// must come out the same in the WebAssembly build (and on any platform).
TEST_CASE("data checksum is the same natively and in WebAssembly") {
    Fnv fnv;
    for (int i = 0; i < pg::kNumDatasetKinds; ++i) {
        pg::DataSplit split;
        pg::make_data_split({pg::DatasetKind(i), 0, 0.35, 4}, pg::seed_from_string("0.59704"), 60,
                            split);
        for (const auto* set : {&split.train, &split.test})
            for (const auto& p : *set) {
                fnv.add(p.x1);
                fnv.add(p.x2);
                fnv.add(p.label);
                for (pg::Feature f : pg::kAllFeatures) fnv.add(pg::feature_value(f, p.x1, p.x2));
            }
    }
    MESSAGE("data checksum: " << fnv.h);
    CHECK(fnv.h == 0x2D715C3CD6111AD6ULL);
}
