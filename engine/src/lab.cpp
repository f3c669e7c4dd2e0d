// The backprop lab (see pg/lab.h): trace JSON, gradient check, lessons.
#include "pg/lab.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "pg/csv.h"
#include "pg/kernels_ref.h"
#include "pg/session.h"

namespace pg {
namespace {

// ordered: keys print in the order written.
using Json = nlohmann::ordered_json;

// A float as its shortest decimal (0.7929987, not 0.792998731136322); null if not finite.
Json number(float v) {
    if (!std::isfinite(v)) return Json(nullptr);
    char buf[32];
    for (int precision = 1; precision <= 9; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, double(v));
        if (std::strtof(buf, nullptr) == v) break;
    }
    return Json(std::strtod(buf, nullptr));
}

Json number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Json numbers(std::span<const float> v) {
    Json a = Json::array();
    for (float x : v) a.push_back(number(x));
    return a;
}

// (rows, cols) row-major → [[...], ...].
Json matrix(std::span<const float> v, int rows, int cols) {
    Json m = Json::array();
    for (int r = 0; r < rows; ++r) m.push_back(numbers(v.subspan(size_t(r) * size_t(cols), size_t(cols))));
    return m;
}

// The keys of trace_json, appended to `out`.
void add_trace(Json& out, const Network& net, const Trace& trace, std::span<const float> target) {
    out["input"] = numbers(trace.input);
    out["target"] = numbers(target);
    out["loss"] = number(trace.loss);
    out["output"] = numbers(trace.output);
    Json layers = Json::array();
    for (size_t l = 0; l < trace.layers.size() && int(l) < net.layer_count(); ++l) {
        const LayerTrace& lt = trace.layers[l];
        const LayerLayout& lay = net.layer(int(l));
        Json j;
        j["units"] = lay.out;
        j["activation"] = std::string(to_string(lay.activation));
        j["z"] = numbers(lt.z);
        j["a"] = numbers(lt.a);
        j["delta"] = numbers(lt.delta);
        j["grad_weights"] = matrix(lt.grad_weights, lay.out, lay.in);
        j["grad_bias"] = lay.has_bias ? numbers(lt.grad_bias) : Json(nullptr);
        j["step_weights"] = matrix(lt.step_weights, lay.out, lay.in);
        j["step_bias"] = lay.has_bias ? numbers(lt.step_bias) : Json(nullptr);
        layers.push_back(std::move(j));
    }
    out["layers"] = std::move(layers);
}

// A kink or, for step and sign, a jump: finite differences across it mean nothing.
bool has_kink(Activation a) {
    return a == Activation::ReLU || a == Activation::LeakyReLU || has_zero_derivative(a);
}

// One example through the network in double: returns its loss; if `z` is
// given, it receives every neuron's z (neurons numbered as in network.h).
double example_loss(const Network& net, std::span<const double> p, const double* x, const double* t,
                    std::vector<double>* z_all) {
    const NetworkSpec& spec = net.spec();
    std::vector<double> a(x, x + spec.inputs), z;
    if (z_all) z_all->assign(size_t(net.neuron_count()), 0.0);
    for (int l = 0; l < net.layer_count(); ++l) {
        const LayerLayout& L = net.layer(l);
        z.assign(size_t(L.out), 0.0);
        for (int o = 0; o < L.out; ++o) {
            double s = L.has_bias ? p[L.bias + size_t(o)] : 0.0;
            for (int i = 0; i < L.in; ++i) s += p[L.weights + size_t(o) * size_t(L.in) + size_t(i)] * a[size_t(i)];
            z[size_t(o)] = s;
            if (z_all) (*z_all)[size_t(L.first_neuron + o)] = s;
        }
        a.resize(size_t(L.out));
        for (int o = 0; o < L.out; ++o) a[size_t(o)] = ref::activation_value<double>(L.activation, z[size_t(o)], double(L.beta));
    }
    const int K = net.outputs();
    double e = 0;
    switch (spec.loss) {
        case Loss::HalfSquared:
            for (int k = 0; k < K; ++k) e += 0.5 * (a[size_t(k)] - t[k]) * (a[size_t(k)] - t[k]);
            break;
        case Loss::BinaryCrossEntropy:
            for (int k = 0; k < K; ++k) e -= t[k] * std::log(a[size_t(k)]) + (1 - t[k]) * std::log(1 - a[size_t(k)]);
            break;
        case Loss::SoftmaxCrossEntropy: {
            // log-sum-exp with the maximum subtracted: exact and never overflowing.
            const double zmax = *std::max_element(z.begin(), z.end());
            double sum = 0;
            for (int k = 0; k < K; ++k) sum += std::exp(z[size_t(k)] - zmax);
            for (int k = 0; k < K; ++k) e -= t[k] * (z[size_t(k)] - zmax - std::log(sum));
            break;
        }
    }
    return e;
}

// The engine's gradient of one example in the params layout (from Network::inspect).
std::vector<float> engine_gradient(const Network& net, const float* x, const float* t) {
    std::vector<float> g(net.param_count(), 0.0f);
    const Trace trace = net.inspect(x, t);
    for (int l = 0; l < net.layer_count() && size_t(l) < trace.layers.size(); ++l) {
        const LayerLayout& L = net.layer(l);
        std::copy(trace.layers[size_t(l)].grad_weights.begin(), trace.layers[size_t(l)].grad_weights.end(),
                  g.begin() + long(L.weights));
        if (L.has_bias)
            std::copy(trace.layers[size_t(l)].grad_bias.begin(), trace.layers[size_t(l)].grad_bias.end(),
                      g.begin() + long(L.bias));
    }
    return g;
}

}  // namespace

// ---- 1. JSON ---------------------------------------------------------------------------------

std::string trace_json(const Network& net, const Trace& trace, std::span<const float> target) {
    Json out = Json::object();
    add_trace(out, net, trace, target);
    return out.dump();
}

std::string inspect_json(const Session& session, double x1, double x2, double label) {
    const Network& net = session.network();
    if (!net.configured()) return "{}";
    Json out = Json::object();
    Json names = Json::array();
    for (Feature f : session.features()) names.push_back(std::string(feature_name(f)));
    out["inputs"] = std::move(names);
    out["example"] = Json::array({number(x1), number(x2), number(label)});
    std::vector<float> target(size_t(std::max(net.outputs(), 1)));
    session.target_row(label, target.data());
    add_trace(out, net, session.inspect(x1, x2, label), target);
    return out.dump();
}

// ---- 2. Gradient check ---------------------------------------------------------------------------

double loss_double(const Network& net, std::span<const double> params, const double* x, const double* t,
                   int n) {
    if (!net.configured() || n <= 0) return 0.0;
    double total = 0;
    for (int r = 0; r < n; ++r)
        total += example_loss(net, params, x + size_t(r) * size_t(net.inputs()), t + size_t(r) * size_t(net.outputs()),
                              nullptr);
    return total / n;
}

GradCheck gradient_check(const Network& net, const float* x, const float* t, double h) {
    if (!net.configured()) return {};
    const std::vector<float> g = engine_gradient(net, x, t);
    return gradient_check_against(net, x, t, g, h);
}

GradCheck gradient_check_against(const Network& net, const float* x, const float* t,
                                 std::span<const float> analytic, double h) {
    GradCheck out;
    if (!net.configured() || analytic.size() != net.param_count()) return out;
    std::vector<double> p(net.params().begin(), net.params().end());
    const std::vector<double> xd(x, x + net.inputs()), td(t, t + net.outputs());
    std::vector<double> z_up, z_down;
    // Neurons whose activation has a kink (ReLU, leaky ReLU).
    std::vector<int> kinked;
    for (int l = 0; l < net.layer_count(); ++l)
        if (has_kink(net.layer(l).activation))
            for (int o = 0; o < net.layer(l).out; ++o) kinked.push_back(net.layer(l).first_neuron + o);

    out.entries.reserve(p.size());
    for (int l = 0; l < net.layer_count(); ++l) {
        const LayerLayout& L = net.layer(l);
        for (size_t j = L.weights; j < L.end; ++j) {
            GradCheckEntry e;
            e.layer = l;
            const bool bias = L.has_bias && j >= L.bias;
            e.out = bias ? int(j - L.bias) : int((j - L.weights) / size_t(L.in));
            e.in = bias ? -1 : int((j - L.weights) % size_t(L.in));
            const double saved = p[j];
            p[j] = saved + h;
            const double up = example_loss(net, p, xd.data(), td.data(), &z_up);
            p[j] = saved - h;
            const double down = example_loss(net, p, xd.data(), td.data(), &z_down);
            p[j] = saved;
            e.numeric = (up - down) / (2 * h);
            e.analytic = analytic[j];
            e.rel_error = std::fabs(e.analytic - e.numeric) /
                          std::max({std::fabs(e.analytic), std::fabs(e.numeric), 1e-7});
            for (int n : kinked) {
                const double a = z_up[size_t(n)], b = z_down[size_t(n)];
                if (a != b && std::min(a, b) <= 0 && std::max(a, b) >= 0) e.at_kink = true;
            }
            if (e.at_kink) {
                ++out.kinks;
            } else if (out.worst < 0 || e.rel_error > out.max_rel_error) {
                out.max_rel_error = e.rel_error;
                out.worst = int(out.entries.size());
            }
            out.entries.push_back(e);
        }
    }
    return out;
}

// ---- 3. Lessons --------------------------------------------------------------------------------

bool load_lesson(const Lesson& lesson, Session& session, std::string& error) {
    const std::string where = "lesson " + std::string(lesson.id) + ": ";
    const StateParse parsed = parse_state(lesson.state);
    for (const StateIssue& issue : parsed.issues)
        if (issue.kind != StateIssue::Kind::kUnknownKey) {
            error = where + "state " + issue.message;
            return false;
        }
    CsvData csv;
    if (!lesson.csv.empty() && !parse_csv(lesson.csv, parsed.state.problem, csv, error)) {
        error = where + "csv: " + error;
        return false;
    }
    Model model;
    if (!lesson.model.empty() && (!parse_model(lesson.model, model, error) || !reconcile_model(model, parsed, error))) {
        error = where + "model: " + error;
        return false;
    }
    // Locked keys the lesson does not set keep their values (a hide the
    // teacher's link gave stays); a locked key it sets to another value, its
    // points while a dataset is locked, or a model that changes a locked key
    // refuse the whole lesson (Session::replace_with).
    const LockPolicy& locks = session.locks();
    State start = parsed.state;
    if (!locks.empty()) {
        std::vector<std::string> conflicts;
        for (const std::string& key : locks.violations(parsed.state))
            if (parsed.has_key(key)) conflicts.push_back(key);
        if (!conflicts.empty()) {
            error = where + "it sets " + join_names(conflicts) +
                    ", locked by the page that embeds this playground; nothing changed";
            return false;
        }
        start = locks.hold(parsed.state);
    }
    Session next;
    if (!next.build(start, lesson.csv.empty() ? nullptr : &csv, error)) {
        error = where + error;
        return false;
    }
    std::vector<Feature> inputs;
    for (const std::string& name : model.inputs)
        if (const std::optional<Feature> f = parse_feature(name)) inputs.push_back(*f);
    if ((!lesson.model.empty() && !next.load_model(model.spec, model.params, inputs, error)) ||
        !session.replace_with(std::move(next), error)) {
        error = where + error;
        return false;
    }
    // The lesson's own locks (parse_lesson checked the names), at its values.
    if (!lesson.lock.empty()) session.lock(lesson.lock);
    return true;
}

std::vector<Point> lesson_points(const Lesson& lesson) {
    CsvData csv;
    std::string error;
    if (lesson.csv.empty() || !parse_csv(lesson.csv, parse_state(lesson.state).state.problem, csv, error)) return {};
    return csv.points;
}

// ---- 4. A model file beside a state string ---------------------------------------------------------

bool reconcile_model(Model& model, const StateParse& parsed, std::string& error) {
    const State& s = parsed.state;
    auto conflict = [&](std::string_view key, std::string_view state_says, std::string_view model_says) {
        error = std::string(key) + ": the state says " + std::string(state_says) + " but the model file says " +
                std::string(model_says);
        return false;
    };
    if (model.spec.layers.empty()) return true;  // parse_model never gives this; load_model reports it

    if (parsed.has_key("loss") && s.loss) {
        const Loss want = effective_loss(s);
        if (!model.loss_given) {
            model.spec.loss = want;
        } else if (model.spec.loss != want) {
            return conflict("loss", to_string(want), to_string(model.spec.loss));
        }
    }
    const size_t hidden = model.spec.layers.size() - 1;
    if (parsed.has_key("networkShape")) {
        auto shape_text = [](const std::vector<int>& v) {
            std::string t;
            for (size_t i = 0; i < v.size(); ++i) {
                if (i) t += ',';
                t += std::to_string(v[i]);
            }
            return t.empty() ? std::string("(no hidden layer)") : t;
        };
        std::vector<int> model_shape;
        for (size_t l = 0; l < hidden; ++l) model_shape.push_back(model.spec.layers[l].units);
        if (model_shape != s.network_shape)
            return conflict("networkShape", shape_text(s.network_shape), shape_text(model_shape));
    }
    const bool named_list = parsed.has_key("activations"), named_one = parsed.has_key("activation");
    for (size_t l = 0; l < hidden; ++l) {
        const bool by_list = named_list && l < s.activations.size();
        if (!by_list && !named_one) continue;
        const Activation want = by_list ? s.activations[l] : s.activation;
        if (model.spec.layers[l].activation != want)
            return conflict(by_list ? "activations" : "activation",
                            std::string(to_string(want)) + " for hidden layer " + std::to_string(l + 1),
                            to_string(model.spec.layers[l].activation));
    }
    if (parsed.has_key("outputActivation") && s.output_activation && model.spec.loss == Loss::HalfSquared &&
        model.spec.layers.back().activation != *s.output_activation)
        return conflict("outputActivation", to_string(*s.output_activation),
                        to_string(model.spec.layers.back().activation));
    for (Feature f : kAllFeatures) {
        const std::string_view name = feature_name(f);
        if (!parsed.has_key(name)) continue;
        const bool in_model = std::find(model.inputs.begin(), model.inputs.end(), name) != model.inputs.end();
        if (in_model != s.feature(f))
            return conflict(name, s.feature(f) ? "true" : "false",
                            in_model ? "it is an input" : "it is not an input");
    }
    return true;
}

}  // namespace pg
