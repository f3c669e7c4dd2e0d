// The lab's computation graph (pg/graph.h): the same numbers as inspect(),
// for every activation and loss; fan-out nodes sum their outgoing gradients.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "pg/graph.h"
#include "pg/network.h"
#include "pg/rng.h"

namespace {

using A = pg::Activation;
using Op = pg::GraphNode::Op;

bool close(double got, double want, double tol = 2e-6) { return std::fabs(got - want) <= tol * (1.0 + std::fabs(want)); }

// Every check of one network at one example.
void check_graph(pg::Network& net, const float* x, const float* t) {
    const pg::Trace trace = net.inspect(x, t);
    const pg::Graph g = pg::unfold_graph(net, trace, t);
    REQUIRE(!g.nodes.empty());
    const int L = net.layer_count();
    const bool softmax = net.spec().loss == pg::Loss::SoftmaxCrossEntropy;
    std::vector<double> out_sum(g.nodes.size(), 0.0);
    std::vector<int> out_count(g.nodes.size(), 0);
    for (const pg::GraphEdge& e : g.edges) {
        out_sum[size_t(e.from)] += e.grad;
        ++out_count[size_t(e.from)];
        CHECK(e.value == g.nodes[size_t(e.from)].value);
    }
    int adds = 0, weights = 0, acts = 0, losses = 0;
    for (size_t k = 0; k < g.nodes.size(); ++k) {
        const pg::GraphNode& n = g.nodes[k];
        CAPTURE(n.label);
        CAPTURE(n.layer);
        CAPTURE(n.unit);
        if (n.op != Op::Loss) CHECK(close(n.grad, out_sum[k], 1e-6));  // fan-out: the sum of what flows back
        if (n.layer < 0 || n.layer >= L) continue;
        const pg::LayerTrace& T = trace.layers[size_t(n.layer)];
        const pg::LayerLayout& lay = net.layer(n.layer);
        switch (n.op) {
        case Op::Add:
            ++adds;
            CHECK(n.value == T.z[size_t(n.unit)]);
            if (softmax && n.layer == L - 1) CHECK(close(n.grad, T.delta[size_t(n.unit)]));  // Σ over y: y − t
            else CHECK(n.grad == T.delta[size_t(n.unit)]);
            break;
        case Op::Weight:
            ++weights;
            CHECK(n.value == net.weight(n.layer, n.unit, n.in));
            CHECK(n.grad == T.grad_weights[size_t(n.unit) * size_t(lay.in) + size_t(n.in)]);
            break;
        case Op::Bias:
            CHECK(n.grad == T.grad_bias[size_t(n.unit)]);
            break;
        case Op::Activation:
        case Op::Softmax: {
            ++acts;
            CHECK(n.value == T.a[size_t(n.unit)]);
            if (n.op == Op::Softmax) break;
            // upstream × local = downstream: ∂E/∂a · f′(z) = δ
            CHECK(close(double(n.grad) * double(n.local), T.delta[size_t(n.unit)], 1e-5));
            if (n.layer + 1 < L) {
                // The fan-out sum, from the trace and the weights in double.
                const pg::LayerTrace& N = trace.layers[size_t(n.layer + 1)];
                double s = 0;
                for (int j = 0; j < net.layer(n.layer + 1).out; ++j)
                    s += double(N.delta[size_t(j)]) * double(net.weight(n.layer + 1, j, n.unit));
                CHECK(close(n.grad, s, 1e-6));
                CHECK(out_count[k] == net.layer(n.layer + 1).out);
            }
            break;
        }
        default: break;
        }
    }
    for (const pg::GraphNode& n : g.nodes)
        if (n.op == Op::Loss) {
            ++losses;
            CHECK(n.value == trace.loss);
        }
    int units = 0;
    size_t params = 0;
    for (int l = 0; l < L; ++l) {
        units += net.layer(l).out;
        params += size_t(net.layer(l).out) * size_t(net.layer(l).in);
    }
    CHECK(adds == units);
    CHECK(acts == units);
    CHECK(weights == int(params));
    CHECK(losses == 1);
}

void randomize(pg::Network& net, uint64_t seed) {
    pg::Rng rng(seed);
    for (float& p : net.params()) p = float(rng.uniform(-1.5, 1.5));
}

}  // namespace

TEST_CASE("graph: edge values and gradients are inspect()'s for every activation with mse") {
    const float x[2] = {0.7f, -1.3f};
    for (int h = 0; h < pg::kActivationCount; ++h)
        for (int o = 0; o < pg::kActivationCount; ++o) {
            CAPTURE(pg::to_string(A(h)));
            CAPTURE(pg::to_string(A(o)));
            pg::Network net;
            std::string error;
            REQUIRE(net.configure(pg::NetworkSpec::make(2, {3, 2}, A(h), 1, A(o)), error));
            randomize(net, uint64_t(17 + h * 31 + o));
            const float t = 0.4f;
            check_graph(net, x, &t);
        }
}

TEST_CASE("graph: bce and softmax with cross-entropy (δ = y − t from the graph's sums)") {
    const float x[2] = {-0.2f, 0.9f};
    SUBCASE("bce, sigmoid output") {
        pg::Network net;
        std::string error;
        REQUIRE(net.configure(pg::NetworkSpec::make(2, {3}, A::Tanh, 1, A::Sigmoid, pg::Loss::BinaryCrossEntropy), error));
        randomize(net, 5);
        const float t = 1.0f;
        check_graph(net, x, &t);
    }
    SUBCASE("softmax_ce, three classes") {
        for (int h = 0; h < pg::kActivationCount; ++h) {
            CAPTURE(pg::to_string(A(h)));
            pg::Network net;
            std::string error;
            REQUIRE(net.configure(pg::NetworkSpec::make(2, {4}, A(h), 3, A::Linear, pg::Loss::SoftmaxCrossEntropy), error));
            randomize(net, uint64_t(7 + h));
            const float t[3] = {0.0f, 1.0f, 0.0f};
            check_graph(net, x, t);
        }
    }
    SUBCASE("the worked example: 1-1-1 sigmoid, linear output, no biases") {
        pg::NetworkSpec spec = pg::NetworkSpec::make(1, {1}, A::Sigmoid, 1, A::Linear);
        for (auto& layer : spec.layers) layer.has_bias = false;
        pg::Network net;
        std::string error;
        REQUIRE(net.configure(spec, error));
        net.params()[0] = 1.0f;
        net.params()[1] = 1.0f;
        const float one = 1.0f;
        check_graph(net, &one, &one);
        const pg::Graph g = pg::unfold_graph(net, net.inspect(&one, &one), &one);
        // ∂E/∂w2 = −(t − y)·h = −0.197, ∂E/∂w1 = −0.053 (WORKED_EXAMPLE.md)
        for (const pg::GraphNode& n : g.nodes)
            if (n.op == Op::Weight) CHECK(n.grad == doctest::Approx(n.layer == 1 ? -0.197 : -0.053).epsilon(0.01));
    }
}

TEST_CASE("graph: one neuron, with the fan-out it feeds") {
    pg::Network net;
    std::string error;
    REQUIRE(net.configure(pg::NetworkSpec::make(2, {3, 2}, A::Tanh, 1, A::Tanh), error));
    randomize(net, 3);
    const float x[2] = {0.5f, 0.25f}, t = -1.0f;
    const pg::Trace trace = net.inspect(x, &t);
    const pg::Graph full = pg::unfold_graph(net, trace, &t);
    const pg::Graph one = pg::unfold_graph(net, trace, &t, 0, 1);
    REQUIRE(!one.nodes.empty());
    CHECK(one.nodes.size() < full.nodes.size());
    int act = -1;
    for (size_t k = 0; k < one.nodes.size(); ++k)
        if (one.nodes[k].op == Op::Activation) act = int(k);
    REQUIRE(act >= 0);
    CHECK(one.nodes[size_t(act)].layer == 0);
    CHECK(one.nodes[size_t(act)].unit == 1);
    CHECK(one.nodes[size_t(act)].value == trace.layers[0].a[1]);
    int fan_out = 0;
    double sum = 0;
    for (const pg::GraphEdge& e : one.edges)
        if (e.from == act) {
            ++fan_out;
            sum += e.grad;
        }
    CHECK(fan_out == 2);  // into the two × nodes of the next layer
    CHECK(close(one.nodes[size_t(act)].grad, sum, 1e-6));
    // The output neuron's graph ends in the loss.
    const pg::Graph out = pg::unfold_graph(net, trace, &t, 2, 0);
    bool has_loss = false;
    for (const pg::GraphNode& n : out.nodes) has_loss = has_loss || n.op == Op::Loss;
    CHECK(has_loss);
}
