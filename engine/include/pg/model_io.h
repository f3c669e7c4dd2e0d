// pg/model_io.h — model files: a network's architecture and weights as JSON.
//
// Format (keys in this order when written; unknown keys are ignored on read):
//   {
//     "format": "playground-model", "version": 1,          (optional on read; any other
//                                                           format or version is refused)
//     "inputs": ["x", "y"],                                 feature names, one per input
//     "loss": "mse",                                        optional: mse | bce | softmax_ce
//     "layers": [                                           hidden layers..., output layer
//       {"activation": "tanh", "weights": [[w00, w01], ...], "bias": [b0, ...]},
//       ...
//     ]
//   }
// - inputs: the URL state's feature names: x y xSquared ySquared xTimesY sinX
//   sinY cosX cosY (each at most once).
// - weights: one row per output neuron, [out][in]; in = the previous layer's
//   row count (or the number of inputs). bias: out numbers, or null / absent
//   for a layer without bias.
// - activation: the names of network.h; the last layer's is the output's.
//   GELU is written by its form, "gelu_erf" (exact) or "gelu_tanh"; a plain
//   "gelu" comes from a file written before the two forms, when GELU was the
//   tanh approximation, and is read as "gelu_tanh" (the network computes what
//   it was trained with).
//   "softmax" is accepted for the last layer and means linear + softmax_ce.
// - loss absent: mse, except softmax_ce after a "softmax" output layer.
// Numbers are written as the shortest decimal that reads back to the same
// float, so write → read gives bit-identical parameters.
//
// Errors: functions return false and set `error` to a message naming the
// field, e.g. "layers[1].weights[2]: expected 4 numbers, got 3" (text from
// the file with control characters escaped). Nothing throws out of these
// functions. Model text (and files) larger than kMaxModelBytes are refused.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pg/network.h"

namespace pg {

// 16 MiB, as for CSV files: a 12 × 256 network in shortest decimals is ~6 MiB.
inline constexpr size_t kMaxModelBytes = 16u << 20;

struct Model {
    std::vector<std::string> inputs;  // feature names, inputs.size() == spec.inputs
    NetworkSpec spec;
    std::vector<float> params;        // network.h section 3 layout, param count of spec
    // The file named the loss ("loss", or a "softmax" output layer); false: spec.loss
    // is the default mse, and a state that names a loss may set it (pg/lab.h).
    bool loss_given = false;
};

// True for the nine feature names listed above.
bool is_model_feature_name(std::string_view name);

// JSON text → model (checked: shapes, numbers finite, spec valid).
bool parse_model(std::string_view json_text, Model& model, std::string& error);

// Model → JSON text (one layer per line). The model is assumed consistent
// (e.g. made by model_from_network).
std::string model_to_json(const Model& model);

// File wrappers: the whole file is read or written; errors name the path.
// Only regular files are read ("m.json: is a directory", "... is not a regular file").
bool read_model_file(const std::string& path, Model& model, std::string& error);
bool write_model_file(const std::string& path, const Model& model, std::string& error);

// The current architecture and parameters of `net` with these input names.
Model model_from_network(const Network& net, const std::vector<std::string>& inputs);

// Configure `net` for model.spec and copy the parameters in (velocity and
// gradients zero). On error `net` is unchanged.
bool load_model(const Model& model, Network& net, std::string& error);

}  // namespace pg
