// Backend::Exact (pg/network.h): the WebAssembly build's arithmetic natively.
// Checked three ways, in every run of this program (natively at each SIMD
// target, and as WebAssembly, where Exact is the SIMD set itself):
//   - no fused multiply-add anywhere: inputs whose product-then-sum rounds
//     differently from a fused one;
//   - whole training runs give fixed bits: a hash of every parameter and loss
//     after many steps, the same constant natively and in WebAssembly;
//   - the exact kernels against the scalar reference (tests/unit/test_kernels.cpp
//     runs every kernel case with them too).
// Where the CPU has no SSE4 (or the run forces the scalar target) the exact
// kernels do not exist natively; the checks say so and pass.
#include <doctest/doctest.h>

#include <cmath>
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "pg/detmath.h"
#include "pg/kernels.h"
#include "pg/network.h"
#include "pg/rng.h"

namespace {

bool exact_available() {
    if (pg::exact_kernels_supported()) return true;
    MESSAGE("no exact kernels on this CPU or SIMD target: skipped");
    return false;
}

// FNV-1a over the bits of floats and doubles.
struct BitHash {
    uint64_t h = 1469598103934665603ull;
    void bytes(const void* p, size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        for (size_t k = 0; k < n; ++k) h = (h ^ b[k]) * 1099511628211ull;
    }
    void add(float v) { bytes(&v, sizeof v); }
    void add(double v) { bytes(&v, sizeof v); }
};

// x = w = 1 + 2⁻¹², b = −1: x·w = 1 + 2⁻¹¹ + 2⁻²⁴ rounds to 1 + 2⁻¹¹ as a
// float, so b + x·w is 2⁻¹¹ computed in two steps and 2⁻¹¹ + 2⁻²⁴ fused.
constexpr float kX = 1.0f + 0x1p-12f, kW = 1.0f + 0x1p-12f, kB = -1.0f;
constexpr float kUnfused = 0x1p-11f;

}  // namespace

TEST_CASE("exact: no fused multiply-add in the forward kernels") {
    if (!exact_available()) return;
    const pg::Kernels& k = pg::exact_kernels();
    for (int out : {1, 3, 4, 5, 8, 9}) {  // vector widths, tails and the single-output dot product
        CAPTURE(out);
        const int n = 3, in = 1;
        std::vector<float> x(size_t(n) * in, kX), wt(size_t(in) * out, kW), b(size_t(out), kB);
        std::vector<float> z(size_t(n) * out), a(z.size());
        k.dense_forward(pg::Activation::Linear, n, in, out, x.data(), wt.data(), b.data(), z.data(), a.data());
        for (float v : z) CHECK(v == kUnfused);
        // The grid form (neuron-major, 5 points: a vector and a tail).
        std::vector<float> xc(5, kX), y(size_t(out) * 5);
        k.dense_forward_cols(pg::Activation::Linear, 5, 1, out, wt.data(), b.data(), xc.data(), 5, y.data(), 5);
        for (float v : y) CHECK(v == kUnfused);
    }
    // The fused narrow pass (one 1-1 layer).
    if (k.narrow_forward) {
        std::vector<float> z(16), a(16), delta(16);
        pg::NarrowLayer L;
        L.in = 1;
        L.out = 1;
        L.w = &kW;
        L.b = &kB;
        L.z = z.data();
        L.a = a.data();
        L.delta = delta.data();
        const float x[3] = {kX, kX, kX};
        k.narrow_forward(1, &L, 3, x);
        for (int r = 0; r < 3; ++r) CHECK(z[size_t(r)] == kUnfused);
    }
}

TEST_CASE("exact: the default backend follows set_default_backend") {
    CHECK(pg::default_backend() == pg::Backend::Simd);
    pg::set_default_backend(pg::Backend::Exact);
    pg::Network made_now;
    pg::set_default_backend(pg::Backend::Simd);
    pg::Network made_after;
    CHECK(made_now.backend() == pg::Backend::Exact);
    CHECK(made_after.backend() == pg::Backend::Simd);
}

TEST_CASE("det_expf is within a float ulp of e^x") {
    int worst = 0;
    for (int k = 0; k <= 200000; ++k) {
        const float x = -104.0f + 193.0f * float(k) / 200000.0f;
        const float got = pg::det_expf(x);
        const float want = float(std::exp(double(x)));
        int32_t a, b;
        std::memcpy(&a, &got, 4);
        std::memcpy(&b, &want, 4);
        worst = std::max(worst, std::abs(a - b));
    }
    CHECK(worst <= 1);
    CHECK(pg::det_expf(0.0f) == 1.0f);
    CHECK(pg::det_expf(-200.0f) == 0.0f);
    CHECK(pg::det_expf(100.0f) == HUGE_VALF);
    CHECK(std::isnan(pg::det_expf(NAN)));
}

TEST_CASE("det_log1p is accurate and deterministic") {
    for (double x : {0.0, 1e-300, 1e-17, 1e-9, 1e-3, 0.25, 0.5, 1.0, 3.0, 1e6, -0.5, -1e-12}) {
        CAPTURE(x);
        CHECK(pg::det_log1p(x) == doctest::Approx(std::log1p(x)).epsilon(1e-15));
    }
    CHECK(pg::det_log1p(-1.0) == -HUGE_VAL);
    CHECK(std::isnan(pg::det_log1p(-2.0)));
}

// Many steps of three networks with the exact kernels; every parameter and
// every batch loss goes into one hash. The constants are what WebAssembly
// computes (pg_tests.js): native exact must give the same bits.
namespace {

struct Run {
    const char* name;
    pg::NetworkSpec spec;
    pg::HyperParams hyper;
    int steps;
    int batch;
    uint64_t expected;
};

uint64_t train_hash(const Run& run) {
    pg::Network net;
    std::string error;
    REQUIRE_MESSAGE(net.configure(run.spec, error), error);
    net.set_backend(pg::Backend::Exact);
    net.init(pg::Init::GlorotUniform, 7);
    net.hyper() = run.hyper;
    const int in = run.spec.inputs, K = run.spec.layers.back().units;
    const int examples = 200;
    pg::Rng rng(11);
    std::vector<float> x(size_t(examples) * in), t(size_t(examples) * K, 0.0f);
    for (int e = 0; e < examples; ++e) {
        const double p = rng.uniform(-5, 5), q = rng.uniform(-5, 5);
        for (int i = 0; i < in; ++i) x[size_t(e) * in + i] = float(i % 2 ? q : p) / float(1 + i / 2);
        const int cls = (p * p + q * q < 8 ? 0 : 1) + (K > 2 && p > 0 ? 1 : 0);
        if (run.spec.loss == pg::Loss::SoftmaxCrossEntropy) t[size_t(e) * K + cls] = 1.0f;
        else if (run.spec.loss == pg::Loss::BinaryCrossEntropy) t[size_t(e) * K] = float(cls);
        else t[size_t(e) * K] = cls ? 1.0f : -1.0f;
    }
    BitHash h;
    for (int s = 0; s < run.steps; ++s) {
        const int b0 = (s * run.batch) % (examples - run.batch);
        const pg::StepResult r = net.train_batch(x.data() + size_t(b0) * in, t.data() + size_t(b0) * K, run.batch);
        REQUIRE(r.finite);
        h.add(r.loss);
    }
    for (float p : net.params()) h.add(p);
    const pg::Evaluation ev = net.evaluate(x.data(), t.data(), examples);
    h.add(ev.loss);
    char hex[32];
    std::snprintf(hex, sizeof hex, "0x%016llx", static_cast<unsigned long long>(h.h));
    const std::string line = std::string(run.name) + ": hash " + hex + ", loss " + std::to_string(ev.loss);
    MESSAGE(line);
    return h.h;
}

}  // namespace

TEST_CASE("exact: whole training runs give the same bits as WebAssembly") {
    if (!exact_available()) return;
    using A = pg::Activation;
    pg::HyperParams momentum;
    momentum.learning_rate = 0.03f;
    momentum.momentum = 0.9f;
    pg::HyperParams l2 = momentum;
    l2.regularization = pg::Regularization::L2;
    l2.regularization_rate = 0.003f;
    pg::HyperParams nesterov_l1 = momentum;
    nesterov_l1.nesterov = true;
    nesterov_l1.regularization = pg::Regularization::L1;
    nesterov_l1.regularization_rate = 0.001f;
    pg::NetworkSpec wide = pg::NetworkSpec::make(4, {13, 9}, A::Softplus, 1, A::Sigmoid, pg::Loss::BinaryCrossEntropy);
    wide.layers[1].activation = A::GELU;
    const Run runs[] = {
        {"4-8-8-5-1 tanh, momentum (narrow path)", pg::NetworkSpec::make(4, {8, 8, 5}, A::Tanh, 1, A::Tanh), momentum,
         600, 10, 0xd71083cf12a986f3ull},
        {"2-8-6-3 softmax, ReLU, L2", pg::NetworkSpec::make(2, {8, 6}, A::ReLU, 3, A::Linear, pg::Loss::SoftmaxCrossEntropy),
         l2, 600, 10, 0xc191bcb1d9af187aull},
        {"4-13-9-1 softplus/GELU, bce, Nesterov, L1 (per-layer kernels)", wide, nesterov_l1, 300, 7, 0x872395e633fd0686ull},
    };
    for (const Run& run : runs) {
        CAPTURE(run.name);
        const uint64_t got = train_hash(run);
        CHECK(got == run.expected);
    }
}
