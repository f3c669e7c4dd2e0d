// pg::Network: names, validation, layout, initialization, the update rules
// (momentum, Nesterov, L1, L2), divergence, evaluation paths, introspection.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "pg/network.h"
#include "pg/rng.h"

namespace {

pg::Network make(const pg::NetworkSpec& spec) {
    pg::Network net;
    std::string error;
    REQUIRE_MESSAGE(net.configure(spec, error), error);
    return net;
}

// 1 input → 1 linear output, no bias: E = ½(w·x − t)², g = (w·x − t)·x.
pg::Network single_weight(float w) {
    pg::NetworkSpec spec;
    spec.inputs = 1;
    spec.layers = {{1, pg::Activation::Linear, false}};
    pg::Network net = make(spec);
    net.params()[0] = w;
    return net;
}

std::vector<float> random_points(int n, int dims, uint64_t seed, double range) {
    pg::Rng rng(seed);
    std::vector<float> v(size_t(n) * dims);
    for (float& x : v) x = float(rng.uniform(-range, range));
    return v;
}

}  // namespace

TEST_CASE("network: enum names round trip, unknown names rejected") {
    for (int k = 0; k < pg::kActivationCount; ++k)
        CHECK(pg::parse_activation(pg::to_string(pg::Activation(k))) == pg::Activation(k));
    for (int k = 0; k < 3; ++k) CHECK(pg::parse_loss(pg::to_string(pg::Loss(k))) == pg::Loss(k));
    for (int k = 0; k < 4; ++k) CHECK(pg::parse_init(pg::to_string(pg::Init(k))) == pg::Init(k));
    for (int k = 0; k < 3; ++k)
        CHECK(pg::parse_regularization(pg::to_string(pg::Regularization(k))) == pg::Regularization(k));
    CHECK(pg::parse_activation("leakyrelu") == pg::Activation::LeakyReLU);
    CHECK(pg::parse_loss("softmax_ce") == pg::Loss::SoftmaxCrossEntropy);
    CHECK(pg::parse_init("he") == pg::Init::HeNormal);
    CHECK(pg::parse_regularization("L1") == pg::Regularization::L1);
    CHECK_FALSE(pg::parse_activation("Tanh"));
    CHECK_FALSE(pg::parse_activation(""));
    CHECK_FALSE(pg::parse_loss("mae"));
    CHECK_FALSE(pg::parse_regularization("l3"));
}

TEST_CASE("network: invalid specs are rejected with a message naming the field") {
    pg::Network net;
    std::string error;
    auto rejects = [&](const pg::NetworkSpec& spec, const std::string& field) {
        CHECK_FALSE(net.configure(spec, error));
        CAPTURE(error);
        CHECK(error.find(field) != std::string::npos);
    };
    using A = pg::Activation;
    rejects(pg::NetworkSpec::make(0, {4}, A::Tanh, 1, A::Tanh), "inputs");
    rejects(pg::NetworkSpec::make(2, std::vector<int>(13, 2), A::Tanh, 1, A::Tanh), "hidden layers");
    rejects(pg::NetworkSpec::make(2, {4, 0}, A::Tanh, 1, A::Tanh), "layers[1].units");
    rejects(pg::NetworkSpec::make(2, {257}, A::Tanh, 1, A::Tanh), "layers[0].units");
    rejects(pg::NetworkSpec::make(2, {4}, A::Tanh, 17, A::Tanh), "layers[1].units");
    rejects(pg::NetworkSpec::make(2, {4}, A::Tanh, 1, A::Tanh, pg::Loss::BinaryCrossEntropy), "layers[1].activation");
    rejects(pg::NetworkSpec::make(2, {4}, A::Tanh, 3, A::Tanh, pg::Loss::SoftmaxCrossEntropy), "layers[1].activation");
    rejects(pg::NetworkSpec::make(2, {4}, A::Tanh, 1, A::Linear, pg::Loss::SoftmaxCrossEntropy), "layers[1].units");
    pg::NetworkSpec empty;
    rejects(empty, "layers");
    CHECK_FALSE(net.configured());  // nothing half-built
    // The limits themselves are accepted.
    CHECK(net.configure(pg::NetworkSpec::make(2, std::vector<int>(12, 256), A::ReLU, 16, A::Linear), error));
    CHECK(net.configure(pg::NetworkSpec::make(9, {}, A::Tanh, 1, A::Tanh), error));  // no hidden layer
    CHECK(net.set_loss(pg::Loss::HalfSquared, error));
    CHECK_FALSE(net.set_loss(pg::Loss::BinaryCrossEntropy, error));
}

TEST_CASE("network: hyper-parameters are checked by validate()") {
    pg::HyperParams h;
    CHECK(pg::validate(h).empty());
    h.momentum = 0.99f;
    CHECK(pg::validate(h).empty());
    h.momentum = 1.0f;
    CHECK(pg::validate(h).find("momentum") == 0);
    h.momentum = 0.5f;
    h.learning_rate = -0.1f;
    CHECK(pg::validate(h).find("learning_rate") == 0);
    h.learning_rate = NAN;
    CHECK(pg::validate(h).find("learning_rate") == 0);
    h.learning_rate = 0.03f;
    h.regularization_rate = INFINITY;
    CHECK(pg::validate(h).find("regularization_rate") == 0);
}

TEST_CASE("network: flat layout, W (out, in) then b, per layer") {
    pg::NetworkSpec spec = pg::NetworkSpec::make(2, {3, 4}, pg::Activation::Tanh, 1, pg::Activation::Tanh);
    spec.layers[1].has_bias = false;
    pg::Network net = make(spec);
    CHECK(pg::shape_string(spec) == "2-3-4-1");
    CHECK(net.layer_count() == 3);
    CHECK(net.neuron_count() == 8);
    CHECK(net.layer(0).weights == 0);
    CHECK(net.layer(0).bias == 6);
    CHECK(net.layer(1).weights == 9);
    CHECK(net.layer(1).end == 21);  // no bias block
    CHECK(net.layer(2).weights == 21);
    CHECK(net.layer(2).bias == 25);
    CHECK(net.param_count() == 26);
    CHECK(net.layer(2).first_neuron == 7);
    CHECK(net.grads().size() == 26);
    CHECK(net.velocity().size() == 26);

    REQUIRE(net.set_weight(0, 2, 1, 0.75f));
    CHECK(net.params()[2 * 2 + 1] == 0.75f);
    CHECK(net.weight(0, 2, 1) == 0.75f);
    REQUIRE(net.set_bias(2, 0, -0.5f));
    CHECK(net.params()[25] == -0.5f);
    CHECK_FALSE(net.set_bias(1, 0, 1.0f));  // layer 1 has no bias
    CHECK(std::isnan(net.bias(1, 0)));
    CHECK_FALSE(net.set_weight(0, 3, 0, 1.0f));
    CHECK_FALSE(net.set_weight(5, 0, 0, 1.0f));
    CHECK(std::isnan(net.weight(0, 0, 2)));
}

TEST_CASE("network: initialization is deterministic; Reset gives the same weights") {
    pg::Network net = make(pg::NetworkSpec::make(2, {64, 64}, pg::Activation::Tanh, 1, pg::Activation::Tanh));
    for (pg::Init init : {pg::Init::Reference, pg::Init::GlorotUniform, pg::Init::HeNormal, pg::Init::Zeros}) {
        CAPTURE(pg::to_string(init));
        net.init(init, 12345);
        const std::vector<float> first(net.params().begin(), net.params().end());
        const float x[2] = {1, 2}, t = 1;
        net.hyper().momentum = 0.9f;
        net.train_batch(x, &t, 1);
        net.init(init, 12345);  // Reset
        CHECK(std::vector<float>(net.params().begin(), net.params().end()) == first);
        for (float v : net.velocity()) CHECK(v == 0.0f);
        net.init(init, 54321);
        if (init != pg::Init::Zeros) CHECK(std::vector<float>(net.params().begin(), net.params().end()) != first);
    }
    SUBCASE("Reference: W ~ U(-0.5, 0.5), b = 0.1") {
        net.init(pg::Init::Reference, 1);
        const pg::LayerLayout& L = net.layer(1);
        double mean = 0;
        for (size_t k = L.weights; k < L.bias; ++k) {
            CHECK(std::fabs(net.params()[k]) <= 0.5f);
            mean += net.params()[k];
        }
        CHECK(std::fabs(mean / double(L.bias - L.weights)) < 0.02);
        for (size_t k = L.bias; k < L.end; ++k) CHECK(net.params()[k] == 0.1f);
    }
    SUBCASE("He normal: variance 2 / fan_in") {
        net.init(pg::Init::HeNormal, 2);
        const pg::LayerLayout& L = net.layer(1);
        double sum = 0, sq = 0;
        const double count = double(L.bias - L.weights);
        for (size_t k = L.weights; k < L.bias; ++k) {
            sum += net.params()[k];
            sq += double(net.params()[k]) * net.params()[k];
        }
        CHECK(std::fabs(sum / count) < 0.01);
        CHECK(sq / count == doctest::Approx(2.0 / 64).epsilon(0.05));
        CHECK(net.params()[L.bias] == 0.0f);
    }
    SUBCASE("Glorot uniform: |W| ≤ √(6 / (fan_in + fan_out))") {
        net.init(pg::Init::GlorotUniform, 3);
        const pg::LayerLayout& L = net.layer(0);
        const float r = std::sqrt(6.0f / 66.0f);
        for (size_t k = L.weights; k < L.bias; ++k) CHECK(std::fabs(net.params()[k]) <= r);
    }
}

TEST_CASE("network: momentum and Nesterov follow the formulas; hyper-parameters change without reset") {
    const float x = 0.5f, t = 2.0f;
    for (pg::Backend backend : {pg::Backend::Simd, pg::Backend::Reference}) {
        for (bool nesterov : {false, true}) {
            CAPTURE(nesterov);
            pg::Network net = single_weight(0.25f);
            net.set_backend(backend);
            net.hyper().learning_rate = 0.1f;
            net.hyper().momentum = 0.9f;
            net.hyper().nesterov = nesterov;
            double w = 0.25, v = 0, eta = 0.1;
            for (int step = 0; step < 5; ++step) {
                if (step == 3) {  // change η mid-way: velocity must survive
                    eta = 0.05;
                    net.hyper().learning_rate = 0.05f;
                }
                const double g = (w * x - t) * x;
                if (nesterov) {
                    v = 0.9 * v - eta * g;
                    w += 0.9 * v - eta * g;
                } else {
                    v = -eta * g + 0.9 * v;
                    w += v;
                }
                net.train_batch(&x, &t, 1);
                CHECK(net.params()[0] == doctest::Approx(w).epsilon(1e-6));
                CHECK(net.velocity()[0] == doctest::Approx(v).epsilon(1e-5));
            }
        }
    }
}

TEST_CASE("network: L1 sets a weight that crosses zero to exactly zero; L2 decays") {
    const float x = 0.0f, t = 0.0f;  // zero gradient: only regularization moves w
    for (pg::Backend backend : {pg::Backend::Simd, pg::Backend::Reference}) {
        pg::Network net = single_weight(0.004f);
        net.set_backend(backend);
        net.hyper().learning_rate = 0.1f;
        net.hyper().regularization = pg::Regularization::L1;
        net.hyper().regularization_rate = 0.01f;  // ηλ = 0.001 per step
        net.train_batch(&x, &t, 1);
        CHECK(net.params()[0] == doctest::Approx(0.003).epsilon(1e-5));
        net.hyper().regularization_rate = 0.1f;  // ηλ = 0.01 > |w|: crosses zero
        net.train_batch(&x, &t, 1);
        CHECK(net.params()[0] == 0.0f);
        net.train_batch(&x, &t, 1);  // sign(0) = 0: stays exactly zero
        CHECK(net.params()[0] == 0.0f);
        net.params()[0] = -0.004f;
        net.train_batch(&x, &t, 1);
        CHECK(net.params()[0] == 0.0f);

        net.params()[0] = 0.5f;
        net.hyper().regularization = pg::Regularization::L2;
        net.train_batch(&x, &t, 1);
        CHECK(net.params()[0] == doctest::Approx(0.5 - 0.1 * 0.1 * 0.5).epsilon(1e-6));
    }
    SUBCASE("biases are not regularized") {
        pg::Network net = make(pg::NetworkSpec::make(1, {}, pg::Activation::Linear, 1, pg::Activation::Linear));
        net.params()[0] = 0.0f;
        net.params()[1] = 0.5f;  // bias, target = output → zero gradient
        const float x1 = 1.0f, t1 = 0.5f;
        net.hyper().regularization = pg::Regularization::L2;
        net.hyper().regularization_rate = 1.0f;
        net.train_batch(&x1, &t1, 1);
        CHECK(net.params()[1] == 0.5f);
    }
}

TEST_CASE("network: divergence is detected, named by layer, and the last finite weights are kept") {
    for (pg::Backend backend : {pg::Backend::Simd, pg::Backend::Reference}) {
        pg::Network net = make(pg::NetworkSpec::make(2, {8, 8}, pg::Activation::Linear, 1, pg::Activation::Linear));
        net.set_backend(backend);
        net.init(pg::Init::Reference, 5);
        net.hyper().learning_rate = 1e15f;
        const auto x = random_points(10, 2, 9, 6.0);
        std::vector<float> t(10, 1.0f);
        bool diverged = false;
        for (int step = 0; step < 20 && !diverged; ++step) {
            const std::vector<float> before(net.params().begin(), net.params().end());
            const pg::StepResult r = net.train_batch(x.data(), t.data(), 10);
            if (!r.finite) {
                diverged = true;
                CHECK(r.layer >= 0);
                CHECK(r.layer < net.layer_count());
                CHECK(r.stage != pg::StepResult::Stage::None);
                MESSAGE("diverged at step " << step << " in layer " << r.layer << " (" << pg::to_string(r.stage) << ")");
                CHECK(std::vector<float>(net.params().begin(), net.params().end()) == before);
                for (float v : net.params()) CHECK(std::isfinite(v));
            }
        }
        CHECK(diverged);
    }
    SUBCASE("a non-finite input is reported as the first layer's forward") {
        pg::Network net = make(pg::NetworkSpec::make(2, {4, 4}, pg::Activation::Tanh, 1, pg::Activation::Tanh));
        net.init(pg::Init::Reference, 1);
        const float x[2] = {NAN, 1.0f}, t = 1.0f;
        const pg::StepResult r = net.train_batch(x, &t, 1);
        CHECK_FALSE(r.finite);
        CHECK(r.layer == 0);
        CHECK(r.stage == pg::StepResult::Stage::Forward);
    }
}

TEST_CASE("network: evaluate_neurons agrees with forward and inspect, for both backends") {
    for (pg::Loss loss : {pg::Loss::HalfSquared, pg::Loss::SoftmaxCrossEntropy}) {
        const bool softmax = loss == pg::Loss::SoftmaxCrossEntropy;
        pg::NetworkSpec spec = pg::NetworkSpec::make(2, {8, 5, 8}, pg::Activation::Tanh, softmax ? 3 : 1,
                                                     softmax ? pg::Activation::Linear : pg::Activation::Tanh, loss);
        spec.layers[1].activation = pg::Activation::ReLU;
        pg::Network net = make(spec);
        net.init(pg::Init::Reference, 77);
        const int n = 10000 + 3;  // a 100 × 100 grid plus a tail
        const auto x = random_points(n, 2, 4, 6.0);
        const int K = net.outputs();
        std::vector<float> out(size_t(n) * K);
        net.forward(x.data(), n, out.data());
        for (pg::Backend backend : {pg::Backend::Simd, pg::Backend::Reference}) {
            net.set_backend(backend);
            pg::EvalWorkspace ws;
            std::vector<float> neurons(size_t(net.neuron_count()) * n, -99.0f);
            net.evaluate_neurons(x.data(), n, neurons.data(), ws);
            const pg::LayerLayout& last = net.layer(net.layer_count() - 1);
            for (int p = 0; p < n; p += 37) {
                for (int k = 0; k < K; ++k)
                    CHECK(neurons[size_t(last.first_neuron + k) * n + size_t(p)] ==
                          doctest::Approx(out[size_t(p) * K + size_t(k)]).epsilon(1e-5));
            }
            std::vector<float> t(size_t(K), 0.0f);
            for (int p : {0, 1, 4999, n - 1}) {
                const pg::Trace tr = net.inspect(x.data() + size_t(p) * 2, t.data());
                for (int l = 0; l < net.layer_count(); ++l)
                    for (int o = 0; o < net.layer(l).out; ++o)
                        CHECK(neurons[size_t(net.layer(l).first_neuron + o) * n + size_t(p)] ==
                              doctest::Approx(tr.layers[size_t(l)].a[size_t(o)]).epsilon(1e-5));
            }
            if (softmax) {
                double sum = 0;
                for (int k = 0; k < K; ++k) sum += neurons[size_t(last.first_neuron + k) * n + 123];
                CHECK(sum == doctest::Approx(1.0).epsilon(1e-5));
            }
        }
    }
}

TEST_CASE("network: inspect reports the gradient and the step that training applies") {
    pg::Network net = make(pg::NetworkSpec::make(2, {4, 3}, pg::Activation::Tanh, 1, pg::Activation::Tanh));
    net.init(pg::Init::Reference, 11);
    net.hyper().learning_rate = 0.3f;
    net.hyper().momentum = 0.5f;
    net.hyper().regularization = pg::Regularization::L2;
    net.hyper().regularization_rate = 0.01f;
    const float x0[2] = {1.0f, -2.0f}, t0 = -1.0f, x[2] = {0.5f, 1.5f}, t = 1.0f;
    net.train_batch(x0, &t0, 1);  // non-zero velocity
    const pg::Trace tr = net.inspect(x, &t);
    const std::vector<float> before(net.params().begin(), net.params().end());
    net.compute_gradients(x, &t, 1);
    const pg::StepResult r = net.apply_update();
    CHECK(r.finite);
    CHECK(tr.loss == doctest::Approx(0.5 * (tr.output[0] - 1.0) * (tr.output[0] - 1.0)).epsilon(1e-6));
    for (int l = 0; l < net.layer_count(); ++l) {
        const pg::LayerLayout& L = net.layer(l);
        for (size_t j = 0; j < tr.layers[size_t(l)].grad_weights.size(); ++j) {
            CHECK(tr.layers[size_t(l)].grad_weights[j] == net.grads()[L.weights + j]);
            CHECK(tr.layers[size_t(l)].step_weights[j] == net.params()[L.weights + j] - before[L.weights + j]);
        }
        for (size_t j = 0; j < tr.layers[size_t(l)].step_bias.size(); ++j)
            CHECK(tr.layers[size_t(l)].step_bias[j] == net.params()[L.bias + j] - before[L.bias + j]);
    }
}

TEST_CASE("network: learns XOR, and evaluate reports loss and accuracy") {
    pg::Network net = make(pg::NetworkSpec::make(2, {4}, pg::Activation::Tanh, 1, pg::Activation::Tanh));
    net.init(pg::Init::Reference, 3);
    net.hyper().learning_rate = 0.1f;
    net.hyper().momentum = 0.9f;
    const float x[8] = {-1, -1, -1, 1, 1, -1, 1, 1}, t[4] = {1, -1, -1, 1};
    const pg::Evaluation before = net.evaluate(x, t, 4);
    for (int epoch = 0; epoch < 500; ++epoch) net.train_batch(x, t, 4);
    const pg::Evaluation after = net.evaluate(x, t, 4);
    CHECK(after.finite);
    CHECK(after.loss < 0.01);
    CHECK(after.loss < before.loss);
    CHECK(after.accuracy == 1.0);
}
