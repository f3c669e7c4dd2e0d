// Every activation with every loss: the network's analytic gradients (float,
// SIMD and reference kernels) against central finite differences of a loss
// computed independently in double precision.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "pg/lab.h"
#include "pg/network.h"
#include "pg/rng.h"

namespace {

// pg::loss_double (pg/lab.h): the batch's mean loss in double, written from
// the definitions in network.h, not from the engine's code paths.
double loss_double(const pg::Network& net, const std::vector<double>& p, const std::vector<double>& x,
                   const std::vector<double>& t, int n) {
    return pg::loss_double(net, p, x.data(), t.data(), n);
}

struct Case {
    pg::Loss loss;
    int outputs;
    pg::Activation output_activation;  // for HalfSquared: the hidden activation too
};

}  // namespace

TEST_CASE("gradcheck: every activation with every loss against central differences in double") {
    const int n = 5, inputs = 3;
    for (int ai = 0; ai < pg::kActivationCount; ++ai) {
        const auto act = pg::Activation(ai);
        const Case cases[] = {
            {pg::Loss::HalfSquared, 2, act},
            {pg::Loss::BinaryCrossEntropy, 1, pg::Activation::Sigmoid},
            {pg::Loss::SoftmaxCrossEntropy, 3, pg::Activation::Linear},
        };
        for (const Case& c : cases) {
            for (pg::Backend backend : {pg::Backend::Simd, pg::Backend::Reference}) {
                CAPTURE(pg::to_string(act));
                CAPTURE(pg::to_string(c.loss));
                CAPTURE(int(backend));
                pg::NetworkSpec spec = pg::NetworkSpec::make(inputs, {5, 4}, act, c.outputs, c.output_activation, c.loss);
                spec.layers[1].has_bias = false;  // a layer without bias too
                pg::Network net;
                std::string error;
                REQUIRE_MESSAGE(net.configure(spec, error), error);
                // Random weights and biases (zero biases would put ReLU's kink
                // exactly at z = 0 wherever a layer's inputs are all zero).
                pg::Rng prng(100 + uint64_t(ai));
                for (float& v : net.params()) v = float(prng.uniform(-1.0, 1.0));
                net.set_backend(backend);

                pg::Rng rng(7);
                std::vector<float> xf(size_t(n) * inputs), tf(size_t(n) * c.outputs, 0.0f);
                for (float& v : xf) v = float(rng.uniform(-1.5, 1.5));
                for (int r = 0; r < n; ++r) {
                    if (c.loss == pg::Loss::SoftmaxCrossEntropy) tf[size_t(r) * c.outputs + rng.below(uint32_t(c.outputs))] = 1;
                    else if (c.loss == pg::Loss::BinaryCrossEntropy) tf[size_t(r)] = float(rng.below(2));
                    else for (int k = 0; k < c.outputs; ++k) tf[size_t(r) * c.outputs + k] = float(rng.uniform(-1, 1));
                }
                const pg::StepResult res = net.compute_gradients(xf.data(), tf.data(), n);
                REQUIRE(res.finite);

                std::vector<double> p(net.params().begin(), net.params().end());
                const std::vector<double> x(xf.begin(), xf.end()), t(tf.begin(), tf.end());
                CHECK(res.loss == doctest::Approx(loss_double(net, p, x, t, n)).epsilon(1e-5));
                const double h = 1e-6;
                for (size_t j = 0; j < p.size(); ++j) {
                    const double saved = p[j];
                    p[j] = saved + h;
                    const double up = loss_double(net, p, x, t, n);
                    p[j] = saved - h;
                    const double down = loss_double(net, p, x, t, n);
                    p[j] = saved;
                    const double fd = (up - down) / (2 * h);
                    const double analytic = net.grads()[j];
                    CAPTURE(j);
                    CAPTURE(fd);
                    CAPTURE(analytic);
                    CHECK(std::fabs(analytic - fd) <= 1e-4 * (1e-2 + std::fabs(fd)) + 2e-6);
                }
            }
        }
    }
}
