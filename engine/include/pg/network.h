// pg/network.h — the multi-layer perceptron: spec, parameters, training,
// evaluation and introspection. This header is the engine's manual.
//
// Index
//   1. Enums and their names (URL / model-file spelling)
//   2. NetworkSpec: the architecture, and its limits
//   3. Parameter layout: one flat buffer for params, grads and velocity
//   4. HyperParams: learning rate, momentum, Nesterov, regularization
//   5. Results: StepResult, Evaluation, Trace (introspection)
//   6. Network: configure, init, train, evaluate, inspect, edit one weight
//
// Conventions used throughout
//   - All buffers are float and row-major. A batch of n examples is
//       x       (n, inputs)   example b's features at x[b*inputs + i]
//       targets (n, outputs)  example b's targets  at t[b*outputs + k]
//   - Layers are numbered 0..layer_count()-1 over the *computing* layers:
//     hidden layers first, the output layer last. The inputs are not a layer.
//   - Neurons are numbered over all computing layers in order
//     (layer 0 neuron 0, layer 0 neuron 1, ..., output neuron K-1);
//     LayerLayout::first_neuron gives a layer's first number.
//   - Errors are reported as `bool ok` + `std::string& error` (a message
//     naming the field), never by exceptions or crashes.
//   - A Network is not thread-safe (it owns scratch space); use one per thread.
//     evaluate_neurons() takes an explicit workspace and is const.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pg {

struct Kernels;  // pg/kernels.h

// ============================================================================
// 1. Enums and their names
// ============================================================================

// Activation of a layer, f(z).
enum class Activation : uint8_t {
    Linear,     // z
    Sigmoid,    // 1 / (1 + e^-z)
    Tanh,       // tanh z
    ReLU,       // max(0, z); f'(0) = 0
    LeakyReLU,  // z > 0 ? z : 0.01 z
    GELU,       // z·Φ(z) = ½z(1 + erf(z/√2)), the lectures' and PyTorch's (pg/detmath.h)
    Softplus,   // (1/β)·log(1 + e^{βz}), β of the layer (LayerSpec::beta, 1: log(1 + e^z)); f' = σ(βz)
    GELUTanh,   // GELU's tanh approximation ½z(1 + tanh(√(2/π)(z + 0.044715 z³)))
    Step,       // Heaviside: 1 if z ≥ 0, else 0; f' = 0 (perceptron)
    Sign,       // +1 if z ≥ 0, else −1; f' = 0 (perceptron)
};
inline constexpr int kActivationCount = 10;

// f'(z) = 0 wherever it exists: backpropagation passes no gradient through
// such a unit (the perceptron rule trains them; see Rule in pg/session.h).
inline constexpr bool has_zero_derivative(Activation a) { return a == Activation::Step || a == Activation::Sign; }
inline constexpr float kLeakyReluSlope = 0.01f;

// Loss over the output layer, averaged over the examples of a batch (and
// summed over output neurons within one example).
enum class Loss : uint8_t {
    // E = ½ Σ_k (a_k − t_k)²; TensorFlow Playground's. Any output activation;
    // δ_k = (a_k − t_k)·f'(z_k). Classification targets are −1 / +1 (tanh).
    HalfSquared,
    // E = −[t log a + (1 − t) log(1 − a)] per output, a = sigmoid(z).
    // The output layer's activation must be Sigmoid; δ = a − t.
    // Targets in [0, 1] (map labels −1/+1 to 0/1).
    BinaryCrossEntropy,
    // K ≥ 2 classes: y = softmax(z), E = −Σ_k t_k log y_k, δ_k = y_k − t_k.
    // The output layer's activation must be Linear (its z are the logits);
    // every output of the network (forward, grids, traces) is y = softmax(z).
    // Targets: one row of K numbers per example, one-hot (1 at the class
    // index, 0 elsewhere) or any probability distribution.
    SoftmaxCrossEntropy,
};

// How init() draws the initial parameters (fan_in = layer inputs, fan_out = units).
enum class Init : uint8_t {
    Reference,      // TF Playground: W ~ U(−0.5, 0.5), b = 0.1
    GlorotUniform,  // W ~ U(−r, r), r = √(6 / (fan_in + fan_out)), b = 0
    HeNormal,       // W ~ N(0, 2 / fan_in), b = 0
    Zeros,          // W = 0, b = 0
};

enum class Regularization : uint8_t { None, L1, L2 };

// How a step changes the weights.
//   Backprop    gradient descent on the loss (everything in section 4).
//   Perceptron  the perceptron learning rule, w ← w + η·(t − ŷ)·x, b ← b + η·(t − ŷ):
//               δ = ŷ − t at the output with no f′ (step and sign have none to
//               give), then the same update step (batch-averaged; with batch size
//               1, no momentum and no regularization it is the lectures' rule).
//               For a step output the target is 1 for t > 0, else 0 (classes
//               come as −1/+1). Only for networks without hidden layers: there
//               is no t for a hidden unit (rule_refusal(); the state refuses
//               it, and a Network with hidden layers trains them by backprop).
enum class Rule : uint8_t { Backprop, Perceptron };

// Names as used in the URL state and in model files:
//   activation: "linear" "sigmoid" "tanh" "relu" "leakyrelu" "gelu" "softplus"
//               "gelu_tanh" "step" "sign" (model files write GELU as "gelu_erf"
//               and read a plain "gelu", written before the two forms, as
//               GELUTanh: see pg/model_io.h)
//   loss:       "mse" "bce" "softmax_ce"
//   init:       "reference" "glorot" "he" "zeros"
//   regularization: "none" "L1" "L2"
//   rule:       "backprop" "perceptron"
// parse_* accept exactly these spellings and return nullopt for anything else.
std::string_view to_string(Activation a);
std::string_view to_string(Loss l);
std::string_view to_string(Init i);
std::string_view to_string(Regularization r);
std::optional<Activation> parse_activation(std::string_view name);
std::optional<Loss> parse_loss(std::string_view name);
std::optional<Init> parse_init(std::string_view name);
std::optional<Regularization> parse_regularization(std::string_view name);
std::string_view to_string(Rule r);
std::optional<Rule> parse_rule(std::string_view name);

// ============================================================================
// 2. NetworkSpec: the architecture
// ============================================================================

struct LayerSpec {
    int units = 1;                          // neurons in this layer
    Activation activation = Activation::Tanh;
    bool has_bias = true;                   // false: no b block in the layout
    // Softplus's β (the lectures' (1/β)·log(1 + e^{βz})), in [kMinSoftplusBeta,
    // kMaxSoftplusBeta]; 1 for every other activation. β = 1 runs the SIMD
    // kernels like any activation; another β runs the kernels' linear form and
    // then det_softplus (pg/detmath.h) value by value: the same bits on every
    // backend, natively and in WebAssembly.
    float beta = 1.0f;
};
inline constexpr float kMinSoftplusBeta = 0.01f, kMaxSoftplusBeta = 100.0f;

inline constexpr int kMaxHiddenLayers = 12;
inline constexpr int kMaxHiddenUnits = 256;
inline constexpr int kMaxOutputs = 16;
inline constexpr int kMaxInputs = 4096;  // "any input count": a sanity bound only

// inputs ≥ 1; layers = hidden layers (0..12, each 1..256 units) followed by
// the output layer (last, 1..16 units). See Loss for the output activation
// each loss requires. SoftmaxCrossEntropy needs ≥ 2 outputs.
struct NetworkSpec {
    int inputs = 2;
    std::vector<LayerSpec> layers;  // hidden..., output
    Loss loss = Loss::HalfSquared;

    // Convenience: `hidden` widths with one activation, then `outputs` units
    // with `output_activation`; all layers with bias.
    static NetworkSpec make(int inputs, const std::vector<int>& hidden, Activation hidden_activation,
                            int outputs, Activation output_activation, Loss loss = Loss::HalfSquared);
};

// Empty string if `spec` is valid, else a message naming the field, e.g.
// "layers[3].units: 300 is out of range 1..256".
std::string validate(const NetworkSpec& spec);

// "2-8-8-1": inputs, then every layer's units.
std::string shape_string(const NetworkSpec& spec);

// ============================================================================
// 3. Parameter layout
// ============================================================================
//
// params, grads and velocity are three float buffers of param_count() with
// one shared layout: the layers in order, each
//     W  (out, in) row-major:  W[o][i] at weights + o*in + i
//     b  (out)                 b[o]    at bias + o         (only if has_bias)
// so layer l+1's W starts right after layer l's b (or W if it has no bias).
// A whole-model update is one flat loop over the three buffers.

struct LayerLayout {
    int in = 0;              // inputs to this layer (previous layer's units)
    int out = 0;             // units of this layer
    Activation activation = Activation::Tanh;
    bool has_bias = true;
    float beta = 1.0f;       // softplus's β (LayerSpec::beta)
    size_t weights = 0;      // offset of W in params
    size_t bias = 0;         // offset of b in params (== weights + out*in); unused if !has_bias
    size_t end = 0;          // one past this layer's last parameter
    int first_neuron = 0;    // number of this layer's neuron 0 (see Conventions)
};

// ============================================================================
// 4. Hyper-parameters
// ============================================================================
//
// Every field may change between two steps; nothing is reset by doing so.
// One step with the batch-averaged gradient g of a weight w and velocity v:
//   plain/momentum (lecture form):  Δw = −η·g + α·v        v ← Δw
//   Nesterov (Sutskever form):      v ← α·v − η·g          Δw = α·v − η·g
//   w₁ = w + Δw
//   regularization, TF Playground's, from the pre-step weight w:
//     L2: w₂ = w₁ − η·λ·w        L1: w₂ = w₁ − η·λ·sign(w)
//     L1 only: if w₁ and w₂ have opposite signs, w₂ = 0 exactly.
//   w ← w₂
// Biases get the same momentum step but are never regularized.
// α = 0 gives plain SGD, identical to the reference's update.
struct HyperParams {
    float learning_rate = 0.03f;   // η
    float momentum = 0.0f;         // α, 0..0.99
    bool nesterov = false;
    Regularization regularization = Regularization::None;
    float regularization_rate = 0.0f;  // λ
    Rule rule = Rule::Backprop;
};

// Empty if `rule` can train `spec`, else why not (the perceptron rule and hidden layers).
std::string rule_refusal(Rule rule, const NetworkSpec& spec);

// The target the perceptron rule compares ŷ with: t, or for a step output 1 if t > 0 else 0.
inline float perceptron_target(Activation output, float t) {
    return output == Activation::Step ? (t > 0.0f ? 1.0f : 0.0f) : t;
}

// Empty string if every field is usable, else a message naming the field:
// learning_rate finite and ≥ 0, momentum in [0, 0.99], regularization_rate
// finite and ≥ 0, regularization a known value. The network does not clamp.
std::string validate(const HyperParams& h);

// ============================================================================
// 5. Results
// ============================================================================

// What a training step reports. If anything became NaN or ±Inf (the loss,
// an activation, a gradient or an updated parameter), the step is undone:
// params and velocity are restored to their values before the step, and
// `layer` names the first layer (0-based, output = layer_count()-1) where a
// non-finite value appeared; `stage` says in which phase.
struct StepResult {
    enum class Stage : uint8_t { None, Forward, Loss, Gradient, Update };
    float loss = 0.0f;     // mean loss of the batch, before the update
    bool finite = true;
    int layer = -1;        // −1 when finite
    Stage stage = Stage::None;
};
std::string_view to_string(StepResult::Stage s);  // "none" "forward" "loss" "gradient" "update"

// Loss and accuracy of a set.
// accuracy: fraction of examples classified right, where
//   1 output:  Sigmoid output → (a > 0.5) == (t > 0.5); otherwise the sign:
//              (a > 0) == (t > 0)   (labels −1/+1 with tanh or linear)
//   K outputs: argmax(a) == argmax(t)
// For regression, ignore accuracy.
struct Evaluation {
    double loss = 0.0;      // mean over examples (0 for an empty set)
    double accuracy = 0.0;  // 0..1
    bool finite = true;     // false if any output or the loss is non-finite
};

// Introspection of one example: the numbers training itself uses.
struct LayerTrace {
    std::vector<float> z;             // (out) pre-activation
    std::vector<float> a;             // (out) activation f(z) (softmax for a SoftmaxCE output)
    std::vector<float> delta;         // (out) δ = ∂E/∂z
    std::vector<float> grad_weights;  // (out, in) ∂E/∂W[o][i] = δ_o · a_prev_i
    std::vector<float> grad_bias;     // (out) ∂E/∂b = δ; empty if the layer has no bias
    std::vector<float> step_weights;  // (out, in) Δw the next step would apply if this
    std::vector<float> step_bias;     //   example alone were the batch: new w − w, with the
                                      //   current momentum/velocity and regularization
};
struct Trace {
    std::vector<float> input;   // (inputs)
    std::vector<float> output;  // (outputs) = layers.back().a
    float loss = 0.0f;
    std::vector<LayerTrace> layers;
};

// One layer of a "narrow" network: every layer has at most kNarrowWidth
// inputs and outputs (TensorFlow Playground's shapes: ≤ 8 neurons, ≤ 7
// features). For such layers the fixed cost of a general kernel call (tiles,
// tails, Wᵀ in memory, dispatch, per layer and per pass) outweighs the
// arithmetic at small batches, so one call runs every layer of a pass.
inline constexpr int kNarrowWidth = 8;
struct NarrowLayer {
    int in = 0, out = 0;
    Activation act = Activation::Linear;       // this layer's f (Linear for a softmax output)
    const float* w = nullptr;                  // W (out, in)
    const float* b = nullptr;                  // b (out), or null without bias
    float* z = nullptr;                        // (n, out) rows: pre-activations
    float* a = nullptr;                        // (n, out) rows: activations
    float* delta = nullptr;                    // (n, out) rows: δ = ∂E/∂z
    float* dw = nullptr;                       // (out, in): ∂E/∂W (batch average)
    float* db = nullptr;                       // (out) or null without bias
};

// Which kernel set a Network uses (pg/kernels.h):
//   Simd       the fastest this CPU has (natively AVX2 with FMA, 8 lanes).
//   Exact      bit for bit what the WebAssembly build computes, natively too
//              (`--exact` of the CLI and the desktop app): 4 lanes, no FMA,
//              the same order of every sum. Natively it needs SSE4.1/4.2
//              (exact_kernels_supported()); under Emscripten it is Simd.
//   Reference  the plain scalar code kept for tests and for the benchmark's
//              comparison figures.
// Every backend computes softmax, the losses and their logarithms with
// pg/detmath.h, never libm (glibc and Emscripten's musl differ in the last bit).
enum class Backend : uint8_t { Simd, Reference, Exact };

// The backend of every Network constructed afterwards (Simd unless changed):
// the CLI's and the desktop app's --exact set it to Exact once, before any
// session exists. Not thread-safe; set it at start-up.
void set_default_backend(Backend backend);
Backend default_backend();

// Scratch space for evaluate_neurons(); reusable across calls and sizes
// (it grows once, then never allocates again for the same network size).
struct EvalWorkspace {
    std::vector<float> buffer;
};

// ============================================================================
// 6. Network
// ============================================================================

class Network {
public:
    Network() : backend_(default_backend()) {}

    // ---- Architecture -------------------------------------------------------
    // (Re)build for `spec`: sizes every buffer, params/grads/velocity = 0.
    // Call init() afterwards. On an invalid spec returns false with a message
    // and leaves the network unchanged.
    bool configure(const NetworkSpec& spec, std::string& error);
    bool configured() const { return !layout_.empty(); }

    const NetworkSpec& spec() const { return spec_; }
    int inputs() const { return spec_.inputs; }
    int outputs() const { return layout_.empty() ? 0 : layout_.back().out; }
    int layer_count() const { return int(layout_.size()); }
    const LayerLayout& layer(int l) const { return layout_[size_t(l)]; }
    int neuron_count() const { return neuron_count_; }  // all computing layers
    size_t param_count() const { return params_.size(); }

    // Change the loss without touching weights (checked like validate()).
    bool set_loss(Loss loss, std::string& error);

    // ---- Parameters ------------------------------------------------------------
    // Flat buffers, layout in section 3. Writable: a model file or a test may
    // fill params directly.
    std::span<float> params() { return params_; }
    std::span<const float> params() const { return params_; }
    std::span<const float> grads() const { return grads_; }      // last batch's averaged gradient
    std::span<float> velocity() { return velocity_; }            // momentum buffer v
    std::span<const float> velocity() const { return velocity_; }

    // Draw the initial parameters from `seed` with pg::Rng (layer by layer,
    // W row-major then b); zero grads and velocity. The same (spec, init,
    // seed) gives bit-identical parameters natively and in WebAssembly, so
    // Reset is init() again with the same seed.
    void init(Init init, uint64_t seed);
    void zero_velocity();

    // One weight / bias. Indices are checked: out-of-range or a bias of a
    // layer without one → get returns NaN, set returns false.
    float weight(int layer, int out, int in) const;
    bool set_weight(int layer, int out, int in, float value);
    float bias(int layer, int out) const;
    bool set_bias(int layer, int out, float value);

    // ---- Hyper-parameters and backend -------------------------------------------
    HyperParams& hyper() { return hyper_; }
    const HyperParams& hyper() const { return hyper_; }
    // Networks with every layer ≤ kNarrowWidth (8) units and ≤ 8 inputs run
    // each pass in one fused kernel call (see pg/kernels.h); off, they run
    // layer by layer like wider networks. Same results to rounding; the
    // switch exists for tests and the benchmark.
    void set_narrow_path(bool on) { narrow_enabled_ = on; }
    bool narrow_path() const { return narrow_shape_ && narrow_enabled_; }

    void set_backend(Backend b) {
        backend_ = b;
        kernels_ = nullptr;
    }
    Backend backend() const { return backend_; }

    // ---- Training -----------------------------------------------------------------
    // One step of mini-batch SGD on n ≥ 1 examples: forward, loss, backward
    // (gradients averaged over the batch into grads()), update with hyper().
    // Returns the batch's mean loss before the update; on a non-finite value
    // the step is undone (see StepResult). No allocation once the network
    // has seen a batch of this size.
    StepResult train_batch(const float* x, const float* targets, int n);

    // Forward + backward only: fills grads() and returns the result (no update).
    StepResult compute_gradients(const float* x, const float* targets, int n);
    // Update only, from the current grads() (what train_batch does second).
    StepResult apply_update();

    // ---- Evaluation -------------------------------------------------------------------
    // Outputs for n points: out (n, outputs). Softmax applied for SoftmaxCE.
    void forward(const float* x, int n, float* out);

    // Mean loss and accuracy over n examples (processed in chunks; no update).
    Evaluation evaluate(const float* x, const float* targets, int n);

    // Every neuron's activation for n points (the heatmaps), in one call:
    //   x   (n, inputs) row-major
    //   out (neuron_count(), n): neuron j's n values at out[j*n .. j*n + n),
    //       neurons numbered as in Conventions, so layer l's neuron o is at
    //       (layer(l).first_neuron + o) * n, and the network output k is at
    //       (layer(layer_count()-1).first_neuron + k) * n.
    // `ws` is grown on first use; later calls with the same or smaller n
    // allocate nothing.
    void evaluate_neurons(const float* x, int n, float* out, EvalWorkspace& ws) const;

    // ---- Introspection ----------------------------------------------------------------
    // z, a, δ, ∂E/∂W, ∂E/∂b and the next step's Δw for one example x (inputs),
    // t (outputs). Changes nothing in the network.
    Trace inspect(const float* x, const float* targets) const;

private:
    // Per-batch buffers in example-major rows: layer l's (n, out) block of
    // z, a and delta starts at offset[l]. Also W transposed for the forward
    // kernel (same offsets as params). Grown on demand, never shrunk.
    struct Scratch {
        std::vector<float> z, a, delta, wt;
        std::vector<size_t> offset;
        // The narrow kernels' per-layer view of these buffers, params and a
        // gradient buffer; empty until filled, emptied when the buffers grow.
        // A copied Scratch holds another network's pointers: fill_narrow()
        // sees that they are not its own and fills it again.
        std::vector<NarrowLayer> narrow;
        float* narrow_grads = nullptr;  // the gradient buffer narrow points into
        Loss narrow_loss = Loss::HalfSquared;
        int capacity = 0;
    };
    bool use_narrow() const;
    void fill_narrow(Scratch& s, float* grads) const;
    StepResult forward_backward(const float* x, const float* targets, int n);
    void reserve(Scratch& s, int n) const;
    void run_forward(Scratch& s, const float* x, int n) const;
    double output_loss_and_delta(Scratch& s, const float* targets, int n) const;
    void run_backward(Scratch& s, const float* x, int n, float* grads) const;
    // Returns false if a new parameter is not finite; *_old (may be null)
    // receive the values before the step.
    bool update_step(float* params, float* velocity, const float* grads, const HyperParams& h, float* params_old,
                     float* velocity_old) const;
    int first_non_finite_layer(const Scratch& s, int n) const;
    int first_non_finite_layer(const float* buffer) const;

    NetworkSpec spec_;
    std::vector<LayerLayout> layout_;
    int neuron_count_ = 0;
    std::vector<float> params_, grads_, velocity_;
    HyperParams hyper_;
    Backend backend_;
    // The kernel set of backend_, looked up once (simd_kernels() asks Highway
    // for the chosen target, which is not free on every call of every layer).
    mutable const Kernels* kernels_ = nullptr;
    bool narrow_shape_ = false;   // every layer ≤ kNarrowWidth inputs and outputs
    bool narrow_enabled_ = true;
    bool narrow_enabled_by_spec_ = true;  // false with a softplus layer of β ≠ 1 (use_narrow)
    const Kernels& kernels() const;
    Scratch scratch_;
    std::vector<float> backup_params_, backup_velocity_;
};

}  // namespace pg
