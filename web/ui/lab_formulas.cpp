// The lab's formulas with the numbers put in: what a lecture writes on the
// board for one neuron or one weight, filled with the engine's own numbers of
// the chosen example (pg::Network::inspect). The result on the right of each
// "=" is the engine's value; the terms are the values it was computed from.
#include <algorithm>
#include <cmath>
#include <string>

#include "pg/kernels_ref.h"
#include "ui/context.h"
#include "ui/numbers.h"

namespace pgapp {
namespace {

constexpr int kMaxTerms = 6;  // longer sums end in "+ … (N terms)"

const char* activation_name(pg::Activation a) {
    switch (a) {
        case pg::Activation::Linear: return "linear";
        case pg::Activation::Sigmoid: return "\u03c3";
        case pg::Activation::Tanh: return "tanh";
        case pg::Activation::ReLU: return "ReLU";
        case pg::Activation::LeakyReLU: return "leaky ReLU";
        case pg::Activation::GELU: return "GELU";
        case pg::Activation::GELUTanh: return "GELU(tanh)";
        case pg::Activation::Softplus: return "softplus";
        case pg::Activation::Step: return "step";
        case pg::Activation::Sign: return "sign";
    }
    return "f";
}

std::string unit_label(const pg::Network& net, int layer, int o) {
    if (layer == net.layer_count() - 1)
        return net.outputs() > 1 ? "output " + std::to_string(o + 1) : std::string("the output");
    return "neuron " + std::to_string(o + 1) + " of hidden layer " + std::to_string(layer + 1);
}

// Σ of products "w × a + …" for up to kMaxTerms terms.
template <class Term>
std::string sum_text(int count, Term term) {
    std::string s;
    const int shown = std::min(count, kMaxTerms);
    for (int k = 0; k < shown; ++k) {
        if (k) s += " + ";
        s += term(k);
    }
    if (count > shown) s += " + \u2026 (" + std::to_string(count) + " terms)";
    return s;
}

// Activation of the layer before `layer` (the inputs for layer 0).
float source_value(const pg::Trace& t, int layer, int i) {
    return layer == 0 ? t.input[size_t(i)] : t.layers[size_t(layer - 1)].a[size_t(i)];
}

}  // namespace

std::string input_label(const UiContext& ctx, int input) {
    const auto& f = ctx.trainer.features();
    return input >= 0 && input < int(f.size()) ? feature_label(f[size_t(input)], true) : "input";
}

bool LabState::check_fresh(const pg::Network& net) const {
    if (!check_done || check_params.size() != net.param_count()) return false;
    if (!std::equal(check_params.begin(), check_params.end(), net.params().begin())) return false;
    return check_example.x1 == example.x1 && check_example.x2 == example.x2 && check_example.label == example.label;
}

std::string node_formula(const UiContext& ctx, int l, int o) {
    const pg::Network& net = ctx.trainer.network();
    const pg::Trace& t = *ctx.view.trace;
    const std::vector<float>& target = *ctx.view.target;
    const pg::LayerLayout& L = net.layer(l);
    const pg::LayerTrace& T = t.layers[size_t(l)];
    const bool output = l == net.layer_count() - 1;
    const pg::Loss loss = net.spec().loss;
    const bool softmax = output && loss == pg::Loss::SoftmaxCrossEntropy;
    const float z = T.z[size_t(o)], a = T.a[size_t(o)], delta = T.delta[size_t(o)];

    std::string s = unit_label(net, l, o) + " (" + (softmax ? "softmax" : activation_name(L.activation)) + ")\n";
    // Forward: z = Σᵢ wᵢ·aᵢ + b
    s += "z = \u03a3\u1d62 w\u1d62\u00b7a\u1d62" + std::string(L.has_bias ? " + b" : "") + " = ";
    s += sum_text(L.in, [&](int i) {
        return fmt_full(net.weight(l, o, i)) + " \u00d7 " + fmt_full(source_value(t, l, i));
    });
    if (L.has_bias) s += " + " + fmt_full(net.bias(l, o));
    s += " = " + fmt_full(z) + "\n";
    if (softmax) {
        s += "y = softmax(z)\u2096 = " + fmt_full(a) + "\n";
    } else {
        if (L.activation == pg::Activation::Softplus && L.beta != 1.0f)
            s += "a = (1/\u03b2)\u00b7log(1 + e^(\u03b2z)), \u03b2 = " + fmt_full(L.beta) + ": " + fmt_full(a) + "\n";
        else
            s += "a = " + std::string(activation_name(L.activation)) + "(z) = " + fmt_full(a) + "\n";
    }
    // Backward: δ = ∂E/∂z
    const double fprime = pg::ref::activation_derivative<double>(L.activation, double(z), double(a), double(L.beta));
    if (output) {
        const float tk = target[size_t(o)];
        if (loss == pg::Loss::HalfSquared) {
            s += "E = \u00bd\u03a3(a \u2212 t)\u00b2 = " + fmt_full(t.loss) + "   (t = " + fmt_full(tk) + ")\n";
            s += "\u03b4 = \u2202E/\u2202z = (a \u2212 t)\u00b7f\u2032(z) = (" + fmt_full(a) + " \u2212 " + fmt_full(tk) +
                 ") \u00d7 " + fmt_full(float(fprime)) + " = " + fmt_full(delta);
        } else {
            s += std::string(loss == pg::Loss::SoftmaxCrossEntropy ? "E = \u2212\u03a3 t\u2096 log y\u2096"
                                                                    : "E = \u2212[t log a + (1 \u2212 t) log(1 \u2212 a)]") +
                 " = " + fmt_full(t.loss) + "   (t = " + fmt_full(tk) + ")\n";
            s += "\u03b4 = \u2202E/\u2202z = " + std::string(softmax ? "y" : "a") + " \u2212 t = " + fmt_full(a) +
                 " \u2212 " + fmt_full(tk) + " = " + fmt_full(delta);
        }
    } else {
        const pg::LayerLayout& N = net.layer(l + 1);
        const pg::LayerTrace& next = t.layers[size_t(l + 1)];
        s += "\u03b4 = f\u2032(z)\u00b7\u03a3\u2096 w\u2096\u00b7\u03b4\u2096 = " + fmt_full(float(fprime)) + " \u00d7 (";
        s += sum_text(N.out, [&](int k) {
            return fmt_full(net.weight(l + 1, k, o)) + " \u00d7 " + fmt_full(next.delta[size_t(k)]);
        });
        s += ") = " + fmt_full(delta);
    }
    return s;
}

std::string link_formula(const UiContext& ctx, int l, int o, int in) {
    const pg::Network& net = ctx.trainer.network();
    const pg::Trace& t = *ctx.view.trace;
    const pg::LayerLayout& L = net.layer(l);
    const pg::LayerTrace& T = t.layers[size_t(l)];
    const pg::HyperParams& h = net.hyper();
    const bool bias = in < 0;
    const size_t index = bias ? L.bias + size_t(o) : L.weights + size_t(o) * size_t(L.in) + size_t(in);
    const float w = net.params()[index];
    const float v = net.velocity()[index];
    const float g = bias ? T.grad_bias[size_t(o)] : T.grad_weights[size_t(o) * size_t(L.in) + size_t(in)];
    const float step = bias ? T.step_bias[size_t(o)] : T.step_weights[size_t(o) * size_t(L.in) + size_t(in)];
    const std::string name = bias ? "b" : "w";

    std::string s;
    if (bias) s = "bias of " + unit_label(net, l, o) + "\n";
    else
        s = "weight from " + (l == 0 ? input_label(ctx, in) : unit_label(net, l - 1, in)) + " to " +
            unit_label(net, l, o) + "\n";
    s += name + " = " + fmt_full(w) + "\n";
    if (bias) s += "\u2202E/\u2202b = \u03b4 = " + fmt_full(g) + "\n";
    else
        s += "\u2202E/\u2202w = \u03b4\u00b7a = " + fmt_full(T.delta[size_t(o)]) + " \u00d7 " +
             fmt_full(source_value(t, l, in)) + " = " + fmt_full(g) + "\n";
    s += "v = " + fmt_full(v) + "   (momentum velocity: the last step's \u0394" + name + ")\n";
    // The step in the engine's form (pg/network.h §4).
    const std::string eta = fmt_full(h.learning_rate), alpha = fmt_full(h.momentum);
    std::string form, numbers;
    if (h.nesterov) {
        form = "\u0394" + name + " = \u03b1\u00b7(\u03b1\u00b7v \u2212 \u03b7\u00b7\u2202E/\u2202" + name + ") \u2212 \u03b7\u00b7\u2202E/\u2202" + name;
        numbers = alpha + " \u00d7 (" + alpha + " \u00d7 " + fmt_full(v) + " \u2212 " + eta + " \u00d7 " + fmt_full(g) +
                  ") \u2212 " + eta + " \u00d7 " + fmt_full(g);
    } else {
        form = "\u0394" + name + " = \u2212\u03b7\u00b7\u2202E/\u2202" + name;
        numbers = "\u2212" + eta + " \u00d7 " + fmt_full(g);
    }
    if (!bias && h.regularization != pg::Regularization::None && h.regularization_rate > 0) {
        const std::string lambda = fmt_full(h.regularization_rate);
        if (h.regularization == pg::Regularization::L2) {
            form += " \u2212 \u03b7\u00b7\u03bb\u00b7w";
            numbers += " \u2212 " + eta + " \u00d7 " + lambda + " \u00d7 " + fmt_full(w);
        } else {
            form += " \u2212 \u03b7\u00b7\u03bb\u00b7sign(w)";
            numbers += " \u2212 " + eta + " \u00d7 " + lambda + " \u00d7 " + (w > 0 ? "1" : w < 0 ? "(\u22121)" : "0");
        }
    }
    if (!h.nesterov && h.momentum != 0) {
        form += " + \u03b1\u00b7v";
        numbers += " + " + alpha + " \u00d7 " + fmt_full(v);
    }
    s += form + "\n   = " + numbers + " = " + fmt_full(step) + "\n";
    if (!bias && h.regularization == pg::Regularization::L1)
        s += "   (L1: a weight that would cross zero stops at 0)\n";
    s += "next " + name + " = " + name + " + \u0394" + name + " = " + fmt_full(w + step);
    return s;
}

}  // namespace pgapp
