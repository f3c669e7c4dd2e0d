// The fused "narrow" path (every layer ≤ 8 inputs and units: one kernel call
// per pass, see pg/kernels.h) against the layer-by-layer SIMD path and the
// scalar reference: the same gradients, steps, traces and evaluations.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "pg/network.h"
#include "pg/rng.h"

namespace {

struct Case {
    const char* name;
    pg::NetworkSpec spec;
};

pg::NetworkSpec with_activations(pg::NetworkSpec spec, std::vector<pg::Activation> acts) {
    for (size_t l = 0; l < acts.size() && l < spec.layers.size(); ++l) spec.layers[l].activation = acts[l];
    return spec;
}

std::vector<Case> cases() {
    using A = pg::Activation;
    std::vector<Case> c;
    c.push_back({"2-8x6-1 tanh (the benchmark's)", pg::NetworkSpec::make(2, {8, 8, 8, 8, 8, 8}, A::Tanh, 1, A::Tanh)});
    c.push_back({"2-4-2-1 tanh (the reference's default)", pg::NetworkSpec::make(2, {4, 2}, A::Tanh, 1, A::Tanh)});
    c.push_back({"7-8-5-3 softmax, every activation",
                 with_activations(pg::NetworkSpec::make(7, {8, 5}, A::ReLU, 3, A::Linear, pg::Loss::SoftmaxCrossEntropy),
                                  {A::GELU, A::LeakyReLU})});
    c.push_back({"3-6-7-1 sigmoid bce",
                 with_activations(pg::NetworkSpec::make(3, {6, 7}, A::Softplus, 1, A::Sigmoid, pg::Loss::BinaryCrossEntropy),
                                  {A::Softplus, A::Sigmoid})});
    c.push_back({"1-1-8-2 relu/linear, no bias",
                 with_activations(pg::NetworkSpec::make(1, {1, 8}, A::ReLU, 2, A::Linear), {A::ReLU, A::Linear})});
    c.back().spec.layers[1].has_bias = false;
    c.back().spec.layers[2].has_bias = false;
    c.push_back({"8-8-8 linear (no hidden activation)", pg::NetworkSpec::make(8, {8}, A::Linear, 8, A::Linear)});
    c.push_back({"5-3-8-4 mixed widths", with_activations(pg::NetworkSpec::make(5, {3, 8}, A::Tanh, 4, A::Sigmoid),
                                                          {A::Sigmoid, A::GELU})});
    return c;
}

std::vector<float> uniform(size_t count, uint64_t seed, double lo, double hi) {
    pg::Rng rng(seed);
    std::vector<float> v(count);
    for (float& x : v) x = float(rng.uniform(lo, hi));
    return v;
}

// Targets that suit the loss: ±1, 0/1, or one-hot rows.
std::vector<float> targets(const pg::NetworkSpec& spec, int n, uint64_t seed) {
    const int K = spec.layers.back().units;
    pg::Rng rng(seed);
    std::vector<float> t(size_t(n) * K, 0.0f);
    for (int r = 0; r < n; ++r) {
        if (spec.loss == pg::Loss::SoftmaxCrossEntropy) {
            t[size_t(r) * K + size_t(rng.uniform(0, K - 0.001))] = 1.0f;
        } else {
            for (int k = 0; k < K; ++k) {
                const bool pos = rng.uniform(0, 1) < 0.5;
                t[size_t(r) * K + k] = spec.loss == pg::Loss::BinaryCrossEntropy ? (pos ? 1.0f : 0.0f) : (pos ? 1.0f : -1.0f);
            }
        }
    }
    return t;
}

pg::Network make(const pg::NetworkSpec& spec, pg::Backend backend, bool narrow) {
    pg::Network net;
    std::string error;
    REQUIRE_MESSAGE(net.configure(spec, error), error);
    net.init(pg::Init::GlorotUniform, 5);
    // Non-zero biases so that the bias paths carry weight.
    for (int l = 0; l < net.layer_count(); ++l)
        for (int o = 0; o < net.layer(l).out; ++o) net.set_bias(l, o, 0.05f * float(o + 1) - 0.1f);
    net.set_backend(backend);
    net.set_narrow_path(narrow);
    net.hyper().learning_rate = 0.05f;
    net.hyper().momentum = 0.9f;
    return net;
}

void check_close(std::span<const float> a, std::span<const float> b, double tol, const char* what) {
    REQUIRE(a.size() == b.size());
    for (size_t k = 0; k < a.size(); ++k) {
        CAPTURE(what);
        CAPTURE(k);
        CHECK(double(a[k]) == doctest::Approx(double(b[k])).epsilon(tol).scale(1.0));
    }
}

}  // namespace

TEST_CASE("narrow path: small networks take it, wider ones do not") {
    pg::Network net;
    std::string error;
    REQUIRE(net.configure(pg::NetworkSpec::make(2, {8, 8}, pg::Activation::Tanh, 1, pg::Activation::Tanh), error));
    CHECK(net.narrow_path());
    net.set_narrow_path(false);
    CHECK_FALSE(net.narrow_path());
    REQUIRE(net.configure(pg::NetworkSpec::make(2, {9}, pg::Activation::Tanh, 1, pg::Activation::Tanh), error));
    CHECK_FALSE(net.narrow_path());
    pg::Network wide_input;
    REQUIRE(wide_input.configure(pg::NetworkSpec::make(9, {4}, pg::Activation::Tanh, 1, pg::Activation::Tanh), error));
    CHECK_FALSE(wide_input.narrow_path());
}

TEST_CASE("narrow path: training matches the layer-by-layer path and the reference") {
    for (const Case& c : cases()) {
        CAPTURE(c.name);
        for (int n : {1, 3, 10, 17}) {
            CAPTURE(n);
            pg::Network fused = make(c.spec, pg::Backend::Simd, true);
            pg::Network layered = make(c.spec, pg::Backend::Simd, false);
            pg::Network ref = make(c.spec, pg::Backend::Reference, false);
            REQUIRE(fused.narrow_path());
            const auto x = uniform(size_t(n) * size_t(c.spec.inputs), 11 + uint64_t(n), -2.0, 2.0);
            const auto t = targets(c.spec, n, 12 + uint64_t(n));
            for (int step = 0; step < 5; ++step) {
                CAPTURE(step);
                const pg::StepResult a = fused.train_batch(x.data(), t.data(), n);
                const pg::StepResult b = layered.train_batch(x.data(), t.data(), n);
                const pg::StepResult r = ref.train_batch(x.data(), t.data(), n);
                REQUIRE(a.finite);
                CHECK(a.loss == doctest::Approx(b.loss).epsilon(1e-5));
                CHECK(a.loss == doctest::Approx(r.loss).epsilon(1e-4));
                // The gradients of every layer, then the weights after the step.
                check_close(fused.grads(), layered.grads(), 1e-4, "grads vs layer by layer");
                check_close(fused.grads(), ref.grads(), 1e-3, "grads vs reference");
                check_close(fused.params(), layered.params(), 1e-5, "params vs layer by layer");
                check_close(fused.params(), ref.params(), 1e-4, "params vs reference");
            }
        }
    }
}

TEST_CASE("narrow path: traces, forward and evaluate match the reference") {
    for (const Case& c : cases()) {
        CAPTURE(c.name);
        pg::Network fused = make(c.spec, pg::Backend::Simd, true);
        pg::Network ref = make(c.spec, pg::Backend::Reference, false);
        const int n = 300;  // more than one evaluation chunk of 256
        const auto x = uniform(size_t(n) * size_t(c.spec.inputs), 21, -3.0, 3.0);
        const auto t = targets(c.spec, n, 22);
        const int K = fused.outputs();
        std::vector<float> out1(size_t(n) * K), out2(out1.size());
        fused.forward(x.data(), n, out1.data());
        ref.forward(x.data(), n, out2.data());
        check_close(out1, out2, 1e-5, "forward");
        const pg::Evaluation e1 = fused.evaluate(x.data(), t.data(), n), e2 = ref.evaluate(x.data(), t.data(), n);
        CHECK(e1.loss == doctest::Approx(e2.loss).epsilon(1e-5));
        CHECK(e1.accuracy == e2.accuracy);
        for (int p : {0, 7, n - 1}) {
            const pg::Trace a = fused.inspect(x.data() + size_t(p) * size_t(c.spec.inputs), t.data() + size_t(p) * K);
            const pg::Trace b = ref.inspect(x.data() + size_t(p) * size_t(c.spec.inputs), t.data() + size_t(p) * K);
            REQUIRE(a.layers.size() == b.layers.size());
            for (size_t l = 0; l < a.layers.size(); ++l) {
                CAPTURE(l);
                check_close(a.layers[l].z, b.layers[l].z, 1e-5, "z");
                check_close(a.layers[l].a, b.layers[l].a, 1e-5, "a");
                check_close(a.layers[l].delta, b.layers[l].delta, 1e-4, "delta");
                check_close(a.layers[l].grad_weights, b.layers[l].grad_weights, 1e-4, "grad_weights");
                check_close(a.layers[l].grad_bias, b.layers[l].grad_bias, 1e-4, "grad_bias");
            }
        }
    }
}

TEST_CASE("narrow path: a diverging step is undone and named, as on the other path") {
    const pg::NetworkSpec spec = pg::NetworkSpec::make(2, {8, 8}, pg::Activation::ReLU, 1, pg::Activation::Linear);
    for (bool narrow : {true, false}) {
        CAPTURE(narrow);
        pg::Network net = make(spec, pg::Backend::Simd, narrow);
        net.hyper().learning_rate = 1e30f;
        const std::vector<float> x = {1e20f, -1e20f, 3e19f, 2e19f};
        const std::vector<float> t = {1.0f, -1.0f};
        const std::vector<float> before(net.params().begin(), net.params().end());
        pg::StepResult r;
        for (int k = 0; k < 10 && r.finite; ++k) r = net.train_batch(x.data(), t.data(), 2);
        CHECK_FALSE(r.finite);
        CHECK(r.layer >= 0);
        for (float w : net.params()) CHECK(std::isfinite(w));
    }
}

TEST_CASE("narrow path: a copied network trains its own weights, not the original's") {
    const pg::NetworkSpec spec = pg::NetworkSpec::make(2, {8, 8}, pg::Activation::Tanh, 1, pg::Activation::Tanh);
    pg::Network original = make(spec, pg::Backend::Simd, true);
    const auto x = uniform(20, 31, -1.0, 1.0);
    const auto t = targets(spec, 10, 32);
    original.train_batch(x.data(), t.data(), 10);  // its scratch now points into its own buffers
    const std::vector<float> kept(original.params().begin(), original.params().end());
    pg::Network copy = original;
    pg::Network assigned;
    assigned = original;
    for (pg::Network* net : {&copy, &assigned}) {
        net->train_batch(x.data(), t.data(), 10);
        CHECK(std::vector<float>(original.params().begin(), original.params().end()) == kept);
        CHECK(std::vector<float>(net->params().begin(), net->params().end()) != kept);
    }
    original.train_batch(x.data(), t.data(), 10);
    CHECK(std::vector<float>(original.params().begin(), original.params().end()) ==
          std::vector<float>(copy.params().begin(), copy.params().end()));
}
