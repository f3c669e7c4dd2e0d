// pg/lab.h: the gradient check against central differences (every activation
// × every loss, a wrong gradient flagged, ReLU kinks left out), the built-in
// lessons stepped once and twice against hand computations in double (and
// the printed digits of their sources), and the trace JSON.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "pg/lab.h"
#include "pg/rng.h"
#include "pg/session.h"

namespace {

// |actual − expected| within `rel` of |expected| (plus a hair for values near 0).
bool rel_close(double actual, double expected, double rel = 1e-5) {
    return std::fabs(actual - expected) <= rel * std::fabs(expected) + 1e-7;
}

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

pg::Session lesson_session(std::string_view id) {
    const pg::Lesson* lesson = pg::find_lesson(id);
    REQUIRE(lesson != nullptr);
    pg::Session s;
    std::string error;
    REQUIRE_MESSAGE(pg::load_lesson(*lesson, s, error), error);
    return s;
}

}  // namespace

// ---- Gradient check ---------------------------------------------------------------------------

TEST_CASE("lab gradient check: every activation with every loss agrees to 1e-4 relative") {
    const int inputs = 3;
    for (int ai = 0; ai < pg::kActivationCount; ++ai) {
        const auto act = pg::Activation(ai);
        struct Case {
            pg::Loss loss;
            int outputs;
            pg::Activation output_activation;
        };
        const Case cases[] = {
            {pg::Loss::HalfSquared, 2, act},
            {pg::Loss::BinaryCrossEntropy, 1, pg::Activation::Sigmoid},
            {pg::Loss::SoftmaxCrossEntropy, 3, pg::Activation::Linear},
        };
        for (const Case& c : cases) {
            CAPTURE(pg::to_string(act));
            CAPTURE(pg::to_string(c.loss));
            pg::NetworkSpec spec = pg::NetworkSpec::make(inputs, {5, 4}, act, c.outputs, c.output_activation, c.loss);
            spec.layers[1].has_bias = false;
            pg::Network net;
            std::string error;
            REQUIRE_MESSAGE(net.configure(spec, error), error);
            pg::Rng prng(100 + uint64_t(ai));
            for (float& v : net.params()) v = float(prng.uniform(-1.0, 1.0));
            pg::Rng rng(7);
            for (int example = 0; example < 3; ++example) {
                float x[inputs], t[3] = {0, 0, 0};
                for (float& v : x) v = float(rng.uniform(-1.5, 1.5));
                if (c.loss == pg::Loss::SoftmaxCrossEntropy) t[rng.below(3)] = 1;
                else if (c.loss == pg::Loss::BinaryCrossEntropy) t[0] = float(rng.below(2));
                else for (int k = 0; k < c.outputs; ++k) t[k] = float(rng.uniform(-1, 1));
                const pg::GradCheck g = pg::gradient_check(net, x, t);
                REQUIRE(g.entries.size() == net.param_count());
                CAPTURE(example);
                CAPTURE(g.worst);
                CHECK(g.max_rel_error < 1e-4);
                CHECK(g.worst >= 0);
                // The layout of network.h §3: layer 1 has no bias entries.
                CHECK(g.entries[0].layer == 0);
                CHECK(g.entries[0].in == 0);
                CHECK(g.entries[size_t(5 * 3)].in == -1);  // layer 0's first bias
                for (const pg::GradCheckEntry& e : g.entries)
                    if (e.layer == 1) CHECK(e.in >= 0);
                if (act != pg::Activation::ReLU && act != pg::Activation::LeakyReLU) CHECK(g.kinks == 0);
            }
        }
    }
}

TEST_CASE("lab gradient check flags a deliberately wrong gradient") {
    pg::Network net;
    std::string error;
    REQUIRE(net.configure(pg::NetworkSpec::make(2, {4, 3}, pg::Activation::Tanh, 1, pg::Activation::Tanh), error));
    net.init(pg::Init::GlorotUniform, 11);
    const float x[2] = {0.7f, -1.1f}, t[1] = {1.0f};
    const pg::GradCheck right = pg::gradient_check(net, x, t);
    REQUIRE(right.max_rel_error < 1e-4);
    for (size_t wrong : {size_t(0), size_t(9), net.param_count() - 1}) {
        CAPTURE(wrong);
        std::vector<float> g;
        for (const pg::GradCheckEntry& e : right.entries) g.push_back(float(e.analytic));
        g[wrong] += 0.05f * (std::fabs(g[wrong]) + 0.1f);
        const pg::GradCheck bad = pg::gradient_check_against(net, x, t, g);
        CHECK(bad.worst == int(wrong));
        CHECK(bad.max_rel_error > 0.01);
        CHECK(bad.entries[wrong].rel_error == bad.max_rel_error);
    }
    // A buffer of the wrong size checks nothing.
    CHECK(pg::gradient_check_against(net, x, t, std::vector<float>(3)).entries.empty());
}

TEST_CASE("lab gradient check: a ReLU unit with z exactly 0 is at a kink and left out") {
    for (pg::Activation act : {pg::Activation::ReLU, pg::Activation::LeakyReLU}) {
        CAPTURE(pg::to_string(act));
        pg::Network net;
        std::string error;
        REQUIRE(net.configure(pg::NetworkSpec::make(2, {2}, act, 1, pg::Activation::Linear), error));
        // Hidden unit 0: z = 0.5·1 − 0.5·1 + 0 = 0 exactly; unit 1: z = 0.75 (no kink).
        REQUIRE(net.set_weight(0, 0, 0, 0.5f));
        REQUIRE(net.set_weight(0, 0, 1, -0.5f));
        REQUIRE(net.set_bias(0, 0, 0.0f));
        REQUIRE(net.set_weight(0, 1, 0, 0.5f));
        REQUIRE(net.set_weight(0, 1, 1, 0.25f));
        REQUIRE(net.set_bias(0, 1, 0.0f));
        REQUIRE(net.set_weight(1, 0, 0, 0.8f));
        REQUIRE(net.set_weight(1, 0, 1, -0.6f));
        REQUIRE(net.set_bias(1, 0, 0.1f));
        const float x[2] = {1.0f, 1.0f}, t[1] = {2.0f};
        REQUIRE(net.inspect(x, t).layers[0].z[0] == 0.0f);
        const pg::GradCheck g = pg::gradient_check(net, x, t);
        CHECK(g.kinks == 3);  // unit 0's two weights and its bias
        for (const pg::GradCheckEntry& e : g.entries) {
            CAPTURE(e.layer);
            CAPTURE(e.out);
            CAPTURE(e.in);
            CHECK(e.at_kink == (e.layer == 0 && e.out == 0));
        }
        // The engine takes f'(0) = 0 (ReLU) where the difference sees the mean of both sides:
        // large errors, reported but not counted.
        if (act == pg::Activation::ReLU) CHECK(g.entries[0].rel_error > 0.1);
        CHECK(g.max_rel_error < 1e-4);
        CHECK_FALSE(g.entries[size_t(g.worst)].at_kink);
    }
}

// ---- Lessons ------------------------------------------------------------------------------------

TEST_CASE("lessons: listed, found by id; the lab's lessons load with inspect=true, 100 % training, batch 1") {
    REQUIRE(pg::lessons().size() >= 9);
    for (const pg::Lesson& l : pg::lessons()) {
        CAPTURE(l.id);
        CHECK(pg::find_lesson(l.id) == &l);
        CHECK_FALSE(l.title.empty());
        CHECK_FALSE(l.summary.empty());
        const pg::StateParse p = pg::parse_state(l.state);
        CHECK(p.issues.empty());
        pg::Session s = lesson_session(l.id);
        // The course's other lessons (a dataset to train on, no model of
        // their own) are tested in test_lesson.cpp: each goal attainable.
        if (l.model.empty()) continue;
        CHECK(s.state().inspect);
        CHECK(s.state().batch_size == 1);
        CHECK(s.state().perc_train_data == 100);
        CHECK(s.test_points().empty());
        CHECK(s.train_points().size() == pg::lesson_points(l).size());
        CHECK(s.metrics().test_loss == 0);
        CHECK(std::isfinite(s.metrics().train_loss));
        // The session describes the lesson's model: its JSON reads back the same.
        pg::Model model;
        std::string error;
        REQUIRE(pg::parse_model(l.model, model, error));
        CHECK(std::vector<float>(s.network().params().begin(), s.network().params().end()) == model.params);
        CHECK(s.network().spec().loss == model.spec.loss);
    }
    CHECK(pg::find_lesson("no-such-lesson") == nullptr);

    // A lesson that fails leaves the session as it was.
    pg::Session s = lesson_session("xor-2-2-1");
    pg::Lesson broken;
    broken.id = "broken";
    broken.state = "problem=regression&x=true";
    broken.model = R"({"inputs": ["y"], "layers": [)";
    broken.csv = "1,2,3\n";
    std::string error;
    CHECK_FALSE(pg::load_lesson(broken, s, error));
    CHECK(error.find("lesson broken: model:") == 0);
    CHECK(s.network().layer_count() == 2);
    CHECK(s.network().weight(1, 0, 0) == -1.2f);
}

TEST_CASE("lesson worked-example: two Update steps give the lecture's numbers") {
    pg::Session s = lesson_session("worked-example");
    REQUIRE(s.num_inputs() == 1);
    REQUIRE(s.network().param_count() == 2);
    double w1 = 1.0, w2 = 1.0;
    const double printed[2][2] = {{1.0197, 1.0053}, {1.0384, 1.0104}};  // w2, w1 after each step
    for (int step = 0; step < 2; ++step) {
        CAPTURE(step);
        // The lecture's formulas, in double.
        const double h = sigmoid(w1 * 1.0), y = h * w2;
        const double g2 = -(1.0 - y) * h, g1 = -(1.0 - y) * w2 * h * (1.0 - h);
        const pg::Trace tr = s.inspect(1.0, 0.0, 1.0);
        CHECK(rel_close(tr.layers[0].a[0], h));
        CHECK(rel_close(tr.output[0], y));
        CHECK(rel_close(tr.layers[1].delta[0], y - 1.0));
        CHECK(rel_close(tr.layers[0].delta[0], (y - 1.0) * w2 * h * (1.0 - h)));
        CHECK(rel_close(tr.layers[1].grad_weights[0], g2));
        CHECK(rel_close(tr.layers[0].grad_weights[0], g1));
        CHECK(tr.layers[0].grad_bias.empty());

        const pg::StepResult r = s.train_example(1.0, 0.0, 1.0);
        CHECK(r.finite);
        CHECK(rel_close(r.loss, 0.5 * (1 - y) * (1 - y)));
        w2 -= 0.1 * g2;
        w1 -= 0.1 * g1;
        CHECK(rel_close(s.network().weight(1, 0, 0), w2));
        CHECK(rel_close(s.network().weight(0, 0, 0), w1));
        CHECK(std::fabs(s.network().weight(1, 0, 0) - printed[step][0]) < 5e-4);
        CHECK(std::fabs(s.network().weight(0, 0, 0) - printed[step][1]) < 5e-4);
        CHECK(s.epoch() == 0);  // an Update is not an epoch
        CHECK(s.metrics().train_loss == doctest::Approx(0.5 * (1 - w2 * sigmoid(w1)) * (1 - w2 * sigmoid(w1))).epsilon(1e-5));
    }
}

TEST_CASE("lesson xor-2-2-1: Negnevitsky's first step, and the second, against double") {
    pg::Session s = lesson_session("xor-2-2-1");
    // W1[j][i] (hidden j from input i), b1[j], W2[j], b2, as the model file gives them.
    double W1[2][2] = {{0.5, 0.4}, {0.9, 1.0}}, b1[2] = {-0.8, 0.1}, W2[2] = {-1.2, 1.1}, b2 = -0.3;
    const double eta = 0.1;
    const std::vector<pg::Point> points = pg::lesson_points(*pg::find_lesson("xor-2-2-1"));
    REQUIRE(points.size() == 4);
    for (int step = 0; step < 2; ++step) {
        CAPTURE(step);
        const double x[2] = {points[size_t(step)].x1, points[size_t(step)].x2}, t = points[size_t(step)].label;
        double h[2], d1[2];
        for (int j = 0; j < 2; ++j) h[j] = sigmoid(W1[j][0] * x[0] + W1[j][1] * x[1] + b1[j]);
        const double y = sigmoid(W2[0] * h[0] + W2[1] * h[1] + b2);
        const double d2 = (y - t) * y * (1 - y);  // δ of the output: ∂E/∂z
        for (int j = 0; j < 2; ++j) d1[j] = h[j] * (1 - h[j]) * W2[j] * d2;

        const pg::Trace tr = s.inspect(x[0], x[1], t);
        CHECK(rel_close(tr.output[0], y));
        CHECK(rel_close(tr.layers[1].delta[0], d2));
        for (int j = 0; j < 2; ++j) {
            CHECK(rel_close(tr.layers[0].delta[size_t(j)], d1[j]));
            CHECK(rel_close(tr.layers[1].grad_weights[size_t(j)], d2 * h[j]));
            for (int i = 0; i < 2; ++i) CHECK(rel_close(tr.layers[0].grad_weights[size_t(j * 2 + i)], d1[j] * x[i]));
            CHECK(rel_close(tr.layers[0].grad_bias[size_t(j)], d1[j]));
        }

        REQUIRE(s.train_example(x[0], x[1], t).finite);
        for (int j = 0; j < 2; ++j) {
            W2[j] -= eta * d2 * h[j];
            for (int i = 0; i < 2; ++i) W1[j][i] -= eta * d1[j] * x[i];
            b1[j] -= eta * d1[j];
        }
        b2 -= eta * d2;
        const pg::Network& n = s.network();
        for (int j = 0; j < 2; ++j) {
            CHECK(rel_close(n.weight(1, 0, j), W2[j]));
            CHECK(rel_close(n.bias(0, j), b1[j]));
            for (int i = 0; i < 2; ++i) CHECK(rel_close(n.weight(0, j, i), W1[j][i]));
        }
        CHECK(rel_close(n.bias(1, 0), b2));
        if (step == 0) {
            // The book's printed results (thresholds θ = −b).
            const double printed_w[2][2] = {{0.5038, 0.4038}, {0.8985, 0.9985}};
            for (int j = 0; j < 2; ++j)
                for (int i = 0; i < 2; ++i) CHECK(std::fabs(n.weight(0, j, i) - printed_w[j][i]) < 5e-4);
            CHECK(std::fabs(n.weight(1, 0, 0) - (-1.2067)) < 5e-4);
            CHECK(std::fabs(n.weight(1, 0, 1) - 1.0888) < 5e-4);
            CHECK(std::fabs(-n.bias(0, 0) - 0.7962) < 5e-4);
            CHECK(std::fabs(-n.bias(0, 1) - (-0.0985)) < 5e-4);
            CHECK(std::fabs(-n.bias(1, 0) - 0.3127) < 5e-4);
        }
    }
}

TEST_CASE("lesson softmax-3: δ_k = y_k − t_k and two steps against double") {
    pg::Session s = lesson_session("softmax-3");
    REQUIRE(s.num_classes() == 3);
    REQUIRE(s.network().layer_count() == 1);
    REQUIRE(s.network().spec().loss == pg::Loss::SoftmaxCrossEntropy);
    double W[3][2] = {{0.2, -0.3}, {0.4, 0.1}, {-0.5, 0.2}}, b[3] = {0.1, 0, -0.1};
    const std::vector<pg::Point> points = pg::lesson_points(*pg::find_lesson("softmax-3"));
    REQUIRE(points.size() == 3);
    for (int step = 0; step < 2; ++step) {
        CAPTURE(step);
        const pg::Point& p = points[size_t(step)];
        const double x[2] = {p.x1, p.x2};
        double z[3], y[3], sum = 0;
        for (int k = 0; k < 3; ++k) sum += std::exp(z[k] = W[k][0] * x[0] + W[k][1] * x[1] + b[k]);
        for (int k = 0; k < 3; ++k) y[k] = std::exp(z[k]) / sum;
        const pg::Trace tr = s.inspect(p.x1, p.x2, p.label);
        CHECK(rel_close(tr.loss, -std::log(y[int(p.label)])));
        double d[3];
        for (int k = 0; k < 3; ++k) {
            d[k] = y[k] - (k == int(p.label) ? 1.0 : 0.0);
            CHECK(rel_close(tr.output[size_t(k)], y[k]));
            CHECK(rel_close(tr.layers[0].delta[size_t(k)], d[k]));
            for (int i = 0; i < 2; ++i) CHECK(rel_close(tr.layers[0].grad_weights[size_t(k * 2 + i)], d[k] * x[i]));
        }
        REQUIRE(s.train_example(p.x1, p.x2, p.label).finite);
        for (int k = 0; k < 3; ++k) {
            for (int i = 0; i < 2; ++i) W[k][i] -= 0.1 * d[k] * x[i];
            b[k] -= 0.1 * d[k];
            for (int i = 0; i < 2; ++i) CHECK(rel_close(s.network().weight(0, k, i), W[k][i]));
            CHECK(rel_close(s.network().bias(0, k), b[k]));
        }
    }
}

// ---- JSON ---------------------------------------------------------------------------------------

TEST_CASE("inspect_json: the keys of lab.h in order, shortest floats, null for a missing bias") {
    pg::Session s = lesson_session("worked-example");
    const std::string j = pg::inspect_json(s, 1.0, 0.0, 1.0);
    size_t at = 0;
    for (std::string_view key : {"\"inputs\":[\"x\"]", "\"example\":[1.0,0.0,1.0]", "\"input\":[1.0]",
                                 "\"target\":[1.0]", "\"loss\":", "\"output\":[0.7310586]", "\"layers\":[",
                                 "\"units\":1", "\"activation\":\"sigmoid\"", "\"z\":[1.0]", "\"a\":[0.7310586]",
                                 "\"delta\":", "\"grad_weights\":[[", "\"grad_bias\":null", "\"step_weights\":[[",
                                 "\"step_bias\":null", "\"activation\":\"linear\""}) {
        CAPTURE(key);
        CAPTURE(j);
        const size_t found = j.find(key, at);
        REQUIRE(found != std::string::npos);
        at = found;
    }
    CHECK(j.find('\n') == std::string::npos);

    const pg::Trace tr = s.inspect(1.0, 0.0, 1.0);
    const float target[1] = {1.0f};
    const std::string t = pg::trace_json(s.network(), tr, target);
    CHECK(t.rfind("{\"input\":[1.0],\"target\":[1.0],\"loss\":", 0) == 0);
    CHECK(pg::inspect_json(pg::Session{}, 0, 0, 0) == "{}");
}

TEST_CASE("reconcile_model: the state's explicit keys against the model file") {
    pg::Model model;
    std::string error;
    REQUIRE(pg::parse_model(R"({"inputs": ["x", "y"], "layers": [{"activation": "linear",
        "weights": [[1, 2], [3, 4], [5, 6]], "bias": [0, 0, 0]}]})", model, error));
    CHECK_FALSE(model.loss_given);
    CHECK(model.spec.loss == pg::Loss::HalfSquared);

    // The model names no loss: the state's wins.
    pg::Model m = model;
    CHECK(pg::reconcile_model(m, pg::parse_state("loss=softmax_ce&problem=multiclass&numClasses=3"), error));
    CHECK(m.spec.loss == pg::Loss::SoftmaxCrossEntropy);
    // Not named: the model's stays.
    m = model;
    CHECK(pg::reconcile_model(m, pg::parse_state("problem=multiclass&numClasses=3"), error));
    CHECK(m.spec.loss == pg::Loss::HalfSquared);
    // Named on both sides, differently: an error naming the key.
    m = model;
    m.loss_given = true;
    CHECK_FALSE(pg::reconcile_model(m, pg::parse_state("loss=softmax_ce&problem=multiclass"), error));
    CHECK(error == "loss: the state says softmax_ce but the model file says mse");
    m = model;
    CHECK_FALSE(pg::reconcile_model(m, pg::parse_state("networkShape=4"), error));
    CHECK(error == "networkShape: the state says 4 but the model file says (no hidden layer)");
    CHECK_FALSE(pg::reconcile_model(m, pg::parse_state("sinX=true"), error));
    CHECK(error.rfind("sinX: ", 0) == 0);
    CHECK_FALSE(pg::reconcile_model(m, pg::parse_state("y=false"), error));
    CHECK(error.rfind("y: ", 0) == 0);
    CHECK(pg::reconcile_model(m, pg::parse_state("x=true&y=true&networkShape=&seed=3"), error));

    // Through a session: the loss the state named is the one used.
    pg::Session s;
    const pg::StateParse p = pg::parse_state("loss=softmax_ce&problem=multiclass&numClasses=3");
    REQUIRE(s.build(p.state, error));
    m = model;
    REQUIRE(pg::reconcile_model(m, p, error));
    std::vector<pg::Feature> inputs = {pg::Feature::kX, pg::Feature::kY};
    REQUIRE_MESSAGE(s.load_model(m.spec, m.params, inputs, error), error);
    CHECK(s.network().spec().loss == pg::Loss::SoftmaxCrossEntropy);
}
