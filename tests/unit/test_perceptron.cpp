// The perceptron rule (pg/network.h Rule::Perceptron) against a hand
// computation, convergence on AND, none on XOR, and why backpropagation
// cannot train a step unit.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pg/network.h"
#include "pg/state.h"

namespace {

using A = pg::Activation;

// The four corners of the unit square, labels −1/+1 as the playground's classes.
constexpr float kCorners[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
constexpr float kAnd[4] = {-1, -1, -1, 1};
constexpr float kXor[4] = {-1, 1, 1, -1};

pg::Network perceptron(A output, float learning_rate) {
    pg::Network net;
    std::string error;
    REQUIRE(net.configure(pg::NetworkSpec::make(2, {}, output, 1, output), error));
    net.hyper().learning_rate = learning_rate;
    net.hyper().rule = pg::Rule::Perceptron;
    for (float& p : net.params()) p = 0.0f;
    return net;
}

// One epoch, one example per step in order; returns how many steps changed a weight.
int epoch(pg::Network& net, const float* labels) {
    int updates = 0;
    for (int e = 0; e < 4; ++e) {
        const std::vector<float> before(net.params().begin(), net.params().end());
        REQUIRE(net.train_batch(kCorners[e], &labels[e], 1).finite);
        if (!std::equal(before.begin(), before.end(), net.params().begin())) ++updates;
    }
    return updates;
}

std::vector<float> params(const pg::Network& net) { return {net.params().begin(), net.params().end()}; }

}  // namespace

TEST_CASE("perceptron rule: AND with a sign unit, epoch by epoch as by hand") {
    // η = 0.5, w = (0, 0), b = 0, sign(0) = +1. Worked by hand:
    // epoch 1: (0,0) ŷ=+1 t=−1 → b=−1; (1,1) z=−1 ŷ=−1 t=+1 → w=(1,1), b=0
    // epoch 2: (0,0) z=0 → b=−1; (0,1) z=0 → w=(1,0), b=−2; (1,1) z=−1 → w=(2,1), b=−1
    // epoch 3: (0,1) z=0 → w=(2,0), b=−2; (1,0) z=0 → w=(1,0), b=−3; (1,1) z=−2 → w=(2,1), b=−2
    // epoch 4: (1,0) z=0 → w=(1,1), b=−3; (1,1) z=−1 → w=(2,2), b=−2
    // epoch 5: (0,1) z=0 → w=(2,1), b=−3; the rest are right
    // epoch 6: no error: w=(2,1), b=−3 separates AND.
    pg::Network net = perceptron(A::Sign, 0.5f);
    const std::vector<std::vector<float>> expected = {
        {1, 1, 0}, {2, 1, -1}, {2, 1, -2}, {2, 2, -2}, {2, 1, -3}, {2, 1, -3}};
    const int expected_updates[] = {2, 3, 3, 2, 1, 0};
    for (size_t k = 0; k < expected.size(); ++k) {
        CAPTURE(k + 1);
        CHECK(epoch(net, kAnd) == expected_updates[k]);
        CHECK(params(net) == expected[k]);
    }
}

TEST_CASE("perceptron rule: inspect() shows ŷ, δ = ŷ − t and the rule's Δw = η·(t − ŷ)·x") {
    pg::Network net = perceptron(A::Sign, 0.5f);
    net.params()[0] = 0.25f;
    net.params()[1] = -1.0f;
    net.params()[2] = 0.5f;
    const float x[2] = {2.0f, 1.0f}, t = -1.0f;  // z = 0.5 − 1 + 0.5 = 0 → ŷ = +1
    const pg::Trace trace = net.inspect(x, &t);
    REQUIRE(trace.layers.size() == 1);
    const pg::LayerTrace& L = trace.layers[0];
    CHECK(L.z[0] == 0.0f);
    CHECK(L.a[0] == 1.0f);
    CHECK(L.delta[0] == 2.0f);  // ŷ − t
    CHECK(L.step_weights[0] == -2.0f);  // η·(t − ŷ)·x₁ = 0.5·(−2)·2
    CHECK(L.step_weights[1] == -1.0f);
    CHECK(L.step_bias[0] == -1.0f);
}

TEST_CASE("perceptron rule: a step unit converges on AND, and never settles on XOR") {
    SUBCASE("AND: an epoch without a single update, every corner right") {
        pg::Network net = perceptron(A::Step, 0.1f);
        int epochs = 0;
        while (epoch(net, kAnd) > 0 && epochs < 100) ++epochs;
        MESSAGE("AND converged after " << epochs << " epochs with an update");
        CHECK(epochs < 100);
        const pg::Evaluation ev = net.evaluate(&kCorners[0][0], kAnd, 4);
        CHECK(ev.accuracy == 1.0);
    }
    SUBCASE("XOR: no line separates it, so every epoch makes a mistake and changes w") {
        for (A unit : {A::Step, A::Sign}) {
            CAPTURE(pg::to_string(unit));
            pg::Network net = perceptron(unit, 0.1f);
            for (int e = 0; e < 1000; ++e) {
                REQUIRE(epoch(net, kXor) > 0);
                CHECK(net.evaluate(&kCorners[0][0], kXor, 4).accuracy < 1.0);
            }
        }
    }
}

TEST_CASE("step and sign under backpropagation: f' = 0, so no gradient reaches a weight") {
    pg::Network net = perceptron(A::Step, 0.1f);
    net.hyper().rule = pg::Rule::Backprop;
    net.params()[0] = 0.3f;
    const std::vector<float> before = params(net);
    for (int e = 0; e < 10; ++e) epoch(net, kAnd);
    CHECK(params(net) == before);
    for (float g : net.grads()) CHECK(g == 0.0f);
}

TEST_CASE("state: rule=perceptron, refused with a message when there are hidden layers") {
    pg::StateParse ok = pg::parse_state("rule=perceptron&networkShape=&activation=sign&outputActivation=sign");
    CHECK(!ok.has_bad_values());
    CHECK(ok.state.rule == pg::Rule::Perceptron);
    CHECK(pg::hyper_params(ok.state).rule == pg::Rule::Perceptron);
    CHECK(pg::serialize_state(ok.state).find("rule=perceptron") != std::string::npos);
    CHECK(pg::parse_state(pg::serialize_state(ok.state)).state == ok.state);

    pg::StateParse refused = pg::parse_state("rule=perceptron&networkShape=4,2");
    CHECK(refused.has_bad_values());
    CHECK(refused.state.rule == pg::Rule::Backprop);
    REQUIRE(!refused.issues.empty());
    CHECK(refused.issues.back().key == "rule");
    CHECK(refused.issues.back().message.find("without hidden layers") != std::string::npos);

    CHECK(pg::parse_state("rule=hebb").has_bad_values());
    CHECK(pg::rule_refusal(pg::Rule::Perceptron, pg::NetworkSpec::make(2, {3}, A::Tanh, 1, A::Sign)) != "");
    CHECK(pg::rule_refusal(pg::Rule::Perceptron, pg::NetworkSpec::make(2, {}, A::Tanh, 1, A::Sign)) == "");
}
