// Every SIMD kernel against the scalar reference at awkward sizes: empty,
// shorter than a vector, one past a vector, several vectors plus a tail.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "pg/kernels.h"
#include "pg/kernels_ref.h"
#include "pg/rng.h"

namespace {

constexpr int kSizes[] = {0, 1, 3, 7, 8, 9, 17, 33, 257};

std::vector<float> random_vector(size_t count, uint64_t seed, double lo = -1.0, double hi = 1.0) {
    pg::Rng rng(seed);
    std::vector<float> v(count);
    for (float& x : v) x = float(rng.uniform(lo, hi));
    return v;
}

// |a − b| ≤ tol · (1 + |b|) for every element.
void check_close(const std::vector<float>& a, const std::vector<float>& b, double tol) {
    REQUIRE(a.size() == b.size());
    for (size_t k = 0; k < a.size(); ++k) {
        INFO("element " << k << ": " << a[k] << " vs " << b[k]);
        CHECK(std::fabs(double(a[k]) - double(b[k])) <= tol * (1.0 + std::fabs(double(b[k]))));
    }
}

const pg::Kernels& ref = pg::reference_kernels();

// The SIMD kernel set under test: a test case that calls this runs once per
// set (doctest subcases), the chosen target's and, natively, --exact's
// (Backend::Exact: the SSE4 target; under WebAssembly the same set).
const pg::Kernels& simd_set() {
    if (pg::exact_kernels_supported() && &pg::exact_kernels() != &pg::simd_kernels()) {
        SUBCASE("exact kernels") { return pg::exact_kernels(); }
    }
    SUBCASE("SIMD kernels") {}
    return pg::simd_kernels();
}

}  // namespace

TEST_CASE("kernels: SIMD target is reported") {
    const std::string name = pg::simd_target_name();
    MESSAGE("SIMD target: " << name);
    CHECK(!name.empty());
    // The target that main() was asked to run (tests/unit/main.cpp) is the one in use.
    const char* wanted = std::getenv("PG_SIMD_TARGET");
    if (wanted && *wanted) CHECK(name == wanted);
}

TEST_CASE("kernels: dense forward, backward dx and dw match the reference") {
    const pg::Kernels& simd = simd_set();
    for (int n : {0, 1, 3, 10, 17}) {
        for (int in : kSizes) {
            for (int out : kSizes) {
                if (size_t(n) * in * out > 40000) continue;  // keep the test quick
                CAPTURE(n);
                CAPTURE(in);
                CAPTURE(out);
                const auto x = random_vector(size_t(n) * in, 1 + in);
                const auto wt = random_vector(size_t(in) * out, 2 + out);
                const auto w = random_vector(size_t(out) * in, 3 + out);
                const auto b = random_vector(size_t(out), 4);
                const auto delta = random_vector(size_t(n) * out, 5 + n);
                const double tol = 1e-5 * std::sqrt(double(std::max({in, out, n, 1})));

                for (int ai = 0; ai < pg::kActivationCount; ++ai) {
                    const auto act = pg::Activation(ai);
                    CAPTURE(pg::to_string(act));
                    std::vector<float> z1(size_t(n) * out, 7.0f), z2(z1), a1(z1), a2(z1);
                    simd.dense_forward(act, n, in, out, x.data(), wt.data(), b.data(), z1.data(), a1.data());
                    ref.dense_forward(act, n, in, out, x.data(), wt.data(), b.data(), z2.data(), a2.data());
                    check_close(z1, z2, tol);
                    check_close(a1, a2, tol + 2e-6);
                    simd.dense_forward(act, n, in, out, x.data(), wt.data(), nullptr, nullptr, a1.data());
                    ref.dense_forward(act, n, in, out, x.data(), wt.data(), nullptr, nullptr, a2.data());
                    check_close(a1, a2, tol + 2e-6);

                    // dx with the previous layer's derivative: its z and a are (n, in).
                    const auto zp = random_vector(size_t(n) * in, 6 + in, -3.0, 3.0);
                    std::vector<float> ap(zp.size());
                    ref.activation_forward(act, zp.size(), zp.data(), ap.data());
                    std::vector<float> dx1(size_t(n) * in, 7.0f), dx2(dx1);
                    simd.dense_backward_dx(act, n, in, out, delta.data(), w.data(), zp.data(), ap.data(), dx1.data());
                    ref.dense_backward_dx(act, n, in, out, delta.data(), w.data(), zp.data(), ap.data(), dx2.data());
                    check_close(dx1, dx2, act == pg::Activation::GELUTanh ? tol + 1e-5 : tol + 2e-6);
                }
                std::vector<float> dx1(size_t(n) * in, 7.0f), dx2(dx1);
                simd.dense_backward_dx(pg::Activation::Linear, n, in, out, delta.data(), w.data(), nullptr, nullptr,
                                       dx1.data());
                ref.dense_backward_dx(pg::Activation::Linear, n, in, out, delta.data(), w.data(), nullptr, nullptr,
                                      dx2.data());
                check_close(dx1, dx2, tol);

                std::vector<float> dw1(size_t(out) * in, 7.0f), dw2(dw1), db1(size_t(out), 7.0f), db2(db1);
                const float scale = n > 0 ? 1.0f / float(n) : 1.0f;
                simd.dense_backward_dw(n, in, out, delta.data(), x.data(), scale, dw1.data(), db1.data());
                ref.dense_backward_dw(n, in, out, delta.data(), x.data(), scale, dw2.data(), db2.data());
                check_close(dw1, dw2, tol);
                check_close(db1, db2, tol);
            }
        }
    }
}

TEST_CASE("kernels: grid forward (neuron-major, activation fused) matches the reference") {
    const pg::Kernels& simd = simd_set();
    for (int n : kSizes) {
        for (int in : {1, 2, 7, 8, 9}) {
            for (int out : {1, 3, 8, 17}) {
                CAPTURE(n);
                CAPTURE(in);
                CAPTURE(out);
                const size_t xs = size_t(n) + 5, ys = size_t(n) + 3;  // strides wider than n
                const auto x = random_vector(size_t(in) * xs, 11);
                const auto w = random_vector(size_t(out) * in, 12);
                const auto b = random_vector(size_t(out), 13);
                for (int a = 0; a < pg::kActivationCount; ++a) {
                    const auto act = pg::Activation(a);
                    CAPTURE(pg::to_string(act));
                    std::vector<float> y1(size_t(out) * ys, 9.0f), y2(y1);
                    simd.dense_forward_cols(act, n, in, out, w.data(), b.data(), x.data(), xs, y1.data(), ys);
                    ref.dense_forward_cols(act, n, in, out, w.data(), b.data(), x.data(), xs, y2.data(), ys);
                    check_close(y1, y2, 1e-5);  // also checks the gaps past n are untouched
                }
            }
        }
    }
}

TEST_CASE("kernels: every activation and its derivative match the reference") {
    const pg::Kernels& simd = simd_set();
    for (int a = 0; a < pg::kActivationCount; ++a) {
        const auto act = pg::Activation(a);
        CAPTURE(pg::to_string(act));
        for (int count : kSizes) {
            CAPTURE(count);
            // Wide range: saturation of sigmoid/tanh and the ReLU kink at 0.
            auto z = random_vector(size_t(count), 21 + count, -12.0, 12.0);
            if (count > 2) z[1] = 0.0f;
            const auto grad = random_vector(size_t(count), 22);
            std::vector<float> a1(static_cast<size_t>(count)), a2(a1);
            simd.activation_forward(act, size_t(count), z.data(), a1.data());
            ref.activation_forward(act, size_t(count), z.data(), a2.data());
            check_close(a1, a2, 2e-6);
            std::vector<float> d1(static_cast<size_t>(count)), d2(d1);
            simd.activation_backward(act, size_t(count), z.data(), a2.data(), grad.data(), d1.data());
            ref.activation_backward(act, size_t(count), z.data(), a2.data(), grad.data(), d2.data());
            // The tanh GELU's derivative multiplies 1 − tanh²(u) by ~z³: the fast
            // tanh's few-ulp error becomes ~5e-6 there.
            check_close(d1, d2, act == pg::Activation::GELUTanh ? 1e-5 : 2e-6);
            // In place, as the network uses them.
            std::vector<float> in_place = z;
            simd.activation_forward(act, size_t(count), in_place.data(), in_place.data());
            check_close(in_place, a1, 0.0);
        }
    }
}

TEST_CASE("kernels: the update step is bit-identical to the reference") {
    const pg::Kernels& simd = simd_set();
    for (int reg = 0; reg < 3; ++reg) {
        for (bool nesterov : {false, true}) {
            for (int count : kSizes) {
                CAPTURE(reg);
                CAPTURE(nesterov);
                CAPTURE(count);
                pg::UpdateSettings s{0.3f, 0.9f, nesterov, pg::Regularization(reg), 0.5f};
                auto w1 = random_vector(size_t(count), 31, -0.2, 0.2);
                auto v1 = random_vector(size_t(count), 32, -0.1, 0.1);
                const auto g = random_vector(size_t(count), 33);
                auto w2 = w1, v2 = v1;
                const auto w0 = w1, v0 = v1;
                // The SIMD set keeps the old values on request; the reference is
                // called without (both forms must update identically).
                std::vector<float> w_old(size_t(count), 7.0f), v_old(size_t(count), 7.0f);
                CHECK(simd.sgd_update(size_t(count), w1.data(), v1.data(), g.data(), s, w_old.data(), v_old.data()));
                CHECK(ref.sgd_update(size_t(count), w2.data(), v2.data(), g.data(), s, nullptr, nullptr));
                check_close(w1, w2, 0.0);
                check_close(v1, v2, 0.0);
                CHECK(w_old == w0);
                CHECK(v_old == v0);
            }
        }
    }
}

TEST_CASE("kernels: the update step reports a non-finite result anywhere, including the tail") {
    const pg::Kernels& simd = simd_set();
    const pg::UpdateSettings s{0.1f, 0.5f, false, pg::Regularization::None, 0.0f};
    for (int count : kSizes) {
        for (int pos = 0; pos < count; pos += std::max(1, count / 4)) {
            for (float bad : {NAN, INFINITY}) {
                CAPTURE(count);
                CAPTURE(pos);
                for (const pg::Kernels* k : {&simd, &ref}) {
                    auto w = random_vector(size_t(count), 61), v = random_vector(size_t(count), 62);
                    auto g = random_vector(size_t(count), 63);
                    g[size_t(pos)] = bad;
                    CHECK_FALSE(k->sgd_update(size_t(count), w.data(), v.data(), g.data(), s, nullptr, nullptr));
                    CHECK_FALSE(std::isfinite(w[size_t(pos)]));
                }
            }
        }
    }
}

TEST_CASE("kernels: transpose matches the reference exactly") {
    const pg::Kernels& simd = simd_set();
    for (int rows : kSizes) {
        for (int cols : kSizes) {
            CAPTURE(rows);
            CAPTURE(cols);
            const auto src = random_vector(size_t(rows) * cols, 51);
            std::vector<float> t1(src.size(), 3.0f), t2(t1);
            simd.transpose(rows, cols, src.data(), t1.data());
            ref.transpose(rows, cols, src.data(), t2.data());
            CHECK(t1 == t2);
            if (rows > 2 && cols > 1) CHECK(t1[size_t(1) * rows + 2] == src[size_t(2) * cols + 1]);
        }
    }
}

TEST_CASE("kernels: all_finite finds a NaN or Inf anywhere, including the tail") {
    const pg::Kernels& simd = simd_set();
    for (int count : kSizes) {
        auto v = random_vector(size_t(count), 41);
        CHECK(simd.all_finite(v.size(), v.data()));
        CHECK(ref.all_finite(v.size(), v.data()));
        for (int pos = 0; pos < count; pos += std::max(1, count / 5)) {
            for (float bad : {NAN, INFINITY, -INFINITY}) {
                auto w = v;
                w[size_t(pos)] = bad;
                CAPTURE(count);
                CAPTURE(pos);
                CHECK_FALSE(simd.all_finite(w.size(), w.data()));
                CHECK_FALSE(ref.all_finite(w.size(), w.data()));
            }
        }
    }
}

TEST_CASE("kernels: NaN passes through tanh and sigmoid (divergence must stay visible)") {
    const pg::Kernels& simd = simd_set();
    for (pg::Activation act : {pg::Activation::Tanh, pg::Activation::Sigmoid, pg::Activation::Linear}) {
        CAPTURE(pg::to_string(act));
        std::vector<float> z(11, 0.5f), a(11);
        z[3] = NAN;
        z[10] = NAN;  // in the tail
        simd.activation_forward(act, z.size(), z.data(), a.data());
        CHECK(std::isnan(a[3]));
        CHECK(std::isnan(a[10]));
        CHECK(a[0] == doctest::Approx(pg::ref::activation_value<double>(act, 0.5)).epsilon(1e-6));
        // Saturation is exact: tanh(±20) = ±1, so 1 − tanh² = 0.
        if (act == pg::Activation::Tanh) {
            const float big[2] = {20.0f, -20.0f};
            float out[2];
            simd.activation_forward(act, 2, big, out);
            CHECK(out[0] == 1.0f);
            CHECK(out[1] == -1.0f);
        }
    }
}
