// Softplus with the lectures' β, (1/β)·log(1 + e^{βz}) (softplusBeta in the
// state, "beta" on a model file's softplus layer): det_softplus against the
// formula in double, a network of β = 2.5 against central differences, the
// state and model-file round trips, and a change of β keeping the weights.
// That the native --exact run and WebAssembly agree to the bit is
// tests/cli/exact_agreement.sh's (a softplus β run).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "pg/data.h"
#include "pg/detmath.h"
#include "pg/kernels_ref.h"
#include "pg/lab.h"
#include "pg/model_io.h"
#include "pg/session.h"
#include "session_helpers.h"

namespace {

double softplus_ref(double z, double beta) { return std::log1p(std::exp(beta * z)) / beta; }
double sigmoid_ref(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

TEST_CASE("det_softplus is (1/β)·log(1 + e^{βz}) to 1e-6 relative, its derivative σ(βz)") {
    for (float beta : {0.01f, 0.5f, 1.0f, 2.5f, 10.0f, 100.0f})
        for (int k = -160; k <= 160; ++k) {
            const float z = float(k) / 8.0f;
            const double want = softplus_ref(double(z), double(beta));
            const double got = pg::det_softplus(z, beta);
            INFO("beta " << beta << ", z " << z);
            if (std::isfinite(want) && want > 1e-30) CHECK(std::fabs(got - want) <= 1e-6 * want);
            CHECK(std::fabs(double(pg::det_softplus_derivative(z, beta)) - sigmoid_ref(double(beta) * z)) <= 1e-7);
            // With β ≠ 1 the float reference is the very same function.
            if (beta != 1.0f)
                CHECK(pg::ref::activation_value<float>(pg::Activation::Softplus, z, beta) == pg::det_softplus(z, beta));
        }
    // β = 1 is the plain softplus; β → large approaches ReLU.
    CHECK(std::fabs(double(pg::det_softplus(0.0f, 1.0f)) - std::log(2.0)) < 1e-7);
    CHECK(std::fabs(double(pg::det_softplus(0.5f, 100.0f)) - 0.5) < 1e-6);
    CHECK(pg::det_softplus(-3.0f, 100.0f) < 1e-6f);
}

TEST_CASE("a softplus network with β = 2.5: backpropagation against central differences, training learns") {
    pg::Session s = pgtest::built("dataset=circle&networkShape=5,3&activation=softplus&softplusBeta=2.5&learningRate=0.1");
    const pg::Network& net = s.network();
    for (int l = 0; l + 1 < net.layer_count(); ++l) CHECK(net.layer(l).beta == 2.5f);
    CHECK(net.layer(net.layer_count() - 1).beta == 1.0f);  // the output is tanh
    const std::vector<double> x1 = {0.7, -2.1, 3.3}, x2 = {-1.2, 0.4, 2.2}, labels = {1, -1, 1};
    for (size_t i = 0; i < x1.size(); ++i) {
        std::vector<float> x(size_t(s.num_inputs())), t(size_t(s.num_outputs()));
        s.feature_rows(&x1[i], &x2[i], 1, x.data());
        s.target_row(labels[i], t.data());
        const pg::GradCheck c = pg::gradient_check(net, x.data(), t.data());
        CHECK(c.max_rel_error < 1e-3);
        // The trace's a is det_softplus of its z.
        const pg::Trace tr = s.inspect(x1[i], x2[i], labels[i]);
        for (size_t o = 0; o < tr.layers[0].a.size(); ++o)
            CHECK(tr.layers[0].a[o] == pg::det_softplus(tr.layers[0].z[o], 2.5f));
    }
    const double before = s.metrics().test_loss;
    for (int e = 0; e < 100; ++e) REQUIRE(s.step_epoch());
    CHECK(s.metrics().test_loss < before * 0.5);
    // The grid's values are the network's (det_softplus on the columns too).
    std::vector<float> grid;
    s.evaluate_grid(8, grid);
    double gx1 = 0, gx2 = 0;
    pg::grid_point(8, -pg::kDataExtent, pg::kDataExtent, 0, gx1, gx2);
    const pg::Trace tr = s.inspect(gx1, gx2, 1.0);
    CHECK(grid[0] == doctest::Approx(tr.layers[0].a[0]).epsilon(1e-5));  // the grid sums in another order
}

TEST_CASE("softplusBeta: the state string, a change keeps the weights, model files carry it") {
    const pg::StateParse p = pg::parse_state("activation=softplus&softplusBeta=2");
    REQUIRE(p.issues.empty());
    CHECK(p.state.softplus_beta == 2.0);
    CHECK(pg::serialize_state(p.state).find("softplusBeta=2") != std::string::npos);
    CHECK(pg::serialize_state(pg::State{}).find("softplusBeta") == std::string::npos);
    const pg::StateParse far = pg::parse_state("softplusBeta=1000");
    CHECK(far.state.softplus_beta == 100.0);
    CHECK(!far.issues.empty());

    pg::Session s = pgtest::built("activation=softplus&networkShape=3");
    for (int e = 0; e < 5; ++e) REQUIRE(s.step_epoch());
    const std::vector<float> params(s.network().params().begin(), s.network().params().end());
    pg::State next = s.state();
    next.softplus_beta = 4.0;
    const pg::ApplyResult r = s.apply_state(next);
    CHECK(r.function);
    CHECK(s.epoch() == 5);
    CHECK(std::equal(params.begin(), params.end(), s.network().params().begin()));
    CHECK(s.network().layer(0).beta == 4.0f);

    const std::string json = s.model_json();
    CHECK(json.find("\"beta\":4") != std::string::npos);
    pg::Session other = pgtest::built("activation=tanh&networkShape=3");
    std::string error;
    REQUIRE_MESSAGE(other.load_model_json(json, error), error);
    CHECK(other.state().softplus_beta == 4.0);
    CHECK(other.network().layer(0).beta == 4.0f);
    CHECK(other.model_json() == json);

    pg::Model m;
    std::string bad = json;
    bad.replace(bad.find("\"softplus\""), 10, "\"tanh\"");
    CHECK_FALSE(pg::parse_model(bad, m, error));
    CHECK(error.find("only a softplus layer takes a") != std::string::npos);
}
