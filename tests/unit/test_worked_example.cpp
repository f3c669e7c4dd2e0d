// The hand-worked backpropagation steps of WORKED_EXAMPLE.md: a 1-1-1
// network without biases, sigmoid hidden unit, linear output, E = ½(t − y)²,
// (x, t) = (1, 1), w1 = w2 = 1, η = 0.1, plain gradient descent.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "pg/network.h"

namespace {

struct Exact {  // the same step in double, written out from the lecture's formulas
    double w1 = 1.0, w2 = 1.0, h = 0, y = 0, g1 = 0, g2 = 0;
    void gradients() {
        h = 1.0 / (1.0 + std::exp(-w1));  // s1 = x·w1 with x = 1
        y = h * w2;
        g2 = -(1.0 - y) * h;
        g1 = -(1.0 - y) * w2 * h * (1.0 - h);
    }
    void step() {
        gradients();
        w2 -= 0.1 * g2;
        w1 -= 0.1 * g1;
    }
};

pg::Network lecture_network(pg::Backend backend) {
    pg::NetworkSpec spec;
    spec.inputs = 1;
    spec.layers = {{1, pg::Activation::Sigmoid, false}, {1, pg::Activation::Linear, false}};
    spec.loss = pg::Loss::HalfSquared;
    pg::Network net;
    std::string error;
    REQUIRE(net.configure(spec, error));
    REQUIRE(net.param_count() == 2);  // w1, w2: no biases in the layout
    net.params()[0] = 1.0f;
    net.params()[1] = 1.0f;
    net.hyper().learning_rate = 0.1f;
    net.set_backend(backend);
    return net;
}

}  // namespace

TEST_CASE("worked example: two steps of backpropagation, to the lecture's digits") {
    for (pg::Backend backend : {pg::Backend::Simd, pg::Backend::Reference}) {
        CAPTURE(int(backend));
        pg::Network net = lecture_network(backend);
        const float x = 1.0f, t = 1.0f;
        Exact exact;

        // Step 1: the introspection shows the lecture's numbers before the update.
        exact.gradients();
        pg::Trace trace = net.inspect(&x, &t);
        CHECK(trace.layers[0].z[0] == doctest::Approx(1.0).epsilon(1e-7));
        CHECK(trace.layers[0].a[0] == doctest::Approx(exact.h).epsilon(1e-6));
        CHECK(trace.output[0] == doctest::Approx(exact.y).epsilon(1e-6));
        CHECK(trace.layers[1].grad_weights[0] == doctest::Approx(exact.g2).epsilon(1e-6));
        CHECK(trace.layers[0].grad_weights[0] == doctest::Approx(exact.g1).epsilon(1e-6));
        CHECK(std::fabs(trace.layers[0].a[0] - 0.731) < 5e-4);
        CHECK(std::fabs(trace.layers[1].grad_weights[0] - (-0.197)) < 5e-4);
        CHECK(std::fabs(trace.layers[0].grad_weights[0] - (-0.053)) < 5e-4);
        // δ of the output is ∂E/∂y = y − t (linear); of the hidden unit δ2·w2·h(1−h).
        CHECK(trace.layers[1].delta[0] == doctest::Approx(exact.y - 1.0).epsilon(1e-6));
        CHECK(trace.layers[0].step_weights[0] == doctest::Approx(-0.1 * exact.g1).epsilon(1e-5));
        CHECK(trace.layers[1].step_weights[0] == doctest::Approx(-0.1 * exact.g2).epsilon(1e-5));

        pg::StepResult r = net.train_batch(&x, &t, 1);
        CHECK(r.finite);
        CHECK(r.loss == doctest::Approx(0.5 * (1 - exact.y) * (1 - exact.y)).epsilon(1e-6));
        exact.step();
        CHECK(net.params()[1] == doctest::Approx(exact.w2).epsilon(1e-7));
        CHECK(net.params()[0] == doctest::Approx(exact.w1).epsilon(1e-7));
        CHECK(std::fabs(net.params()[1] - 1.0197) < 5e-4);
        CHECK(std::fabs(net.params()[0] - 1.0053) < 5e-4);

        // Step 2 from w1 = 1.0053, w2 = 1.0197.
        trace = net.inspect(&x, &t);
        exact.gradients();
        CHECK(std::fabs(trace.layers[0].a[0] - 0.732) < 5e-4);
        // The lecture rounds y from already-rounded h and w2 (0.7465 → 0.747).
        CHECK(std::fabs(trace.output[0] - 0.747) < 1e-3);
        CHECK(std::fabs(trace.layers[1].grad_weights[0] - (-0.186)) < 5e-4);
        CHECK(std::fabs(trace.layers[0].grad_weights[0] - (-0.051)) < 5e-4);
        net.train_batch(&x, &t, 1);
        exact.step();
        CHECK(net.params()[1] == doctest::Approx(exact.w2).epsilon(1e-7));
        CHECK(net.params()[0] == doctest::Approx(exact.w1).epsilon(1e-7));
        CHECK(std::fabs(net.params()[1] - 1.0384) < 5e-4);
        CHECK(std::fabs(net.params()[0] - 1.0104) < 5e-4);
    }
}

TEST_CASE("worked example: the lecture's identities") {
    pg::Network net;
    std::string error;
    SUBCASE("softmax with cross-entropy: δ_k = y_k − t_k") {
        pg::NetworkSpec spec = pg::NetworkSpec::make(2, {}, pg::Activation::Tanh, 3, pg::Activation::Linear,
                                                     pg::Loss::SoftmaxCrossEntropy);
        REQUIRE(net.configure(spec, error));
        net.init(pg::Init::GlorotUniform, 7);
        const float x[2] = {0.3f, -1.2f}, t[3] = {0, 1, 0};
        const pg::Trace tr = net.inspect(x, t);
        double sum = 0;
        for (int k = 0; k < 3; ++k) {
            CHECK(tr.layers[0].delta[size_t(k)] == doctest::Approx(tr.output[size_t(k)] - t[k]).epsilon(1e-6));
            sum += tr.output[size_t(k)];
        }
        CHECK(sum == doctest::Approx(1.0).epsilon(1e-6));
        CHECK(tr.loss == doctest::Approx(-std::log(double(tr.output[1]))).epsilon(1e-5));
    }
    SUBCASE("hidden error δ_j = f'(z_j) Σ_k w_kj δ_k and ∂E/∂w_ji = δ_j a_i") {
        pg::NetworkSpec spec = pg::NetworkSpec::make(2, {3}, pg::Activation::Tanh, 2, pg::Activation::Linear);
        REQUIRE(net.configure(spec, error));
        net.init(pg::Init::Reference, 3);
        const float x[2] = {0.5f, 0.25f}, t[2] = {1, -1};
        const pg::Trace tr = net.inspect(x, t);
        for (int j = 0; j < 3; ++j) {
            double s = 0;
            for (int k = 0; k < 2; ++k) s += net.weight(1, k, j) * tr.layers[1].delta[size_t(k)];
            const double a = tr.layers[0].a[size_t(j)];
            CHECK(tr.layers[0].delta[size_t(j)] == doctest::Approx((1 - a * a) * s).epsilon(1e-5));
            for (int i = 0; i < 2; ++i)
                CHECK(tr.layers[0].grad_weights[size_t(j * 2 + i)] ==
                      doctest::Approx(tr.layers[0].delta[size_t(j)] * x[i]).epsilon(1e-6));
            CHECK(tr.layers[0].grad_bias[size_t(j)] == doctest::Approx(tr.layers[0].delta[size_t(j)]).epsilon(1e-7));
        }
    }
}
