// The multi-layer perceptron of pg/network.h on top of pg/kernels.h.
//
// Training runs in example-major rows: layer l's activations for a batch are
// one (n, out) block, so the kernels see contiguous vectors along neurons.
// The grid evaluation (evaluate_neurons) runs neuron-major in tiles of
// points, straight into the caller's buffer.
#include "pg/network.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "pg/detmath.h"
#include "pg/kernels.h"
#include "pg/rng.h"

namespace pg {

// ============================================================================
// Names
// ============================================================================

namespace {

constexpr std::string_view kActivationNames[] = {"linear", "sigmoid", "tanh", "relu",
                                                  "leakyrelu", "gelu", "softplus", "gelu_tanh",
                                                  "step", "sign"};
constexpr std::string_view kLossNames[] = {"mse", "bce", "softmax_ce"};
constexpr std::string_view kInitNames[] = {"reference", "glorot", "he", "zeros"};
constexpr std::string_view kRegularizationNames[] = {"none", "L1", "L2"};
constexpr std::string_view kRuleNames[] = {"backprop", "perceptron"};

template <class Enum, size_t N>
std::optional<Enum> parse_name(const std::string_view (&names)[N], std::string_view name) {
    for (size_t k = 0; k < N; ++k)
        if (names[k] == name) return Enum(k);
    return std::nullopt;
}

template <size_t N>
std::string_view name_of(const std::string_view (&names)[N], size_t k) {
    return k < N ? names[k] : std::string_view("?");
}

}  // namespace

std::string_view to_string(Activation a) { return name_of(kActivationNames, size_t(a)); }
std::string_view to_string(Loss l) { return name_of(kLossNames, size_t(l)); }
std::string_view to_string(Init i) { return name_of(kInitNames, size_t(i)); }
std::string_view to_string(Regularization r) { return name_of(kRegularizationNames, size_t(r)); }
std::string_view to_string(Rule r) { return name_of(kRuleNames, size_t(r)); }
std::optional<Rule> parse_rule(std::string_view n) { return parse_name<Rule>(kRuleNames, n); }

std::string rule_refusal(Rule rule, const NetworkSpec& spec) {
    if (rule == Rule::Perceptron && spec.layers.size() > 1)
        return "the perceptron rule trains a network without hidden layers (networkShape=): a hidden unit "
               "has no target t to compare its output with; backpropagation is what trains hidden layers";
    return {};
}

std::optional<Activation> parse_activation(std::string_view n) { return parse_name<Activation>(kActivationNames, n); }
std::optional<Loss> parse_loss(std::string_view n) { return parse_name<Loss>(kLossNames, n); }
std::optional<Init> parse_init(std::string_view n) { return parse_name<Init>(kInitNames, n); }
std::optional<Regularization> parse_regularization(std::string_view n) {
    return parse_name<Regularization>(kRegularizationNames, n);
}

std::string_view to_string(StepResult::Stage s) {
    constexpr std::string_view names[] = {"none", "forward", "loss", "gradient", "update"};
    return name_of(names, size_t(s));
}

// ============================================================================
// Spec
// ============================================================================

NetworkSpec NetworkSpec::make(int inputs, const std::vector<int>& hidden, Activation hidden_activation, int outputs,
                              Activation output_activation, Loss loss) {
    NetworkSpec spec;
    spec.inputs = inputs;
    for (int units : hidden) spec.layers.push_back({units, hidden_activation, true});
    spec.layers.push_back({outputs, output_activation, true});
    spec.loss = loss;
    return spec;
}

std::string validate(const NetworkSpec& spec) {
    auto range = [](int v, int lo, int hi) {
        return std::to_string(v) + " is out of range " + std::to_string(lo) + ".." + std::to_string(hi);
    };
    if (spec.inputs < 1 || spec.inputs > kMaxInputs) return "inputs: " + range(spec.inputs, 1, kMaxInputs);
    if (spec.layers.empty()) return "layers: at least the output layer is needed";
    const int hidden = int(spec.layers.size()) - 1;
    if (hidden > kMaxHiddenLayers)
        return "layers: " + std::to_string(hidden) + " hidden layers, at most " + std::to_string(kMaxHiddenLayers);
    for (size_t l = 0; l < spec.layers.size(); ++l) {
        const LayerSpec& layer = spec.layers[l];
        const bool output = l + 1 == spec.layers.size();
        const int hi = output ? kMaxOutputs : kMaxHiddenUnits;
        const std::string field = "layers[" + std::to_string(l) + "]";
        if (layer.units < 1 || layer.units > hi)
            return field + ".units: " + range(layer.units, 1, hi) + (output ? " (output layer)" : "");
        if (size_t(layer.activation) >= size_t(kActivationCount)) return field + ".activation: not a known activation";
        if (!(layer.beta >= kMinSoftplusBeta && layer.beta <= kMaxSoftplusBeta))
            return field + ".beta: softplus's \u03b2 must be from 0.01 to 100";
        if (layer.beta != 1.0f && layer.activation != Activation::Softplus)
            return field + ".beta: only a softplus layer takes a \u03b2";
    }
    const LayerSpec& out = spec.layers.back();
    const std::string out_field = "layers[" + std::to_string(spec.layers.size() - 1) + "].activation";
    switch (spec.loss) {
    case Loss::HalfSquared: break;
    case Loss::BinaryCrossEntropy:
        if (out.activation != Activation::Sigmoid)
            return out_field + ": loss bce needs a sigmoid output layer, not " + std::string(to_string(out.activation));
        break;
    case Loss::SoftmaxCrossEntropy:
        if (out.activation != Activation::Linear)
            return out_field + ": loss softmax_ce needs a linear output layer (its z are the logits), not " +
                   std::string(to_string(out.activation));
        if (out.units < 2) return "layers[" + std::to_string(spec.layers.size() - 1) +
                                  "].units: loss softmax_ce needs at least 2 outputs";
        break;
    default: return "loss: not a known loss";
    }
    return {};
}

std::string validate(const HyperParams& h) {
    if (!std::isfinite(h.learning_rate) || h.learning_rate < 0.0f)
        return "learning_rate: " + std::to_string(h.learning_rate) + " is not a finite number ≥ 0";
    if (!(h.momentum >= 0.0f && h.momentum <= 0.99f))
        return "momentum: " + std::to_string(h.momentum) + " is out of range 0..0.99";
    if (!std::isfinite(h.regularization_rate) || h.regularization_rate < 0.0f)
        return "regularization_rate: " + std::to_string(h.regularization_rate) + " is not a finite number ≥ 0";
    if (size_t(h.regularization) > size_t(Regularization::L2)) return "regularization: not a known value";
    if (size_t(h.rule) > size_t(Rule::Perceptron)) return "rule: not a known value";
    return {};
}

std::string shape_string(const NetworkSpec& spec) {
    std::string s = std::to_string(spec.inputs);
    for (const LayerSpec& l : spec.layers) {
        s += '-';
        s += std::to_string(l.units);
    }
    return s;
}

// ============================================================================
// Network: architecture and parameters
// ============================================================================

bool Network::configure(const NetworkSpec& spec, std::string& error) {
    error = validate(spec);
    if (!error.empty()) return false;
    spec_ = spec;
    layout_.clear();
    narrow_enabled_by_spec_ = true;
    size_t offset = 0;
    int in = spec.inputs, neuron = 0;
    for (const LayerSpec& ls : spec.layers) {
        LayerLayout L;
        L.in = in;
        L.out = ls.units;
        L.activation = ls.activation;
        L.has_bias = ls.has_bias;
        L.beta = ls.beta;
        if (ls.activation == Activation::Softplus && ls.beta != 1.0f) narrow_enabled_by_spec_ = false;
        L.weights = offset;
        L.bias = offset + size_t(L.out) * size_t(L.in);
        L.end = L.bias + (L.has_bias ? size_t(L.out) : 0);
        L.first_neuron = neuron;
        layout_.push_back(L);
        offset = L.end;
        neuron += L.out;
        in = L.out;
    }
    neuron_count_ = neuron;
    narrow_shape_ = spec.inputs <= kNarrowWidth;
    for (const LayerLayout& L : layout_) narrow_shape_ = narrow_shape_ && L.out <= kNarrowWidth;
    params_.assign(offset, 0.0f);
    grads_.assign(offset, 0.0f);
    velocity_.assign(offset, 0.0f);
    backup_params_.assign(offset, 0.0f);
    backup_velocity_.assign(offset, 0.0f);
    scratch_ = Scratch{};
    return true;
}

bool Network::set_loss(Loss loss, std::string& error) {
    NetworkSpec s = spec_;
    s.loss = loss;
    error = validate(s);
    if (!error.empty()) return false;
    spec_.loss = loss;
    return true;
}

void Network::init(Init init, uint64_t seed) {
    Rng rng(seed);
    for (const LayerLayout& L : layout_) {
        const size_t count = size_t(L.out) * size_t(L.in);
        float* w = params_.data() + L.weights;
        const double glorot = std::sqrt(6.0 / double(L.in + L.out));
        const double he = std::sqrt(2.0 / double(L.in));
        for (size_t k = 0; k < count; ++k) {
            switch (init) {
            case Init::Reference: w[k] = float(rng.uniform(-0.5, 0.5)); break;
            case Init::GlorotUniform: w[k] = float(rng.uniform(-glorot, glorot)); break;
            case Init::HeNormal: w[k] = float(rng.normal() * he); break;
            case Init::Zeros: w[k] = 0.0f; break;
            }
        }
        if (L.has_bias) std::fill_n(params_.data() + L.bias, L.out, init == Init::Reference ? 0.1f : 0.0f);
    }
    std::fill(grads_.begin(), grads_.end(), 0.0f);
    zero_velocity();
}

void Network::zero_velocity() { std::fill(velocity_.begin(), velocity_.end(), 0.0f); }

float Network::weight(int l, int o, int i) const {
    if (l < 0 || l >= layer_count()) return std::numeric_limits<float>::quiet_NaN();
    const LayerLayout& L = layout_[size_t(l)];
    if (o < 0 || o >= L.out || i < 0 || i >= L.in) return std::numeric_limits<float>::quiet_NaN();
    return params_[L.weights + size_t(o) * size_t(L.in) + size_t(i)];
}

bool Network::set_weight(int l, int o, int i, float value) {
    if (l < 0 || l >= layer_count()) return false;
    const LayerLayout& L = layout_[size_t(l)];
    if (o < 0 || o >= L.out || i < 0 || i >= L.in) return false;
    params_[L.weights + size_t(o) * size_t(L.in) + size_t(i)] = value;
    return true;
}

float Network::bias(int l, int o) const {
    if (l < 0 || l >= layer_count()) return std::numeric_limits<float>::quiet_NaN();
    const LayerLayout& L = layout_[size_t(l)];
    if (!L.has_bias || o < 0 || o >= L.out) return std::numeric_limits<float>::quiet_NaN();
    return params_[L.bias + size_t(o)];
}

bool Network::set_bias(int l, int o, float value) {
    if (l < 0 || l >= layer_count()) return false;
    const LayerLayout& L = layout_[size_t(l)];
    if (!L.has_bias || o < 0 || o >= L.out) return false;
    params_[L.bias + size_t(o)] = value;
    return true;
}

// ============================================================================
// Forward, loss, backward on a batch (example-major rows)
// ============================================================================

const Kernels& Network::kernels() const {
    if (!kernels_) kernels_ = &kernels_for(backend_);
    return *kernels_;
}

void Network::reserve(Scratch& s, int n) const {
    if (n <= s.capacity && s.wt.size() == params_.size()) return;
    const int cap = std::max(n, s.capacity);
    s.capacity = cap;
    // Each layer's (cap, out) block is followed by kNarrowWidth floats of
    // slack, which the narrow kernels may write past a block's last row.
    s.offset.resize(layout_.size());
    size_t total = 0;
    for (size_t l = 0; l < layout_.size(); ++l) {
        s.offset[l] = total;
        total += size_t(cap) * size_t(layout_[l].out) + size_t(kNarrowWidth);
    }
    s.z.assign(total, 0.0f);
    s.a.assign(total, 0.0f);
    s.delta.assign(total, 0.0f);
    s.wt.assign(params_.size(), 0.0f);
    s.narrow.clear();
}

// A softplus layer with β ≠ 1 is not in the fused narrow passes: the per-layer path applies its β.
bool Network::use_narrow() const {
    return narrow_shape_ && narrow_enabled_ && narrow_enabled_by_spec_ && kernels().narrow_forward != nullptr;
}

// The narrow kernels' view of the scratch rows and of params / grads, kept
// while it points into this network's buffers and the loss and the gradient
// buffer are the same.
void Network::fill_narrow(Scratch& s, float* grads) const {
    if (!s.narrow.empty() && s.narrow[0].z == s.z.data() && s.narrow[0].w == params_.data() &&
        s.narrow_grads == grads && s.narrow_loss == spec_.loss)
        return;
    s.narrow.resize(layout_.size());
    s.narrow_grads = grads;
    s.narrow_loss = spec_.loss;
    const bool softmax = spec_.loss == Loss::SoftmaxCrossEntropy;
    for (size_t l = 0; l < layout_.size(); ++l) {
        const LayerLayout& L = layout_[l];
        NarrowLayer& N = s.narrow[l];
        N.in = L.in;
        N.out = L.out;
        N.act = softmax && l + 1 == layout_.size() ? Activation::Linear : L.activation;
        N.w = params_.data() + L.weights;
        N.b = L.has_bias ? params_.data() + L.bias : nullptr;
        N.z = s.z.data() + s.offset[l];
        N.a = s.a.data() + s.offset[l];
        N.delta = s.delta.data() + s.offset[l];
        N.dw = grads ? grads + L.weights : nullptr;
        N.db = grads && L.has_bias ? grads + L.bias : nullptr;
    }
}

namespace {

// Row-wise softmax of a (n, k) block, in place from z into a. det_expf, not
// libm's expf: the same bits natively and in WebAssembly (glibc and musl differ).
void softmax_rows(int n, int k, const float* z, float* a) {
    for (int r = 0; r < n; ++r) {
        const float* zr = z + size_t(r) * k;
        float* ar = a + size_t(r) * k;
        float m = zr[0];
        for (int j = 1; j < k; ++j) m = std::max(m, zr[j]);
        float sum = 0.0f;
        for (int j = 0; j < k; ++j) sum += (ar[j] = det_expf(zr[j] - m));
        const float inv = 1.0f / sum;
        for (int j = 0; j < k; ++j) ar[j] *= inv;
    }
}

// Strided variant for the grid: value j of point p at v[j*stride + p].
void softmax_cols(int n, int k, float* v, size_t stride) {
    for (int p = 0; p < n; ++p) {
        float m = v[p];
        for (int j = 1; j < k; ++j) m = std::max(m, v[size_t(j) * stride + p]);
        float sum = 0.0f;
        for (int j = 0; j < k; ++j) sum += (v[size_t(j) * stride + p] = det_expf(v[size_t(j) * stride + p] - m));
        const float inv = 1.0f / sum;
        for (int j = 0; j < k; ++j) v[size_t(j) * stride + p] *= inv;
    }
}

double softplus(double z) { return (z > 0 ? z : 0.0) + det_log1p(det_exp(-std::fabs(z))); }

// Softplus with β ≠ 1 (LayerSpec::beta): the kernels run such a layer as
// linear, then these apply f (a from z) or multiply by f′ (pg/detmath.h).
bool beta_softplus(const LayerLayout& L) { return L.activation == Activation::Softplus && L.beta != 1.0f; }
Activation kernel_activation(const LayerLayout& L) { return beta_softplus(L) ? Activation::Linear : L.activation; }
void softplus_forward(float beta, size_t count, const float* z, float* a) {
    for (size_t j = 0; j < count; ++j) a[j] = det_softplus(z[j], beta);
}
void softplus_backward(float beta, size_t count, const float* z, float* delta) {
    for (size_t j = 0; j < count; ++j) delta[j] *= det_softplus_derivative(z[j], beta);
}

}  // namespace

void Network::run_forward(Scratch& s, const float* x, int n) const {
    reserve(s, n);
    const Kernels& k = kernels();
    if (use_narrow()) {
        fill_narrow(s, s.narrow_grads);  // the forward pass needs no grads: keep whichever the view has
        k.narrow_forward(int(layout_.size()), s.narrow.data(), n, x);
        if (spec_.loss == Loss::SoftmaxCrossEntropy) {
            const size_t off = s.offset.back();
            softmax_rows(n, layout_.back().out, s.z.data() + off, s.a.data() + off);
        }
        return;
    }
    const float* in = x;
    for (size_t l = 0; l < layout_.size(); ++l) {
        const LayerLayout& L = layout_[l];
        // Wt for the kernel; with one output (or one input) it is W itself.
        const float* wt = params_.data() + L.weights;
        if (L.out > 1 && L.in > 1) {
            k.transpose(L.out, L.in, wt, s.wt.data() + L.weights);
            wt = s.wt.data() + L.weights;
        }
        float* z = s.z.data() + s.offset[l];
        float* a = s.a.data() + s.offset[l];
        const bool softmax = l + 1 == layout_.size() && spec_.loss == Loss::SoftmaxCrossEntropy;
        k.dense_forward(softmax ? Activation::Linear : kernel_activation(L), n, L.in, L.out, in, wt,
                        L.has_bias ? params_.data() + L.bias : nullptr, z, a);
        if (softmax) softmax_rows(n, L.out, z, a);
        else if (beta_softplus(L)) softplus_forward(L.beta, size_t(n) * size_t(L.out), z, a);
        in = a;
    }
}

double Network::output_loss_and_delta(Scratch& s, const float* t, int n) const {
    const LayerLayout& L = layout_.back();
    const size_t count = size_t(n) * size_t(L.out);
    const size_t off = s.offset.back();
    const float* z = s.z.data() + off;
    const float* a = s.a.data() + off;
    float* delta = s.delta.data() + off;
    double loss = 0.0;
    switch (spec_.loss) {
    case Loss::HalfSquared:
        for (size_t j = 0; j < count; ++j) {
            const float diff = a[j] - t[j];
            loss += 0.5 * double(diff) * double(diff);
            delta[j] = diff;  // ∂E/∂a, times f'(z) below
        }
        if (beta_softplus(L)) softplus_backward(L.beta, count, z, delta);
        else kernels().activation_backward(L.activation, count, z, a, delta, delta);
        break;
    case Loss::BinaryCrossEntropy:  // E = softplus(z) − t·z, stable for any z
        for (size_t j = 0; j < count; ++j) {
            loss += softplus(double(z[j])) - double(t[j]) * double(z[j]);
            delta[j] = a[j] - t[j];
        }
        break;
    case Loss::SoftmaxCrossEntropy:  // E = −Σ t_k (z_k − logsumexp(z))
        for (int r = 0; r < n; ++r) {
            const float* zr = z + size_t(r) * L.out;
            double m = zr[0];
            for (int j = 1; j < L.out; ++j) m = std::max(m, double(zr[j]));
            double sum = 0.0;
            for (int j = 0; j < L.out; ++j) sum += det_exp(double(zr[j]) - m);
            const double lse = m + det_log(sum);
            for (int j = 0; j < L.out; ++j) {
                const size_t idx = size_t(r) * L.out + size_t(j);
                loss -= double(t[idx]) * (double(zr[j]) - lse);
                delta[idx] = a[idx] - t[idx];
            }
        }
        break;
    }
    return n > 0 ? loss / n : 0.0;
}

void Network::run_backward(Scratch& s, const float* x, int n, float* grads) const {
    const Kernels& k = kernels();
    const float scale = 1.0f / float(n);
    if (use_narrow()) {
        fill_narrow(s, grads);
        k.narrow_backward(int(layout_.size()), s.narrow.data(), n, x, scale);
        return;
    }
    for (size_t l = layout_.size(); l-- > 0;) {
        const LayerLayout& L = layout_[l];
        const float* delta = s.delta.data() + s.offset[l];
        const float* in = l > 0 ? s.a.data() + s.offset[l - 1] : x;
        k.dense_backward_dw(n, L.in, L.out, delta, in, scale, grads + L.weights,
                            L.has_bias ? grads + L.bias : nullptr);
        if (l == 0) break;
        const LayerLayout& P = layout_[l - 1];
        const size_t po = s.offset[l - 1];
        float* grad_a = s.delta.data() + po;  // becomes δ of layer l−1
        k.dense_backward_dx(kernel_activation(P), n, L.in, L.out, delta, params_.data() + L.weights, s.z.data() + po,
                            s.a.data() + po, grad_a);
        if (beta_softplus(P)) softplus_backward(P.beta, size_t(n) * size_t(P.out), s.z.data() + po, grad_a);
    }
}

bool Network::update_step(float* params, float* velocity, const float* grads, const HyperParams& h, float* params_old,
                          float* velocity_old) const {
    const Kernels& k = kernels();
    UpdateSettings ws{h.learning_rate, h.momentum, h.nesterov, h.regularization, h.regularization_rate};
    if (h.regularization == Regularization::None || h.regularization_rate == 0.0f) {
        // Weights and biases alike: one flat loop over the whole model.
        ws.regularization = Regularization::None;
        return k.sgd_update(params_.size(), params, velocity, grads, ws, params_old, velocity_old);
    }
    UpdateSettings bs = ws;
    bs.regularization = Regularization::None;
    bool finite = true;
    auto old = [](float* base, size_t offset) { return base ? base + offset : nullptr; };
    for (const LayerLayout& L : layout_) {
        const size_t count = size_t(L.out) * size_t(L.in);
        finite &= k.sgd_update(count, params + L.weights, velocity + L.weights, grads + L.weights, ws,
                               old(params_old, L.weights), old(velocity_old, L.weights));
        if (L.has_bias)
            finite &= k.sgd_update(size_t(L.out), params + L.bias, velocity + L.bias, grads + L.bias, bs,
                                   old(params_old, L.bias), old(velocity_old, L.bias));
    }
    return finite;
}

int Network::first_non_finite_layer(const Scratch& s, int n) const {
    const Kernels& k = kernels();
    for (size_t l = 0; l < layout_.size(); ++l) {
        const size_t count = size_t(n) * size_t(layout_[l].out);
        if (!k.all_finite(count, s.z.data() + s.offset[l]) || !k.all_finite(count, s.a.data() + s.offset[l]))
            return int(l);
    }
    return -1;
}

int Network::first_non_finite_layer(const float* buffer) const {
    const Kernels& k = kernels();
    for (size_t l = 0; l < layout_.size(); ++l)
        if (!k.all_finite(layout_[l].end - layout_[l].weights, buffer + layout_[l].weights)) return int(l);
    return -1;
}

// ============================================================================
// Training
// ============================================================================

namespace {

// The perceptron rule's output error, δ = ŷ − t with no f′ (Rule::Perceptron),
// over the (n, out) block of the output layer, replacing the loss's δ.
void perceptron_delta(Activation output, size_t count, const float* a, const float* t, float* delta) {
    for (size_t j = 0; j < count; ++j) delta[j] = a[j] - perceptron_target(output, t[j]);
}

}  // namespace

StepResult Network::forward_backward(const float* x, const float* targets, int n) {
    StepResult r;
    run_forward(scratch_, x, n);
    const double loss = output_loss_and_delta(scratch_, targets, n);
    if (hyper_.rule == Rule::Perceptron && layout_.size() == 1)
        perceptron_delta(layout_[0].activation, size_t(n) * size_t(layout_[0].out),
                         scratch_.a.data() + scratch_.offset[0], targets, scratch_.delta.data() + scratch_.offset[0]);
    r.loss = float(loss);
    if (!std::isfinite(loss) || !std::isfinite(r.loss)) {
        r.finite = false;
        r.layer = first_non_finite_layer(scratch_, n);
        r.stage = r.layer >= 0 ? StepResult::Stage::Forward : StepResult::Stage::Loss;
        if (r.layer < 0) r.layer = layer_count() - 1;
        return r;
    }
    run_backward(scratch_, x, n, grads_.data());
    return r;
}

StepResult Network::compute_gradients(const float* x, const float* targets, int n) {
    if (n <= 0 || !configured()) return {};
    StepResult r = forward_backward(x, targets, n);
    if (r.finite && !kernels().all_finite(grads_.size(), grads_.data())) {
        r.finite = false;
        r.layer = first_non_finite_layer(grads_.data());
        r.stage = StepResult::Stage::Gradient;
    }
    return r;
}

StepResult Network::apply_update() {
    StepResult r;
    if (!configured()) return r;
    // The update keeps the old values as it goes and reports whether every
    // new parameter is finite. One check suffices: a non-finite gradient or
    // velocity makes its parameter non-finite too (NaN·0 is NaN), so finite
    // params mean a finite step. Classify only when something went wrong.
    if (!update_step(params_.data(), velocity_.data(), grads_.data(), hyper_, backup_params_.data(),
                     backup_velocity_.data())) {
        r.finite = false;
        r.layer = first_non_finite_layer(grads_.data());
        r.stage = StepResult::Stage::Gradient;
        if (r.layer < 0) {
            r.layer = first_non_finite_layer(params_.data());
            r.stage = StepResult::Stage::Update;
        }
        std::copy(backup_params_.begin(), backup_params_.end(), params_.begin());
        std::copy(backup_velocity_.begin(), backup_velocity_.end(), velocity_.begin());
    }
    return r;
}

StepResult Network::train_batch(const float* x, const float* targets, int n) {
    if (n <= 0 || !configured()) return {};
    StepResult r = forward_backward(x, targets, n);
    if (!r.finite) return r;
    StepResult u = apply_update();
    u.loss = r.loss;
    return u;
}

// ============================================================================
// Evaluation
// ============================================================================

void Network::forward(const float* x, int n, float* out) {
    constexpr int kChunk = 256;
    const int K = outputs();
    for (int r0 = 0; r0 < n; r0 += kChunk) {
        const int m = std::min(kChunk, n - r0);
        run_forward(scratch_, x + size_t(r0) * size_t(inputs()), m);
        std::copy_n(scratch_.a.data() + scratch_.offset.back(), size_t(m) * size_t(K), out + size_t(r0) * K);
    }
}

Evaluation Network::evaluate(const float* x, const float* t, int n) {
    Evaluation e;
    if (n <= 0 || !configured()) return e;
    constexpr int kChunk = 256;
    const int K = outputs();
    const bool sigmoid_out = layout_.back().activation == Activation::Sigmoid;
    double loss = 0.0;
    long correct = 0;
    for (int r0 = 0; r0 < n; r0 += kChunk) {
        const int m = std::min(kChunk, n - r0);
        const float* tc = t + size_t(r0) * K;
        run_forward(scratch_, x + size_t(r0) * size_t(inputs()), m);
        loss += output_loss_and_delta(scratch_, tc, m) * m;
        const float* a = scratch_.a.data() + scratch_.offset.back();
        for (int r = 0; r < m; ++r) {
            const float* ar = a + size_t(r) * K;
            const float* tr = tc + size_t(r) * K;
            if (K == 1) {
                const float th = sigmoid_out ? 0.5f : 0.0f;
                correct += (ar[0] > th) == (tr[0] > th);
            } else {
                correct += (std::max_element(ar, ar + K) - ar) == (std::max_element(tr, tr + K) - tr);
            }
        }
        if (!kernels().all_finite(size_t(m) * K, a)) e.finite = false;
    }
    e.loss = loss / n;
    e.accuracy = double(correct) / n;
    if (!std::isfinite(e.loss)) e.finite = false;
    return e;
}

void Network::evaluate_neurons(const float* x, int n, float* out, EvalWorkspace& ws) const {
    if (n <= 0 || !configured()) return;
    // Tiles of points keep one tile's activations of every layer in L1/L2.
    constexpr int kTile = 256;
    const Kernels& k = kernels();
    const int in0 = inputs();
    if (ws.buffer.size() < size_t(in0) * kTile) ws.buffer.assign(size_t(in0) * kTile, 0.0f);
    float* xt = ws.buffer.data();  // (inputs, kTile): this tile's inputs, neuron-major
    const size_t N = size_t(n);
    for (int p0 = 0; p0 < n; p0 += kTile) {
        const int m = std::min(kTile, n - p0);
        for (int p = 0; p < m; ++p)
            for (int i = 0; i < in0; ++i) xt[size_t(i) * kTile + p] = x[size_t(p0 + p) * in0 + i];
        const float* src = xt;
        size_t src_stride = kTile;
        for (size_t l = 0; l < layout_.size(); ++l) {
            const LayerLayout& L = layout_[l];
            float* dst = out + size_t(L.first_neuron) * N + size_t(p0);
            const bool softmax = l + 1 == layout_.size() && spec_.loss == Loss::SoftmaxCrossEntropy;
            k.dense_forward_cols(softmax ? Activation::Linear : kernel_activation(L), m, L.in, L.out,
                                 params_.data() + L.weights, L.has_bias ? params_.data() + L.bias : nullptr, src,
                                 src_stride, dst, N);
            if (softmax) softmax_cols(m, L.out, dst, N);
            else if (beta_softplus(L))
                for (int o = 0; o < L.out; ++o) softplus_forward(L.beta, size_t(m), dst + size_t(o) * N, dst + size_t(o) * N);
            src = dst;
            src_stride = N;
        }
    }
}

// ============================================================================
// Introspection
// ============================================================================

Trace Network::inspect(const float* x, const float* t) const {
    Trace trace;
    if (!configured()) return trace;
    Scratch s;
    run_forward(s, x, 1);
    trace.loss = float(output_loss_and_delta(s, t, 1));
    if (hyper_.rule == Rule::Perceptron && layout_.size() == 1)
        perceptron_delta(layout_[0].activation, size_t(layout_[0].out), s.a.data() + s.offset[0], t,
                         s.delta.data() + s.offset[0]);
    std::vector<float> grads(params_.size(), 0.0f);
    run_backward(s, x, 1, grads.data());
    std::vector<float> params = params_, velocity = velocity_;
    update_step(params.data(), velocity.data(), grads.data(), hyper_, nullptr, nullptr);

    trace.input.assign(x, x + inputs());
    for (size_t l = 0; l < layout_.size(); ++l) {
        const LayerLayout& L = layout_[l];
        LayerTrace lt;
        const size_t off = s.offset[l];
        lt.z.assign(s.z.begin() + long(off), s.z.begin() + long(off) + L.out);
        lt.a.assign(s.a.begin() + long(off), s.a.begin() + long(off) + L.out);
        lt.delta.assign(s.delta.begin() + long(off), s.delta.begin() + long(off) + L.out);
        const size_t wc = size_t(L.out) * size_t(L.in);
        lt.grad_weights.assign(grads.begin() + long(L.weights), grads.begin() + long(L.weights + wc));
        lt.step_weights.resize(wc);
        for (size_t j = 0; j < wc; ++j) lt.step_weights[j] = params[L.weights + j] - params_[L.weights + j];
        if (L.has_bias) {
            lt.grad_bias.assign(grads.begin() + long(L.bias), grads.begin() + long(L.bias) + L.out);
            lt.step_bias.resize(size_t(L.out));
            for (int o = 0; o < L.out; ++o) lt.step_bias[size_t(o)] = params[L.bias + size_t(o)] - params_[L.bias + size_t(o)];
        }
        trace.layers.push_back(std::move(lt));
    }
    trace.output = trace.layers.back().a;
    return trace;
}

}  // namespace pg
