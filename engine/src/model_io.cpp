// Model files (pg/model_io.h) with nlohmann-json. Every nlohmann exception
// is caught here; errors become messages naming the field.
#include "pg/model_io.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "text.h"

namespace pg {

namespace {

// ordered_json, as every JSON of the page: one instantiation of nlohmann-json
// (parser and writer) instead of two (issue 11's 1.5 MB budget).
using Json = nlohmann::ordered_json;

constexpr std::string_view kFeatureNames[] = {"x", "y", "xSquared", "ySquared", "xTimesY",
                                              "sinX", "sinY", "cosX", "cosY"};

// Text from the file, quoted and with control characters escaped. Built by
// appending: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
std::string in_quotes(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    out += text::escape(s);
    out += '"';
    return out;
}

std::string type_name(const Json& j) { return j.type_name(); }

// A JSON number that rounds to a finite float. The shortest text of FLT_MAX,
// 3.4028235e+38, is a little above it as a double and must read back: the
// bound is FLT_MAX + half an ulp (0x1.ffffffp+127), where rounding goes to infinity.
bool to_float(const Json& j, float& out) {
    if (!j.is_number()) return false;
    const double v = j.get<double>();
    if (!std::isfinite(v) || std::fabs(v) >= 0x1.ffffffp+127) return false;
    constexpr double kMax = std::numeric_limits<float>::max();
    out = float(std::clamp(v, -kMax, kMax));  // the same float, without an out-of-range cast
    return true;
}

// An array of exactly `count` numbers (count < 0: any length ≥ 1).
bool read_numbers(const Json& j, int count, const std::string& field, std::vector<float>& out, std::string& error) {
    if (!j.is_array()) {
        error = field + ": expected an array of numbers, got " + type_name(j);
        return false;
    }
    if (count >= 0 && int(j.size()) != count) {
        error = field + ": expected " + std::to_string(count) + " numbers, got " + std::to_string(j.size());
        return false;
    }
    if (j.empty()) {
        error = field + ": expected at least one number";
        return false;
    }
    for (size_t k = 0; k < j.size(); ++k) {
        float v = 0;
        if (!to_float(j[k], v)) {
            error = field + "[" + std::to_string(k) + "]: expected a finite number, got " +
                    (j[k].is_number() ? j[k].dump() : type_name(j[k]));
            return false;
        }
        out.push_back(v);
    }
    return true;
}

bool parse_json(const Json& root, Model& model, std::string& error) {
    if (!root.is_object()) {
        error = "model: expected a JSON object, got " + type_name(root);
        return false;
    }
    Model m;
    // format and version: optional, but when given they must be ones this
    // build reads (a file of a later format must not load as something else).
    if (const auto f = root.find("format"); f != root.end() && !(f->is_string() && f->get<std::string>() == "playground-model")) {
        error = "format: expected \"playground-model\", got " +
                (f->is_string() ? in_quotes(f->get<std::string>().substr(0, 40)) : type_name(*f));
        return false;
    }
    if (const auto v = root.find("version"); v != root.end() && !(v->is_number_integer() && v->get<int64_t>() == 1)) {
        error = "version: this playground reads version 1 model files, got " +
                (v->is_number() ? v->dump() : type_name(*v));
        return false;
    }
    // inputs
    const auto inputs_it = root.find("inputs");
    if (inputs_it == root.end()) {
        error = "inputs: missing (a list of feature names, e.g. [\"x\", \"y\"])";
        return false;
    }
    if (!inputs_it->is_array() || inputs_it->empty()) {
        error = "inputs: expected a non-empty array of feature names";
        return false;
    }
    for (size_t k = 0; k < inputs_it->size(); ++k) {
        const Json& name = (*inputs_it)[k];
        const std::string field = "inputs[" + std::to_string(k) + "]";
        if (!name.is_string()) {
            error = field + ": expected a feature name, got " + type_name(name);
            return false;
        }
        const std::string s = name.get<std::string>();
        if (!is_model_feature_name(s)) {
            error = field + ": unknown feature " + in_quotes(s) +
                    " (expected x, y, xSquared, ySquared, xTimesY, sinX, sinY, cosX or cosY)";
            return false;
        }
        for (const std::string& earlier : m.inputs)
            if (earlier == s) {
                error = field + ": feature " + in_quotes(s) + " appears twice";
                return false;
            }
        m.inputs.push_back(s);
    }
    m.spec.inputs = int(m.inputs.size());

    // loss (optional)
    bool loss_given = false;
    if (const auto it = root.find("loss"); it != root.end() && !it->is_null()) {
        if (!it->is_string()) {
            error = "loss: expected a string (mse, bce or softmax_ce), got " + type_name(*it);
            return false;
        }
        const auto loss = parse_loss(it->get<std::string>());
        if (!loss) {
            error = "loss: unknown loss " + in_quotes(it->get<std::string>()) + " (expected mse, bce or softmax_ce)";
            return false;
        }
        m.spec.loss = *loss;
        loss_given = true;
    }
    m.loss_given = loss_given;

    // layers
    const auto layers_it = root.find("layers");
    if (layers_it == root.end()) {
        error = "layers: missing";
        return false;
    }
    if (!layers_it->is_array() || layers_it->empty()) {
        error = "layers: expected a non-empty array of layers";
        return false;
    }
    if (layers_it->size() > size_t(kMaxHiddenLayers + 1)) {
        error = "layers: " + std::to_string(layers_it->size()) + " layers, at most " +
                std::to_string(kMaxHiddenLayers + 1) + " (12 hidden + output)";
        return false;
    }
    int in = m.spec.inputs;
    std::vector<std::vector<float>> weights, biases;
    for (size_t l = 0; l < layers_it->size(); ++l) {
        const Json& layer = (*layers_it)[l];
        const std::string field = "layers[" + std::to_string(l) + "]";
        const bool last = l + 1 == layers_it->size();
        if (!layer.is_object()) {
            error = field + ": expected an object, got " + type_name(layer);
            return false;
        }
        LayerSpec ls;
        const auto act_it = layer.find("activation");
        if (act_it == layer.end() || !act_it->is_string()) {
            error = field + ".activation: missing or not a string";
            return false;
        }
        const std::string act_name = act_it->get<std::string>();
        if (act_name == "softmax" && last) {
            ls.activation = Activation::Linear;
            if (loss_given && m.spec.loss != Loss::SoftmaxCrossEntropy) {
                error = field + ".activation: softmax output needs loss softmax_ce, not " +
                        std::string(to_string(m.spec.loss));
                return false;
            }
            m.spec.loss = Loss::SoftmaxCrossEntropy;
            m.loss_given = true;
        } else if (act_name == "gelu_erf") {
            ls.activation = Activation::GELU;
        } else if (act_name == "gelu") {
            // Written before GELU had two forms, when "gelu" was the tanh
            // approximation: the network keeps the function it was trained with.
            ls.activation = Activation::GELUTanh;
        } else if (const auto act = parse_activation(act_name)) {
            ls.activation = *act;
        } else {
            error = field + ".activation: unknown activation " + in_quotes(act_name) +
                    " (expected linear, sigmoid, tanh, relu, leakyrelu, gelu_erf, gelu_tanh, softplus, step or sign" +
                    (last ? ", or softmax for the output)" : ")");
            return false;
        }
        const auto w_it = layer.find("weights");
        if (w_it == layer.end()) {
            error = field + ".weights: missing";
            return false;
        }
        if (!w_it->is_array() || w_it->empty()) {
            error = field + ".weights: expected an array of rows (one per neuron), got " +
                    (w_it->is_array() ? std::string("an empty array") : type_name(*w_it));
            return false;
        }
        const int out = int(w_it->size());
        const int hi = last ? kMaxOutputs : kMaxHiddenUnits;
        if (out > hi) {
            error = field + ".weights: " + std::to_string(out) + " rows (neurons), at most " + std::to_string(hi);
            return false;
        }
        std::vector<float> w;
        w.reserve(size_t(out) * size_t(in));
        for (int o = 0; o < out; ++o)
            if (!read_numbers((*w_it)[size_t(o)], in, field + ".weights[" + std::to_string(o) + "]", w, error))
                return false;
        if (const auto beta_it = layer.find("beta"); beta_it != layer.end()) {
            if (!beta_it->is_number() || ls.activation != Activation::Softplus) {
                error = field + ".beta: " + (ls.activation != Activation::Softplus ? std::string("only a softplus layer takes a \u03b2")
                                                                                       : "expected a number");
                return false;
            }
            const double beta = beta_it->get<double>();
            if (!(beta >= double(kMinSoftplusBeta) && beta <= double(kMaxSoftplusBeta))) {
                error = field + ".beta: softplus's \u03b2 must be from 0.01 to 100";
                return false;
            }
            ls.beta = float(beta);
        }
        std::vector<float> b;
        const auto b_it = layer.find("bias");
        ls.has_bias = b_it != layer.end() && !b_it->is_null();
        if (ls.has_bias && !read_numbers(*b_it, out, field + ".bias", b, error)) return false;
        ls.units = out;
        m.spec.layers.push_back(ls);
        weights.push_back(std::move(w));
        biases.push_back(std::move(b));
        in = out;
    }
    if (std::string v = validate(m.spec); !v.empty()) {
        error = v;
        return false;
    }
    for (size_t l = 0; l < weights.size(); ++l) {
        m.params.insert(m.params.end(), weights[l].begin(), weights[l].end());
        m.params.insert(m.params.end(), biases[l].begin(), biases[l].end());
    }
    model = std::move(m);
    return true;
}

// Shortest decimal that reads back as the same float, as a double JSON value.
double shortest(float v) {
    char buf[32];
    for (int precision = 6; precision <= 9; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, double(v));
        if (std::strtof(buf, nullptr) == v) break;
    }
    return std::strtod(buf, nullptr);
}

Json numbers(const float* v, size_t count) {
    Json a = Json::array();
    for (size_t k = 0; k < count; ++k) a.push_back(shortest(v[k]));
    return a;
}

}  // namespace

bool is_model_feature_name(std::string_view name) {
    for (std::string_view f : kFeatureNames)
        if (f == name) return true;
    return false;
}

namespace {

// Finds where a JSON text is malformed without exceptions: Emscripten builds
// do not catch exceptions by default, so nothing here may throw.
struct SyntaxErrorFinder : nlohmann::json_sax<Json> {
    std::string message;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception&) override {
        message = "invalid JSON at byte " + std::to_string(position) + " near " + in_quotes(last_token.substr(0, 20));
        return false;
    }
};

}  // namespace

bool parse_model(std::string_view text, Model& model, std::string& error) {
    if (text.size() > kMaxModelBytes) {
        error = "model: " + std::to_string(text.size()) + " bytes, more than the limit of " +
                std::to_string(kMaxModelBytes);
        return false;
    }
    try {
        const Json root = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
        if (root.is_discarded()) {
            SyntaxErrorFinder finder;
            Json::sax_parse(text.begin(), text.end(), &finder);
            error = "model: " + (finder.message.empty() ? std::string("invalid JSON") : finder.message);
            return false;
        }
        return parse_json(root, model, error);
    } catch (const std::exception& e) {  // not expected: every path above is checked
        error = std::string("model: ") + e.what();
    }
    return false;
}

std::string model_to_json(const Model& model) {
    std::string s = "{\n  \"format\": \"playground-model\",\n  \"version\": 1,\n  \"inputs\": ";
    s += Json(model.inputs).dump();
    s += ",\n  \"loss\": " + Json(std::string(to_string(model.spec.loss))).dump() + ",\n  \"layers\": [\n";
    size_t offset = 0;
    int in = model.spec.inputs;
    for (size_t l = 0; l < model.spec.layers.size(); ++l) {
        const LayerSpec& ls = model.spec.layers[l];
        nlohmann::ordered_json layer;
        // GELU by its form: a plain "gelu" is read as the old tanh form.
        layer["activation"] = ls.activation == Activation::GELU ? std::string("gelu_erf")
                                                                : std::string(to_string(ls.activation));
        if (ls.activation == Activation::Softplus && ls.beta != 1.0f) layer["beta"] = shortest(ls.beta);
        Json rows = Json::array();
        for (int o = 0; o < ls.units; ++o) {
            rows.push_back(numbers(model.params.data() + offset, size_t(in)));
            offset += size_t(in);
        }
        layer["weights"] = rows;
        if (ls.has_bias) {
            layer["bias"] = numbers(model.params.data() + offset, size_t(ls.units));
            offset += size_t(ls.units);
        } else {
            layer["bias"] = nullptr;
        }
        s += "    " + layer.dump() + (l + 1 < model.spec.layers.size() ? ",\n" : "\n");
        in = ls.units;
    }
    s += "  ]\n}\n";
    return s;
}

bool read_model_file(const std::string& path, Model& model, std::string& error) {
    std::string json_text;
    if (!text::read_file(path, kMaxModelBytes, json_text, error)) {
        error = text::escape(path) + ": " + (error == "cannot open file" ? "cannot open the model file" : error);
        return false;
    }
    if (!parse_model(json_text, model, error)) {
        error = text::escape(path) + ": " + error;
        return false;
    }
    return true;
}

bool write_model_file(const std::string& path, const Model& model, std::string& error) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) {
        error = text::escape(path) + ": cannot write the model file";
        return false;
    }
    file << model_to_json(model);
    file.flush();
    if (!file) {
        error = text::escape(path) + ": error while writing the model file";
        return false;
    }
    return true;
}

Model model_from_network(const Network& net, const std::vector<std::string>& inputs) {
    Model m;
    m.inputs = inputs;
    m.spec = net.spec();
    m.loss_given = true;
    m.params.assign(net.params().begin(), net.params().end());
    return m;
}

bool load_model(const Model& model, Network& net, std::string& error) {
    if (int(model.inputs.size()) != model.spec.inputs) {
        error = "inputs: " + std::to_string(model.inputs.size()) + " names for " +
                std::to_string(model.spec.inputs) + " network inputs";
        return false;
    }
    if (std::string v = validate(model.spec); !v.empty()) {
        error = v;
        return false;
    }
    Network fresh;
    if (!fresh.configure(model.spec, error)) return false;
    if (fresh.param_count() != model.params.size()) {
        error = "model: " + std::to_string(model.params.size()) + " parameters for a network that has " +
                std::to_string(fresh.param_count());
        return false;
    }
    std::copy(model.params.begin(), model.params.end(), fresh.params().begin());
    fresh.set_backend(net.backend());
    fresh.hyper() = net.hyper();
    net = std::move(fresh);
    return true;
}

}  // namespace pg
