// The URL-hash state (see pg/state.h).
#include "pg/state.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "text.h"

namespace pg {
namespace {

constexpr std::string_view kControlNames[kNumControls] = {
    "showTestData", "discretize",   "playButton",  "stepButton",   "resetButton",
    "learningRate", "activation",   "regularization", "regularizationRate", "problem",
    "dataset",      "percTrainData", "noise",      "batchSize",    "numHiddenLayers",
    "momentum",     "loss",         "initializer", "numSamples",   "numClasses",
    "seed",         "speed",        "inspect",
    "regenerate",   "csv",          "editWeights",  "theme",
    "timeline",     "record",       "task",         "makeLesson"};

constexpr std::string_view kThemeNames[kNumThemes] = {"auto", "light", "dark", "contrast"};

using Issues = std::vector<StateIssue>;

// Concatenation without `"literal" + std::string` chains (GCC 12 warns
// falsely about them under -O2, -Wrestrict).
std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view p : parts) out += p;
    return out;
}

// A user's text quoted in a message: at most 40 characters and a count, so
// that a 200 KB value does not come back as a 200 KB notice.
std::string clip(std::string_view text) {
    constexpr size_t kShown = 40;
    if (text.size() <= kShown + 8) return std::string(text);
    size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    return cat({text.substr(0, cut), "\u2026 (", std::to_string(text.size()), " characters)"});
}

// The message quotes the user's text: clipped, control characters and NUL escaped.
void add_issue(Issues& issues, StateIssue::Kind kind, std::string_view key, std::string message) {
    issues.push_back({kind, clip(key), text::escape(cat({clip(key), ": ", message}))});
}

void bad_value(Issues& issues, std::string_view key, std::string_view value, std::string_view why,
               std::string_view kept) {
    add_issue(issues, StateIssue::Kind::kBadValue, key,
              cat({"'", clip(value), "' ", why, "; kept ", clip(kept)}));
}

// ---- %-encoding ------------------------------------------------------------------

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes %XX (a malformed escape is kept literally); '+' stays '+'.
std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            const int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(char(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(s[i]);
    }
    return out;
}

std::string percent_encode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           c == '-' || c == '.' || c == '_' || c == '~' || c == ',';
        if (plain) {
            out.push_back(char(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

// ---- Value parsers: each returns false (and records the issue) on a bad value ----

std::string_view bool_text(bool b) { return b ? "true" : "false"; }

bool read_bool(std::string_view key, std::string_view v, bool& out, Issues& issues) {
    if (v == "true" || v == "1") { out = true; return true; }
    if (v == "false" || v == "0") { out = false; return true; }
    bad_value(issues, key, v, "is not true or false", bool_text(out));
    return false;
}

bool read_real(std::string_view key, std::string_view v, double lo, double hi, double& out,
               Issues& issues) {
    const std::optional<double> x = text::parse_number(v);
    if (!x) {
        bad_value(issues, key, v, "is not a number", text::format_number(out));
        return false;
    }
    out = std::clamp(*x, lo, hi);
    if (out != *x)
        add_issue(issues, StateIssue::Kind::kClamped, key,
                  cat({v, " is out of range ", text::format_number(lo), "..", text::format_number(hi),
                       "; using ", text::format_number(out)}));
    return true;
}

bool read_int(std::string_view key, std::string_view v, int lo, int hi, int& out, Issues& issues) {
    const std::optional<double> x = text::parse_number(v);
    if (!x || *x != std::floor(*x)) {
        bad_value(issues, key, v, "is not a whole number", std::to_string(out));
        return false;
    }
    const double clamped = std::clamp(*x, double(lo), double(hi));
    out = int(clamped);
    if (clamped != *x)
        add_issue(issues, StateIssue::Kind::kClamped, key,
                  cat({v, " is out of range ", std::to_string(lo), "..", std::to_string(hi),
                       "; using ", std::to_string(out)}));
    return true;
}

template <class T>
bool read_name(std::string_view key, std::string_view v, std::optional<T> parsed, T& out,
               std::string_view choices, std::string_view kept, Issues& issues) {
    if (!parsed) {
        bad_value(issues, key, v, cat({"is not one of ", choices}), kept);
        return false;
    }
    out = *parsed;
    return true;
}

// Splits "a,b,c" ("" → no items).
std::vector<std::string_view> split_list(std::string_view v) {
    std::vector<std::string_view> items;
    if (v.empty()) return items;
    size_t start = 0;
    while (true) {
        const size_t comma = v.find(',', start);
        items.push_back(text::trim(v.substr(start, comma - start)));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return items;
}

std::string join_shape(const std::vector<int>& shape) {
    std::string s;
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i) s += ',';
        s += std::to_string(shape[i]);
    }
    return s;
}

bool read_shape(std::string_view key, std::string_view v, std::vector<int>& out, Issues& issues) {
    std::vector<int> shape;
    for (std::string_view item : split_list(v)) {
        const std::optional<double> x = text::parse_number(item);
        if (!x || *x != std::floor(*x)) {
            bad_value(issues, key, v, "is not a comma-separated list of layer widths",
                      cat({"'", join_shape(out), "'"}));
            return false;
        }
        const int units = int(std::clamp(*x, 1.0, double(kMaxHiddenUnits)));
        if (units != *x)
            add_issue(issues, StateIssue::Kind::kClamped, key,
                      cat({"layer width ", clip(item), " is out of range 1..", std::to_string(kMaxHiddenUnits),
                           "; using ", std::to_string(units)}));
        shape.push_back(units);
    }
    if (shape.size() > size_t(kMaxHiddenLayers)) {
        add_issue(issues, StateIssue::Kind::kClamped, key,
                  std::to_string(shape.size()) + " hidden layers is more than " +
                      std::to_string(kMaxHiddenLayers) + "; keeping the first " +
                      std::to_string(kMaxHiddenLayers));
        shape.resize(size_t(kMaxHiddenLayers));
    }
    out = std::move(shape);
    return true;
}

constexpr std::string_view kActivationChoices =
    "linear, sigmoid, tanh, relu, leakyrelu, gelu, softplus, gelu_tanh, step, sign";

bool read_activation_list(std::string_view key, std::string_view v, std::vector<Activation>& out,
                          Issues& issues) {
    std::vector<Activation> list;
    for (std::string_view item : split_list(v)) {
        const std::optional<Activation> a = parse_activation(item);
        if (!a) {
            bad_value(issues, key, v,
                      cat({"has '", item, "', not one of ", kActivationChoices}),
                      "the previous list");
            return false;
        }
        list.push_back(*a);
    }
    out = std::move(list);
    return true;
}

// ---- The key table ------------------------------------------------------------------

// Each key: how to read its value into a State. A plain function pointer
// (captureless lambdas convert to one) and, for the nine input features, the
// feature it sets: std::function here cost the page about 20 KB of WebAssembly
// (a type-erased wrapper per key), as it did in locks.cpp.
using ReadKey = void (*)(std::string_view value, State& s, Issues& issues);
struct Key {
    std::string_view name;
    ReadKey read = nullptr;  // null: the feature `feature`
    Feature feature = Feature::kX;
};

void read_feature(Feature f, std::string_view v, State& s, Issues& is) {
    bool b = s.features[size_t(f)];
    if (read_bool(feature_name(f), v, b, is)) s.features[size_t(f)] = b;
}

const std::vector<Key>& key_table() {
    static const std::vector<Key> table = [] {
        std::vector<Key> t;
        auto add = [&](std::string_view name, ReadKey read) { t.push_back({name, read}); };
        add("activation", [](std::string_view v, State& s, Issues& is) {
            read_name("activation", v, parse_activation(v), s.activation, kActivationChoices,
                      to_string(s.activation), is);
        });
        add("regularization", [](std::string_view v, State& s, Issues& is) {
            read_name("regularization", v, parse_regularization(v), s.regularization, "none, L1, L2",
                      to_string(s.regularization), is);
        });
        add("batchSize", [](std::string_view v, State& s, Issues& is) {
            read_int("batchSize", v, 1, kMaxBatchSize, s.batch_size, is);
        });
        add("dataset", [](std::string_view v, State& s, Issues& is) {
            const std::optional<DatasetKind> d = parse_dataset(v);
            if (!d) {
                bad_value(is, "dataset", v, "is not one of circle, xor, gauss, spiral, blobs, spiral3",
                          dataset_name(s.dataset));
                return;
            }
            // Aliases: a regression or multi-class set named here sets its own key.
            switch (dataset_problem(*d)) {
                case Problem::kClassification: s.dataset = *d; break;
                case Problem::kRegression: s.reg_dataset = *d; break;
                case Problem::kMulticlass: s.mc_dataset = *d; break;
            }
        });
        add("regDataset", [](std::string_view v, State& s, Issues& is) {
            const std::optional<DatasetKind> d = parse_dataset(v);
            if (!d || dataset_problem(*d) != Problem::kRegression) {
                bad_value(is, "regDataset", v, "is not one of reg-plane, reg-gauss",
                          dataset_name(s.reg_dataset));
                return;
            }
            s.reg_dataset = *d;
        });
        add("learningRate", [](std::string_view v, State& s, Issues& is) {
            read_real("learningRate", v, 0.0, kMaxLearningRate, s.learning_rate, is);
        });
        add("regularizationRate", [](std::string_view v, State& s, Issues& is) {
            read_real("regularizationRate", v, 0.0, kMaxRegularizationRate, s.regularization_rate, is);
        });
        add("noise", [](std::string_view v, State& s, Issues& is) {
            read_int("noise", v, 0, kMaxNoise, s.noise, is);
        });
        add("networkShape", [](std::string_view v, State& s, Issues& is) {
            read_shape("networkShape", v, s.network_shape, is);
        });
        add("seed", [](std::string_view v, State& s, Issues& is) {
            if (v.empty() || v.size() > kMaxSeedLength) {
                bad_value(is, "seed", v,
                          v.empty() ? std::string("is empty")
                                    : cat({"is longer than ", std::to_string(kMaxSeedLength), " characters"}),
                          s.seed);
                return;
            }
            // NaN, Infinity and control characters are not seeds a person means
            // (the reference's seeds are numbers like 0.59704; any other text is fine).
            std::string lower;
            for (char c : v) lower.push_back(char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
            if (!lower.empty() && (lower[0] == '+' || lower[0] == '-')) lower.erase(0, 1);
            if (lower == "nan" || lower == "inf" || lower == "infinity") {
                bad_value(is, "seed", v, "is not a number a seed can be", s.seed);
                return;
            }
            for (unsigned char c : v)
                if (c < 0x20 || c == 0x7f) {
                    bad_value(is, "seed", "(text with a control character)", "cannot be a seed", s.seed);
                    return;
                }
            s.seed = std::string(v);
        });
        add("showTestData", [](std::string_view v, State& s, Issues& is) {
            read_bool("showTestData", v, s.show_test_data, is);
        });
        add("discretize", [](std::string_view v, State& s, Issues& is) {
            read_bool("discretize", v, s.discretize, is);
        });
        add("percTrainData", [](std::string_view v, State& s, Issues& is) {
            read_int("percTrainData", v, kMinPercTrain, kMaxPercTrain, s.perc_train_data, is);
        });
        // The reference's feature order in its URL: x, y, xTimesY, xSquared, ySquared, cosX, sinX, cosY, sinY.
        for (Feature f : {Feature::kX, Feature::kY, Feature::kXTimesY, Feature::kXSquared,
                          Feature::kYSquared, Feature::kCosX, Feature::kSinX, Feature::kCosY,
                          Feature::kSinY}) {
            t.push_back({feature_name(f), nullptr, f});
        }
        add("collectStats", [](std::string_view v, State& s, Issues& is) {
            read_bool("collectStats", v, s.collect_stats, is);
        });
        add("tutorial", [](std::string_view v, State& s, Issues&) { s.tutorial = std::string(v); });
        add("problem", [](std::string_view v, State& s, Issues& is) {
            read_name("problem", v, parse_problem(v), s.problem,
                      "classification, regression, multiclass", problem_name(s.problem), is);
        });
        add("initZero", [](std::string_view v, State& s, Issues& is) {
            read_bool("initZero", v, s.init_zero, is);
        });
        add("hideText", [](std::string_view v, State& s, Issues& is) {
            read_bool("hideText", v, s.hide_text, is);
        });
        // ---- ours ----
        add("momentum", [](std::string_view v, State& s, Issues& is) {
            read_real("momentum", v, 0.0, kMaxMomentum, s.momentum, is);
        });
        add("nesterov", [](std::string_view v, State& s, Issues& is) {
            read_bool("nesterov", v, s.nesterov, is);
        });
        add("softplusBeta", [](std::string_view v, State& s, Issues& is) {
            read_real("softplusBeta", v, double(kMinSoftplusBeta), double(kMaxSoftplusBeta), s.softplus_beta, is);
        });
        add("rule", [](std::string_view v, State& s, Issues& is) {
            read_name("rule", v, parse_rule(v), s.rule, "backprop, perceptron", to_string(s.rule), is);
        });
        add("loss", [](std::string_view v, State& s, Issues& is) {
            const std::optional<Loss> l = parse_loss(v);
            if (!l) {
                bad_value(is, "loss", v, "is not one of mse, bce, softmax_ce",
                          s.loss ? to_string(*s.loss) : "the problem's default");
                return;
            }
            s.loss = *l;
        });
        add("activations", [](std::string_view v, State& s, Issues& is) {
            read_activation_list("activations", v, s.activations, is);
        });
        add("outputActivation", [](std::string_view v, State& s, Issues& is) {
            Activation a = Activation::Tanh;
            if (read_name("outputActivation", v, parse_activation(v), a, kActivationChoices,
                          s.output_activation ? to_string(*s.output_activation) : "the default", is))
                s.output_activation = a;
        });
        add("initializer", [](std::string_view v, State& s, Issues& is) {
            read_name("initializer", v, parse_init(v), s.initializer, "reference, glorot, he, zeros",
                      to_string(s.initializer), is);
        });
        add("numSamples", [](std::string_view v, State& s, Issues& is) {
            int n = s.num_samples;
            if (!read_int("numSamples", v, 0, kMaxSamples, n, is)) return;
            if (n != 0 && n < kMinSamples) {
                add_issue(is, StateIssue::Kind::kClamped, "numSamples",
                          cat({v, " is fewer than ", std::to_string(kMinSamples), "; using ",
                               std::to_string(kMinSamples)}));
                n = kMinSamples;
            }
            s.num_samples = n;
        });
        add("numClasses", [](std::string_view v, State& s, Issues& is) {
            read_int("numClasses", v, kMinClasses, kMaxClasses, s.num_classes, is);
        });
        add("inspect", [](std::string_view v, State& s, Issues& is) {
            read_bool("inspect", v, s.inspect, is);
        });
        add("theme", [](std::string_view v, State& s, Issues& is) {
            read_name("theme", v, parse_theme(v), s.theme, "auto, light, dark, contrast", theme_name(s.theme), is);
        });
        add("mcDataset", [](std::string_view v, State& s, Issues& is) {
            const std::optional<DatasetKind> d = parse_dataset(v);
            if (!d || dataset_problem(*d) != Problem::kMulticlass) {
                bad_value(is, "mcDataset", v, "is not one of blobs, spiral3", dataset_name(s.mc_dataset));
                return;
            }
            s.mc_dataset = *d;
        });
        return t;
    }();
    return table;
}

// `<name>_hide`: a control or a feature.
bool read_hide(std::string_view key, std::string_view value, State& s, Issues& issues) {
    constexpr std::string_view kSuffix = "_hide";
    if (key.size() <= kSuffix.size() || key.substr(key.size() - kSuffix.size()) != kSuffix) return false;
    const std::string_view name = key.substr(0, key.size() - kSuffix.size());
    bool* target = nullptr;
    if (const std::optional<Control> c = parse_control(name)) target = &s.control_hidden[size_t(*c)];
    else if (const std::optional<Feature> f = parse_feature(name)) target = &s.feature_hidden[size_t(*f)];
    else return false;
    read_bool(key, value, *target, issues);
    return true;
}

}  // namespace

// ---- Controls -------------------------------------------------------------------------

std::string_view control_name(Control control) { return kControlNames[size_t(control)]; }

std::optional<Control> parse_control(std::string_view name) {
    for (int i = 0; i < kNumControls; ++i)
        if (name == kControlNames[i]) return Control(i);
    return std::nullopt;
}

// ---- Themes ---------------------------------------------------------------------------

std::string_view theme_name(Theme theme) { return kThemeNames[size_t(theme)]; }

std::optional<Theme> parse_theme(std::string_view name) {
    for (int i = 0; i < kNumThemes; ++i)
        if (name == kThemeNames[i]) return Theme(i);
    return std::nullopt;
}

// ---- Parse ------------------------------------------------------------------------------

bool StateParse::has_key(std::string_view key) const {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

bool StateParse::has_bad_values() const {
    return std::any_of(issues.begin(), issues.end(),
                       [](const StateIssue& i) { return i.kind == StateIssue::Kind::kBadValue; });
}

StateParse parse_state(std::string_view text) {
    StateParse result;
    State& s = result.state;
    Issues& issues = result.issues;
    text = text::trim(text);
    if (const size_t hash = text.find('#'); hash != std::string_view::npos) text = text.substr(hash + 1);

    size_t start = 0;
    while (start <= text.size()) {
        size_t amp = text.find('&', start);
        if (amp == std::string_view::npos) amp = text.size();
        const std::string_view part = text.substr(start, amp - start);
        start = amp + 1;
        if (part.empty()) continue;
        const size_t eq = part.find('=');
        const std::string key = percent_decode(part.substr(0, eq));
        const std::string value =
            eq == std::string_view::npos ? std::string() : percent_decode(part.substr(eq + 1));
        if (!result.has_key(key)) result.keys.push_back(key);

        const auto& table = key_table();
        const auto it = std::find_if(table.begin(), table.end(), [&](const Key& k) { return k.name == key; });
        if (it != table.end()) {
            if (eq == std::string_view::npos && key != "networkShape" && key != "tutorial") {
                add_issue(issues, StateIssue::Kind::kBadValue, key, "has no '=value'; ignored");
                continue;
            }
            if (it->read) it->read(value, s, issues);
            else read_feature(it->feature, value, s, issues);
        } else if (!read_hide(key, value, s, issues)) {
            add_issue(issues, StateIssue::Kind::kUnknownKey, key.empty() ? "(empty)" : key,
                      "unknown key; ignored");
        }
    }

    // Cross-key checks, after every key is known (keys may come in any order).
    if (s.activations.size() > s.network_shape.size()) {
        add_issue(issues, StateIssue::Kind::kClamped, "activations",
                  std::to_string(s.activations.size()) + " activations for " +
                      std::to_string(s.network_shape.size()) + " hidden layers; extra ones dropped");
        s.activations.resize(s.network_shape.size());
    }
    if (s.rule == Rule::Perceptron && !s.network_shape.empty()) {
        add_issue(issues, StateIssue::Kind::kBadValue, "rule",
                  "perceptron: " + rule_refusal(Rule::Perceptron, network_spec(s, 1)) + "; kept backprop");
        s.rule = Rule::Backprop;
    }
    if (s.loss) {
        const Loss l = *s.loss;
        if (s.problem == Problem::kRegression && l != Loss::HalfSquared)
            add_issue(issues, StateIssue::Kind::kClamped, "loss",
                      std::string(to_string(l)) + " does not fit regression; using mse");
    }
    if (s.output_activation && effective_loss(s) != Loss::HalfSquared)
        add_issue(issues, StateIssue::Kind::kClamped, "outputActivation",
                  cat({"only applies with loss=mse; the loss ", to_string(effective_loss(s)),
                       " fixes the output to ", to_string(effective_output_activation(s))}));
    return result;
}

// ---- Serialise -----------------------------------------------------------------------------

std::string serialize_state(const State& s) {
    const State d;  // defaults
    std::string out;
    auto put = [&](std::string_view key, std::string_view value) {
        if (!out.empty()) out += '&';
        out += key;
        out += '=';
        out += percent_encode(value);
    };
    auto put_bool = [&](std::string_view key, bool b) { put(key, bool_text(b)); };

    // The reference's keys, in its order.
    put("activation", to_string(s.activation));
    if (s.regularization != Regularization::None) put("regularization", to_string(s.regularization));
    put("batchSize", std::to_string(s.batch_size));
    put("dataset", dataset_name(s.dataset));
    put("regDataset", dataset_name(s.reg_dataset));
    put("learningRate", text::format_number(s.learning_rate));
    put("regularizationRate", text::format_number(s.regularization_rate));
    put("noise", std::to_string(s.noise));
    put("networkShape", join_shape(s.network_shape));
    put("seed", s.seed);
    put_bool("showTestData", s.show_test_data);
    put_bool("discretize", s.discretize);
    put("percTrainData", std::to_string(s.perc_train_data));
    for (Feature f : {Feature::kX, Feature::kY, Feature::kXTimesY, Feature::kXSquared,
                      Feature::kYSquared, Feature::kCosX, Feature::kSinX, Feature::kCosY,
                      Feature::kSinY})
        put_bool(feature_name(f), s.feature(f));
    put_bool("collectStats", s.collect_stats);
    if (!s.tutorial.empty()) put("tutorial", s.tutorial);
    put("problem", problem_name(s.problem));
    put_bool("initZero", s.init_zero);
    put_bool("hideText", s.hide_text);

    // Ours, only when not at the default.
    if (s.momentum != d.momentum) put("momentum", text::format_number(s.momentum));
    if (s.nesterov != d.nesterov) put_bool("nesterov", s.nesterov);
    if (s.rule != d.rule) put("rule", to_string(s.rule));
    if (s.softplus_beta != d.softplus_beta) put("softplusBeta", text::format_number(s.softplus_beta));
    if (s.loss) put("loss", to_string(*s.loss));
    if (!s.activations.empty()) {
        std::string list;
        for (size_t i = 0; i < s.activations.size(); ++i) {
            if (i) list += ',';
            list += to_string(s.activations[i]);
        }
        put("activations", list);
    }
    if (s.output_activation) put("outputActivation", to_string(*s.output_activation));
    if (s.initializer != d.initializer) put("initializer", to_string(s.initializer));
    if (s.num_samples != d.num_samples) put("numSamples", std::to_string(s.num_samples));
    if (s.num_classes != d.num_classes) put("numClasses", std::to_string(s.num_classes));
    if (s.mc_dataset != d.mc_dataset) put("mcDataset", dataset_name(s.mc_dataset));
    if (s.inspect) put_bool("inspect", true);
    if (s.theme != d.theme) put("theme", theme_name(s.theme));

    // Hidden controls and features last, as the reference appends them.
    for (int i = 0; i < kNumControls; ++i)
        if (s.control_hidden[size_t(i)]) put(std::string(kControlNames[i]) + "_hide", "true");
    for (int i = 0; i < kNumFeatures; ++i)
        if (s.feature_hidden[size_t(i)]) put(std::string(feature_name(Feature(i))) + "_hide", "true");
    return out;
}

std::string make_seed_text(uint64_t entropy) {
    // Mix first so that consecutive clock values give unrelated seeds.
    Rng rng(entropy);
    char buf[16];
    std::snprintf(buf, sizeof buf, "0.%05u", unsigned(rng.below(100000)));
    return buf;
}

// ---- Derived settings -------------------------------------------------------------------------

DatasetKind active_dataset(const State& s) {
    switch (s.problem) {
        case Problem::kClassification: return s.dataset;
        case Problem::kRegression: return s.reg_dataset;
        case Problem::kMulticlass: return s.mc_dataset;
    }
    return s.dataset;
}

DataSpec data_spec(const State& s) {
    DataSpec spec;
    spec.kind = active_dataset(s);
    spec.num_samples = s.num_samples;
    spec.noise = s.noise / 100.0;
    spec.num_classes = s.num_classes;
    return spec;
}

std::vector<Feature> active_features(const State& s) {
    std::vector<Feature> out;
    for (Feature f : kAllFeatures)
        if (s.feature(f)) out.push_back(f);
    return out;
}

Loss effective_loss(const State& s) {
    if (s.problem == Problem::kRegression) return Loss::HalfSquared;
    if (s.loss) return *s.loss;
    return s.problem == Problem::kMulticlass ? Loss::SoftmaxCrossEntropy : Loss::HalfSquared;
}

int output_units(const State& s) {
    switch (s.problem) {
        case Problem::kClassification:
            return effective_loss(s) == Loss::SoftmaxCrossEntropy ? 2 : 1;
        case Problem::kRegression: return 1;
        case Problem::kMulticlass: return std::clamp(s.num_classes, kMinClasses, kMaxClasses);
    }
    return 1;
}

Activation effective_output_activation(const State& s) {
    switch (effective_loss(s)) {
        case Loss::BinaryCrossEntropy: return Activation::Sigmoid;
        case Loss::SoftmaxCrossEntropy: return Activation::Linear;
        case Loss::HalfSquared: break;
    }
    if (s.output_activation) return *s.output_activation;
    return s.problem == Problem::kRegression ? Activation::Linear : Activation::Tanh;
}

Activation hidden_activation(const State& s, int layer) {
    return layer >= 0 && size_t(layer) < s.activations.size() ? s.activations[size_t(layer)]
                                                                : s.activation;
}

Init effective_init(const State& s) { return s.init_zero ? Init::Zeros : s.initializer; }

NetworkSpec network_spec(const State& s, int inputs) {
    NetworkSpec spec;
    spec.inputs = inputs;
    spec.loss = effective_loss(s);
    for (size_t l = 0; l < s.network_shape.size(); ++l)
        spec.layers.push_back({s.network_shape[l], hidden_activation(s, int(l)), true});
    spec.layers.push_back({output_units(s), effective_output_activation(s), true});
    // float(β) as the layers use it; the state's double is what the URL says.
    for (LayerSpec& l : spec.layers)
        if (l.activation == Activation::Softplus) l.beta = float(s.softplus_beta);
    return spec;
}

HyperParams hyper_params(const State& s) {
    HyperParams h;
    h.learning_rate = float(s.learning_rate);
    h.momentum = float(s.momentum);
    h.nesterov = s.nesterov;
    h.regularization = s.regularization;
    h.regularization_rate = float(s.regularization_rate);
    h.rule = s.network_shape.empty() ? s.rule : Rule::Backprop;
    return h;
}

}  // namespace pg
