// The computation graph of one example (see pg/graph.h): nodes and edges
// laid out from the trace; node gradients are the sums of their outgoing edges.
#include "pg/graph.h"

#include <algorithm>
#include <string>

#include "pg/kernels_ref.h"

namespace pg {

std::vector<int> Graph::column_nodes(int c) const {
    std::vector<int> out;
    for (size_t k = 0; k < nodes.size(); ++k)
        if (nodes[k].column == c) out.push_back(int(k));
    return out;
}

namespace {

// A name and 1-based numbers: "w1,2". Appended (not "w" + std::to_string(..),
// where GCC 12 warns about a memcpy that cannot happen, -Wrestrict).
std::string name(const char* prefix, int k, int k2 = -1) {
    std::string s = prefix;
    s += std::to_string(k + 1);
    if (k2 >= 0) {
        s += ',';
        s += std::to_string(k2 + 1);
    }
    return s;
}

struct Builder {
    Graph g;
    int add(GraphNode::Op op, int layer, int unit, int in, int column, float value, std::string label) {
        GraphNode n;
        n.op = op;
        n.layer = layer;
        n.unit = unit;
        n.in = in;
        n.column = column;
        n.value = value;
        n.label = std::move(label);
        g.nodes.push_back(std::move(n));
        return int(g.nodes.size()) - 1;
    }
    void edge(int from, int to, float grad) { g.edges.push_back({from, to, g.nodes[size_t(from)].value, grad}); }
};

// Keeps the nodes marked in `keep` and the edges between them; columns renumbered densely.
Graph restrict_to(const Graph& full, const std::vector<bool>& keep) {
    Graph out;
    std::vector<int> index(full.nodes.size(), -1);
    std::vector<int> used(size_t(full.columns), 0);
    for (size_t k = 0; k < full.nodes.size(); ++k)
        if (keep[k]) used[size_t(full.nodes[k].column)] = 1;
    std::vector<int> column_of(used.size(), 0);
    int c = 0;
    for (size_t k = 0; k < used.size(); ++k) column_of[k] = used[k] ? c++ : c;
    for (size_t k = 0; k < full.nodes.size(); ++k) {
        if (!keep[k]) continue;
        index[k] = int(out.nodes.size());
        out.nodes.push_back(full.nodes[k]);
        out.nodes.back().column = column_of[size_t(full.nodes[k].column)];
    }
    for (const GraphEdge& e : full.edges)
        if (index[size_t(e.from)] >= 0 && index[size_t(e.to)] >= 0)
            out.edges.push_back({index[size_t(e.from)], index[size_t(e.to)], e.value, e.grad});
    out.columns = c;
    return out;
}

}  // namespace

Graph unfold_graph(const Network& net, const Trace& trace, const float* target, int focus_layer, int focus_unit) {
    const int L = net.layer_count();
    if (L == 0 || int(trace.layers.size()) != L || int(trace.input.size()) != net.inputs()) return {};
    const NetworkSpec& spec = net.spec();
    const bool softmax = spec.loss == Loss::SoftmaxCrossEntropy;
    const auto params = net.params();
    Builder b;
    using Op = GraphNode::Op;

    // Columns: 0 inputs; layer l: 4l+1 weights and bias, 4l+2 ×, 4l+3 +, 4l+4 f (or softmax);
    // then 4L+1 targets, 4L+2 the loss.
    std::vector<int> sources;  // the previous layer's output nodes (inputs first)
    for (int i = 0; i < net.inputs(); ++i) sources.push_back(b.add(Op::Input, -1, i, -1, 0, trace.input[size_t(i)], name("x", i)));
    std::vector<std::vector<int>> act_nodes(static_cast<size_t>(L)), add_nodes(static_cast<size_t>(L));
    for (int l = 0; l < L; ++l) {
        const LayerLayout& lay = net.layer(l);
        const LayerTrace& T = trace.layers[size_t(l)];
        const bool is_softmax = softmax && l == L - 1;
        const int c0 = 4 * l;
        for (int o = 0; o < lay.out; ++o) {
            const float delta = T.delta[size_t(o)];
            std::vector<int> muls;
            for (int i = 0; i < lay.in; ++i) {
                const size_t wi = size_t(o) * size_t(lay.in) + size_t(i);
                const float w = params[lay.weights + wi];
                const int wn = b.add(Op::Weight, l, o, i, c0 + 1, w, name("w", o, i));
                const int mn = b.add(Op::Multiply, l, o, i, c0 + 2, w * b.g.nodes[size_t(sources[size_t(i)])].value, "\u00d7");
                b.edge(wn, mn, T.grad_weights[wi]);                                      // ∂E/∂w = δ·a (the trace's)
                b.edge(sources[size_t(i)], mn, delta * w);                              // upstream δ × local w
                muls.push_back(mn);
            }
            const int zn = b.add(Op::Add, l, o, -1, c0 + 3, T.z[size_t(o)], "+");
            for (int mn : muls) b.edge(mn, zn, delta);  // + passes the gradient on unchanged
            if (lay.has_bias) {
                const int bn = b.add(Op::Bias, l, o, -1, c0 + 1, params[lay.bias + size_t(o)], name("b", o));
                b.edge(bn, zn, T.grad_bias[size_t(o)]);
            }
            add_nodes[size_t(l)].push_back(zn);
            if (!is_softmax) {
                const int an = b.add(Op::Activation, l, o, -1, c0 + 4, T.a[size_t(o)], std::string(to_string(lay.activation)));
                b.g.nodes[size_t(an)].local = ref::activation_derivative<float>(lay.activation, T.z[size_t(o)], T.a[size_t(o)], lay.beta);
                b.edge(zn, an, delta);  // δ = ∂E/∂z, the trace's
                act_nodes[size_t(l)].push_back(an);
            }
        }
        if (is_softmax) {
            // y_k = softmax(z)_k depends on every z_j: ∂y_k/∂z_j = y_k(δ_kj − y_j), and with
            // ∂E/∂y_k = −t_k/y_k the edge z_j → y_k carries −t_k(δ_kj − y_j).
            for (int k = 0; k < lay.out; ++k) {
                const int yn = b.add(Op::Softmax, l, k, -1, c0 + 4, T.a[size_t(k)], "softmax");
                act_nodes[size_t(l)].push_back(yn);
            }
            for (int k = 0; k < lay.out; ++k)
                for (int j = 0; j < lay.out; ++j)
                    b.edge(add_nodes[size_t(l)][size_t(j)], act_nodes[size_t(l)][size_t(k)],
                           -target[k] * ((k == j ? 1.0f : 0.0f) - T.a[size_t(j)]));
        }
        sources = act_nodes[size_t(l)];
    }

    // The loss and the targets.
    const LayerLayout& out = net.layer(L - 1);
    const LayerTrace& T = trace.layers.back();
    const int en = b.add(Op::Loss, L, 0, -1, 4 * L + 2, trace.loss,
                         softmax ? "cross-entropy" : spec.loss == Loss::BinaryCrossEntropy ? "bce" : "\u00bd(a\u2212t)\u00b2");
    b.g.nodes[size_t(en)].grad = 1.0f;
    const bool perceptron = net.hyper().rule == Rule::Perceptron && L == 1;
    for (int k = 0; k < out.out; ++k) {
        const float a = T.a[size_t(k)];
        const float t = perceptron ? perceptron_target(out.activation, target[k]) : target[k];
        const int tn = b.add(Op::Target, L, k, -1, 4 * L + 1, t, name("t", k));
        b.g.nodes[size_t(tn)].has_grad = false;
        b.edge(tn, en, 0.0f);
        float g = a - t;  // mse (and the perceptron rule's error)
        if (softmax) g = t == 0.0f ? 0.0f : -t / a;
        else if (spec.loss == Loss::BinaryCrossEntropy && !perceptron) g = (a - t) / (a * (1.0f - a));
        b.edge(act_nodes.back()[size_t(k)], en, g);
    }

    // Every node's gradient: the sum over its outgoing edges (fan-out).
    for (GraphNode& n : b.g.nodes)
        if (n.op != Op::Loss) n.grad = 0.0f;
    for (const GraphEdge& e : b.g.edges) b.g.nodes[size_t(e.from)].grad += e.grad;
    b.g.columns = 4 * L + 3;
    if (focus_layer < 0 || focus_layer >= L) return b.g;

    // One neuron: its operations, what feeds it, what it feeds (the fan-out), the loss for an output.
    const Graph& full = b.g;
    std::vector<bool> keep(full.nodes.size(), false);
    const bool output = focus_layer == L - 1;
    for (size_t k = 0; k < full.nodes.size(); ++k) {
        const GraphNode& n = full.nodes[k];
        if (n.layer == focus_layer && n.unit == focus_unit && n.op != Op::Softmax) keep[k] = true;
        if (output && (n.layer == L || n.op == Op::Softmax || (softmax && n.op == Op::Add && n.layer == focus_layer)))
            keep[k] = true;
        if (n.layer == focus_layer + 1 && n.in == focus_unit && (n.op == Op::Multiply || n.op == Op::Weight))
            keep[k] = true;
    }
    for (const GraphEdge& e : full.edges) {  // the sources of the neuron's × nodes
        const GraphNode& to = full.nodes[size_t(e.to)];
        if (to.op == Op::Multiply && to.layer == focus_layer && to.unit == focus_unit) keep[size_t(e.from)] = true;
    }
    return restrict_to(full, keep);
}

}  // namespace pg
