// pg/graph.h — a network's computation graph for one example: every neuron
// unfolded into its operations (× per weight, one +, the activation f) and
// the loss, each edge carrying its forward value and the gradient of the
// loss that flows back along it. The lab's "Graph" view draws it.
//
// Index
//   GraphNode, GraphEdge, Graph     plain data: nodes in drawing columns, edges by index
//   unfold_graph                    the graph of a whole network or of one neuron
//
// The numbers are Network::inspect()'s (a Trace) and the parameters, not a
// second forward or backward pass: z, a, δ = ∂E/∂z, ∂E/∂w = δ·a and the loss
// are copied from the trace. The only arithmetic is what the graph adds on
// the board: an × node's value w·a, the gradient a × node sends back along
// each input (upstream × the other input: δ·w to a, δ·a to w), and the sum
// at a fan-out (∂E/∂a = Σ of what its outgoing edges carry: the multivariate
// chain rule). For an output with the loss's δ the activation node shows
// ∂E/∂a as the loss gives it and its local derivative f′(z); for a hidden
// unit f′(z)·(fan-out sum) is the trace's δ up to float rounding (the unit
// test checks both).
//
// Losses: mse (E = ½Σ(a − t)², ∂E/∂a = a − t), bce with a sigmoid output
// (∂E/∂a = (a − t)/(a(1 − a)), σ′ = a(1 − a), so δ = a − t), softmax with
// cross-entropy (one "softmax" node from the logits z to y, then the loss;
// ∂E/∂y_k = −t_k/y_k and every y depends on every z, so the gradient reaching
// z_k is Σ_j ∂E/∂y_j·∂y_j/∂z_k = y_k − t_k: the graph shows δ = y − t).
// Perceptron rule (pg/network.h Rule): the trace's δ = ŷ − t is shown as is.
#pragma once

#include <string>
#include <vector>

#include "pg/network.h"

namespace pg {

struct GraphNode {
    enum class Op : uint8_t {
        Input,       // x_i (a leaf)
        Weight,      // w_ji (a leaf, a parameter)
        Bias,        // b_j (a leaf, a parameter)
        Multiply,    // w·a
        Add,         // z = Σ w·a + b
        Activation,  // a = f(z)
        Softmax,     // y = softmax(z) over the output layer (softmax_ce)
        Target,      // t_k (a leaf)
        Loss,        // E
    };
    Op op = Op::Input;
    int layer = -1;  // computing layer (−1: inputs, layer_count(): the loss)
    int unit = 0;    // unit of that layer (input index for Input)
    int in = -1;     // Weight / Multiply: the input index i of w_ji; −1 otherwise
    int column = 0;  // drawing column, left to right
    float value = 0;  // forward value
    float grad = 0;   // ∂E/∂value: the sum over this node's outgoing edges (0 for the loss: ∂E/∂E = 1)
    float local = 0;  // Activation: f′(z); Softmax/Loss: unused
    bool has_grad = true;  // false for Target (the loss is not differentiated by t)
    std::string label;     // "x1", "w2,1", "×", "+", "tanh", "softmax", "t1", "E"
};

struct GraphEdge {
    int from = 0, to = 0;  // node indices
    float value = 0;       // the forward value the edge carries (= nodes[from].value)
    float grad = 0;        // ∂E along this edge: what `to` sends back to `from`
};

struct Graph {
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
    int columns = 0;
    // Nodes of column c, in drawing order (top to bottom).
    std::vector<int> column_nodes(int c) const;
};

// The whole network (focus_layer < 0), or the neuron (focus_layer,
// focus_unit) with its inputs and, for an output unit, the loss. `trace`
// is net.inspect(x, target) for the same parameters; `target` has
// net.outputs() numbers. An empty graph if the trace does not fit the network.
Graph unfold_graph(const Network& net, const Trace& trace, const float* target, int focus_layer = -1,
                   int focus_unit = 0);

}  // namespace pg
