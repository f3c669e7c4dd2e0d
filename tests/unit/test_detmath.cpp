// pg/detmath.h against the C library: within a few ulps over the ranges the
// engine uses (and well beyond), plus the special values.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "pg/detmath.h"
#include "pg/rng.h"

namespace {

// Distance in units in the last place between two finite doubles.
int64_t ulp_distance(double a, double b) {
    if (a == b) return 0;
    int64_t ia, ib;
    std::memcpy(&ia, &a, 8);
    std::memcpy(&ib, &b, 8);
    if (ia < 0) ia = INT64_MIN - ia;  // map to a monotonic integer line
    if (ib < 0) ib = INT64_MIN - ib;
    return ia > ib ? ia - ib : ib - ia;
}

template <class F, class G>
int64_t worst_ulps(F ours, G theirs, double lo, double hi, int n, uint64_t seed) {
    pg::Rng rng(seed);
    int64_t worst = 0;
    for (int i = 0; i < n; ++i) {
        const double x = rng.uniform(lo, hi);
        const int64_t d = ulp_distance(ours(x), theirs(x));
        if (d > worst) worst = d;
    }
    return worst;
}

}  // namespace

TEST_CASE("det_sin and det_cos match std within 2 ulps") {
    auto dsin = [](double x) { return pg::det_sin(x); };
    auto dcos = [](double x) { return pg::det_cos(x); };
    auto ssin = [](double x) { return std::sin(x); };
    auto scos = [](double x) { return std::cos(x); };
    SUBCASE("primary range") {
        CHECK(worst_ulps(dsin, ssin, -0.78, 0.78, 20000, 1) <= 1);
        CHECK(worst_ulps(dcos, scos, -0.78, 0.78, 20000, 2) <= 1);
    }
    SUBCASE("angles and features") {
        CHECK(worst_ulps(dsin, ssin, -20.0, 20.0, 50000, 3) <= 2);
        CHECK(worst_ulps(dcos, scos, -20.0, 20.0, 50000, 4) <= 2);
        CHECK(worst_ulps(dsin, ssin, 0.0, pg::kTwoPi, 50000, 5) <= 2);
        CHECK(worst_ulps(dcos, scos, 0.0, pg::kTwoPi, 50000, 6) <= 2);
    }
    SUBCASE("large arguments with exact reduction") {
        CHECK(worst_ulps(dsin, ssin, -1.0e6, 1.0e6, 20000, 7) <= 2);
        CHECK(worst_ulps(dcos, scos, -1.0e6, 1.0e6, 20000, 8) <= 2);
    }
    SUBCASE("near multiples of pi/2 (cancellation)") {
        for (int k = -64; k <= 64; ++k) {
            const double x = k * (pg::kPi / 2);
            // Absolute error: sin(kπ/2 rounded) is tiny and relative ulps are meaningless.
            CHECK(std::fabs(pg::det_sin(x) - std::sin(x)) <= 1e-16 * (1 + std::fabs(x)));
            CHECK(std::fabs(pg::det_cos(x) - std::cos(x)) <= 1e-16 * (1 + std::fabs(x)));
        }
        CHECK(ulp_distance(pg::det_sin(pg::kPi), std::sin(pg::kPi)) <= 1);
        CHECK(ulp_distance(pg::det_cos(pg::kPi / 2), std::cos(pg::kPi / 2)) <= 1);
    }
    SUBCASE("special values") {
        CHECK(pg::det_sin(0.0) == 0.0);
        CHECK(std::signbit(pg::det_sin(-0.0)));
        CHECK(pg::det_cos(0.0) == 1.0);
        CHECK(pg::det_sin(1e-300) == 1e-300);
        CHECK(std::isnan(pg::det_sin(std::numeric_limits<double>::infinity())));
        CHECK(std::isnan(pg::det_cos(-std::numeric_limits<double>::infinity())));
        CHECK(std::isnan(pg::det_sin(std::numeric_limits<double>::quiet_NaN())));
        // Huge arguments: deterministic and bounded (accuracy not promised).
        const double s = pg::det_sin(1e300), c = pg::det_cos(1e300);
        CHECK(std::fabs(s) <= 1.0);
        CHECK(std::fabs(c) <= 1.0);
        CHECK(pg::det_sin(1e300) == s);
    }
}

TEST_CASE("det_log matches std within 1 ulp") {
    auto dlog = [](double x) { return pg::det_log(x); };
    auto slog = [](double x) { return std::log(x); };
    CHECK(worst_ulps(dlog, slog, 1e-300, 1.0, 20000, 11) <= 1);
    CHECK(worst_ulps(dlog, slog, 0.0, 1.0, 50000, 12) <= 1);
    CHECK(worst_ulps(dlog, slog, 0.5, 2.0, 50000, 13) <= 1);
    CHECK(worst_ulps(dlog, slog, 1.0, 1e300, 20000, 14) <= 1);
    pg::Rng rng(15);
    int64_t worst = 0;
    for (int i = 0; i < 20000; ++i) {  // log-uniform over the whole range
        const double x = std::ldexp(1.0 + rng.uniform(), int(rng.below(2090)) - 1070);
        worst = std::max(worst, ulp_distance(pg::det_log(x), std::log(x)));
    }
    CHECK(worst <= 1);
    CHECK(pg::det_log(1.0) == 0.0);
    CHECK(pg::det_log(0.0) == -std::numeric_limits<double>::infinity());
    CHECK(std::isnan(pg::det_log(-1.0)));
    CHECK(pg::det_log(std::numeric_limits<double>::infinity()) ==
          std::numeric_limits<double>::infinity());
    CHECK(ulp_distance(pg::det_log(std::numeric_limits<double>::denorm_min()),
                       std::log(std::numeric_limits<double>::denorm_min())) <= 1);
}

TEST_CASE("det_exp matches std within 1 ulp") {
    auto dexp = [](double x) { return pg::det_exp(x); };
    auto sexp = [](double x) { return std::exp(x); };
    CHECK(worst_ulps(dexp, sexp, -1.0, 1.0, 50000, 21) <= 1);
    CHECK(worst_ulps(dexp, sexp, -30.0, 30.0, 50000, 22) <= 1);
    CHECK(worst_ulps(dexp, sexp, -700.0, 709.0, 50000, 23) <= 1);
    CHECK(worst_ulps(dexp, sexp, -745.0, -708.0, 20000, 24) <= 1);  // subnormal results
    CHECK(pg::det_exp(0.0) == 1.0);
    CHECK(pg::det_exp(1000.0) == std::numeric_limits<double>::infinity());
    CHECK(pg::det_exp(-1000.0) == 0.0);
    CHECK(std::isnan(pg::det_exp(std::numeric_limits<double>::quiet_NaN())));
}

TEST_CASE("det_scalbn is exact") {
    CHECK(pg::det_scalbn(1.5, 3) == 12.0);
    CHECK(pg::det_scalbn(1.0, -1074) == std::numeric_limits<double>::denorm_min());
    CHECK(pg::det_scalbn(1.0, 1024) == std::numeric_limits<double>::infinity());
    CHECK(pg::det_scalbn(0x1p-1074, 2000) == std::ldexp(0x1p-1074, 2000));
}

TEST_CASE("Rng::normal has mean 0 and variance 1 and is reproducible") {
    pg::Rng a(42), b(42);
    double sum = 0, sum_sq = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double v = a.normal();
        REQUIRE(v == b.normal());
        REQUIRE(std::isfinite(v));
        sum += v;
        sum_sq += v * v;
    }
    const double mean = sum / n;
    const double var = sum_sq / n - mean * mean;
    CHECK(mean == doctest::Approx(0.0).epsilon(0.01).scale(1.0));
    CHECK(var == doctest::Approx(1.0).epsilon(0.01));
}
