// pg/state.h — everything the user sets, in TensorFlow Playground's URL-hash
// format ("activation=tanh&batchSize=10&...").
//
// Index
//   Control                   controls a `<control>_hide=true` key can hide
//   State                     the settings, defaults = the reference's defaults
//   StateIssue, StateParse    what parsing found wrong (never fatal)
//   parse_state, serialize_state
//   derived settings          active dataset, features, loss, output, NetworkSpec
//
// Every key of the reference is read and written: activation, regularization,
// regularizationRate, learningRate, batchSize, dataset, regDataset, noise,
// networkShape, seed, showTestData, discretize, percTrainData, the nine
// features (x, y, xSquared, ySquared, xTimesY, sinX, sinY, cosX, cosY),
// problem, initZero, hideText, collectStats, tutorial, `<control>_hide` and
// `<feature>_hide`. Our extensions (written only when not at their default,
// so a reference link serialises back to the reference's text):
//   momentum=0..0.99         α of SGD with momentum (0 = plain SGD)
//   nesterov=true|false      Nesterov momentum
//   softplusBeta=0.01..100   β of softplus, (1/β)·log(1 + e^{βz}) (default 1)
//   rule=backprop|perceptron the training rule (pg/network.h Rule); perceptron
//                            only without hidden layers (else refused: kBadValue)
//   loss=mse|bce|softmax_ce  default: mse, softmax_ce for problem=multiclass
//   activations=tanh,relu    per hidden layer, overriding `activation` for the
//                            first layers (missing entries use `activation`)
//   outputActivation=NAME    output activation with loss=mse (default: tanh for
//                            classification, linear for regression)
//   initializer=reference|glorot|he|zeros
//   numSamples=N             points generated (0 = the dataset's default)
//   numClasses=K             classes of the multi-class sets (2..8, default 3)
//   mcDataset=blobs|spiral3  the multi-class dataset (`dataset=blobs` works too)
//   problem=multiclass       a third problem type beside the reference's two
//   inspect=true|false       display: open the backprop inspector (lessons set it)
//   theme=auto|light|dark|contrast  display: the UI's colours (auto, the default,
//                            follows the system's dark mode and "more contrast")
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pg/data.h"
#include "pg/network.h"

namespace pg {

// ---- Hideable controls -------------------------------------------------------

// The reference's controls (first 15) and ours, in URL spelling
// (`learningRate_hide=true` hides the learning-rate menu).
enum class Control : uint8_t {
    kShowTestData, kDiscretize, kPlayButton, kStepButton, kResetButton, kLearningRate,
    kActivation, kRegularization, kRegularizationRate, kProblem, kDataset, kPercTrainData,
    kNoise, kBatchSize, kNumHiddenLayers,
    // ours
    kMomentum, kLoss, kInitializer, kNumSamples, kNumClasses, kSeed, kSpeed,
    kInspect,  // the backprop inspector (`inspect_hide=true`)
    // Buttons that change data or weights outside the menus above, so that a
    // lesson can lock them too.
    kRegenerate,   // Regenerate (new points from a new seed)
    kCsv,          // Upload / Download CSV and the lab's point table
    kEditWeights,  // typing weights and biases (diagram clicks, the lab's weight table)
    kTheme,        // the theme menu (`theme_hide=true`)
    kTimeline,     // training's history under the loss chart (pg/history.h)
    kRecord,       // Record: the canvas as a video (the page) or PNG frames (the desktop)
    kTask,         // the Task panel of an open lesson (pg/lesson.h)
    kMakeLesson,   // the "Make a lesson" panel and its menu entry (a teacher's)
};
inline constexpr int kNumControls = 31;
static_assert(int(Control::kMakeLesson) + 1 == kNumControls, "kNumControls is the number of Control values: change both together");
std::string_view control_name(Control control);
std::optional<Control> parse_control(std::string_view name);

// ---- Themes ----------------------------------------------------------------------

// The UI's colours (`theme=`): kAuto follows the system (prefers-color-scheme,
// prefers-contrast, forced-colors in the page); the others override it.
enum class Theme : uint8_t { kAuto, kLight, kDark, kContrast };
inline constexpr int kNumThemes = 4;
std::string_view theme_name(Theme theme);  // "auto", "light", "dark", "contrast"
std::optional<Theme> parse_theme(std::string_view name);

// ---- The settings ---------------------------------------------------------------

// Limits applied when parsing (values outside are clamped, with a warning).
inline constexpr double kMaxLearningRate = 100.0;
inline constexpr double kMaxRegularizationRate = 100.0;
inline constexpr double kMaxMomentum = 0.99;
inline constexpr int kMaxBatchSize = 1024;
inline constexpr int kMaxNoise = 50;
inline constexpr int kMinPercTrain = 10, kMaxPercTrain = 100;  // 100: no test set
inline constexpr size_t kMaxSeedLength = 64;

struct State {
    // Network
    std::vector<int> network_shape = {4, 2};  // hidden layer widths (0..12 layers, 1..256)
    Activation activation = Activation::Tanh;  // every hidden layer ...
    std::vector<Activation> activations;       // ... unless overridden here, per layer
    std::optional<Activation> output_activation;  // mse only; nullopt = by problem
    std::optional<Loss> loss;                  // nullopt = by problem (see effective_loss)
    Init initializer = Init::Reference;
    bool init_zero = false;  // the reference's "all weights 0" switch (beats initializer)

    // Training
    double learning_rate = 0.03;
    Regularization regularization = Regularization::None;
    double regularization_rate = 0.0;
    int batch_size = 10;
    double momentum = 0.0;
    bool nesterov = false;
    Rule rule = Rule::Backprop;
    double softplus_beta = 1.0;  // softplusBeta: β of every softplus layer (pg/network.h LayerSpec::beta)

    // Data
    Problem problem = Problem::kClassification;
    DatasetKind dataset = DatasetKind::kCircle;        // used for classification
    DatasetKind reg_dataset = DatasetKind::kRegPlane;  // used for regression
    DatasetKind mc_dataset = DatasetKind::kBlobs;      // used for multiclass
    int noise = 0;             // the reference's slider, 0..50 (noise = value / 100)
    int perc_train_data = 50;  // 10..100 (100: every point trains, the test set is empty)
    int num_samples = 0;       // 0 = the dataset's default
    int num_classes = 3;       // multi-class sets
    std::string seed = "0.59704";  // any text; hashed with seed_from_string

    // Inputs: features[int(Feature::kX)] etc.
    std::array<bool, kNumFeatures> features = {true, true, false, false, false,
                                               false, false, false, false};

    // Display and embedding
    bool show_test_data = false;
    bool discretize = false;
    bool hide_text = false;
    bool collect_stats = false;
    bool inspect = false;  // the backprop inspector is open (written only when true)
    Theme theme = Theme::kAuto;  // the UI's colours (written only when not auto)
    std::string tutorial;  // empty = none
    std::array<bool, kNumControls> control_hidden{};
    std::array<bool, kNumFeatures> feature_hidden{};

    bool operator==(const State&) const = default;

    bool feature(Feature f) const { return features[size_t(f)]; }
    bool hidden(Control c) const { return control_hidden[size_t(c)]; }
    bool hidden(Feature f) const { return feature_hidden[size_t(f)]; }
};

// ---- Parsing ------------------------------------------------------------------

struct StateIssue {
    enum class Kind : uint8_t {
        kUnknownKey,  // key not known: ignored
        kBadValue,    // value malformed (not a number, unknown name): ignored, default kept
        kClamped,     // value out of range: clamped or trimmed
    };
    Kind kind = Kind::kUnknownKey;
    std::string key;
    std::string message;  // complete sentence naming the key, e.g.
                          // "learningRate: 'abc' is not a number; kept 0.03"
};

struct StateParse {
    State state;
    std::vector<StateIssue> issues;
    // Every key present in the text, %-decoded, in order of appearance (known,
    // `_hide` and unknown keys alike; a repeated key once). Tells a key given
    // explicitly from a default: the CLI lets `loss=softmax_ce` win over a model
    // file that names no loss (pg/lab.h reconcile_model).
    std::vector<std::string> keys;
    bool has_key(std::string_view key) const;
    // True if a value was malformed (the CLI refuses such a state; the UI shows a notice).
    bool has_bad_values() const;
};

// Parses "key=value&key=value..." with or without a leading '#' (a whole URL
// is accepted too: everything up to the first '#' is skipped). Keys missing
// from the text keep the reference's defaults. Values may be %-encoded.
// Never throws; every problem becomes a StateIssue.
StateParse parse_state(std::string_view text);

// The hash text without '#': the reference's keys in the reference's order
// (regularization and tutorial only when set, `_hide` keys only when true),
// then our extension keys that differ from their defaults. Numbers are the
// shortest text that reads back exactly, so parse_state(serialize_state(s))
// .state == s for every valid s.
std::string serialize_state(const State& state);

// A new seed text like the reference's (five decimals, "0.12345"), from any
// 64 random bits (the UI's Regenerate passes a clock or entropy value).
std::string make_seed_text(uint64_t entropy);

// ---- Derived settings -------------------------------------------------------------

// The dataset of the state's problem (dataset, reg_dataset or mc_dataset).
DatasetKind active_dataset(const State& state);

// The data generator settings (count, noise / 100, classes).
DataSpec data_spec(const State& state);

// The selected features in canonical order (x, y, xSquared, ...).
std::vector<Feature> active_features(const State& state);

// Loss actually used: the `loss` key if it fits the problem (regression is
// always mse), else mse for classification/regression and softmax_ce for
// multiclass.
Loss effective_loss(const State& state);

// Output units: 1 for classification (2 with softmax_ce) and regression,
// num_classes for multiclass.
int output_units(const State& state);

// Output activation for the effective loss: bce → sigmoid, softmax_ce → linear
// (logits), mse → output_activation if set, else tanh (classification,
// multiclass) or linear (regression).
Activation effective_output_activation(const State& state);

// Activation of hidden layer l: activations[l] if given, else activation.
Activation hidden_activation(const State& state, int layer);

// Initializer actually used: zeros if init_zero, else initializer.
Init effective_init(const State& state);

// The network for the state with `inputs` input features.
NetworkSpec network_spec(const State& state, int inputs);

// The network hyper-parameters (learning rate, momentum, regularization).
HyperParams hyper_params(const State& state);

}  // namespace pg
