// Locked keys on typed values (see pg/locks.h).
#include "pg/locks.h"

#include <algorithm>
#include <cctype>

namespace pg {
namespace {

// One lockable key: whether two states agree on it, and how to copy it.
// Written out per key (rather than by serialising and comparing text) so
// that a lock compares exactly the field the key sets: `activation` is not
// `activations`, and a dataset alias does not move another problem's set.
// Plain function pointers (a template per member, an index for the per-feature
// and per-control arrays): std::function here cost the page 30 KB of WebAssembly.
struct Field {
    std::string name;
    bool (*same)(const State&, const State&, size_t);
    void (*copy)(State&, const State&, size_t);
    size_t index = 0;  // into features, control_hidden or feature_hidden
};

template <auto M>
bool same_member(const State& a, const State& b, size_t) { return a.*M == b.*M; }
template <auto M>
void copy_member(State& to, const State& from, size_t) { to.*M = from.*M; }
template <auto M>
bool same_item(const State& a, const State& b, size_t i) { return (a.*M)[i] == (b.*M)[i]; }
template <auto M>
void copy_item(State& to, const State& from, size_t i) { (to.*M)[i] = (from.*M)[i]; }

template <auto M>
Field member(const char* name) { return {name, &same_member<M>, &copy_member<M>, 0}; }
template <auto M>
Field item(std::string name, size_t i) { return {std::move(name), &same_item<M>, &copy_item<M>, i}; }

const std::vector<Field>& fields() {
    static const std::vector<Field> table = [] {
        std::vector<Field> t;
        t.push_back(member<&State::activation>("activation"));
        t.push_back(member<&State::activations>("activations"));
        t.push_back(member<&State::output_activation>("outputActivation"));
        t.push_back(member<&State::loss>("loss"));
        t.push_back(member<&State::network_shape>("networkShape"));
        t.push_back(member<&State::initializer>("initializer"));
        t.push_back(member<&State::init_zero>("initZero"));
        t.push_back(member<&State::learning_rate>("learningRate"));
        t.push_back(member<&State::regularization>("regularization"));
        t.push_back(member<&State::regularization_rate>("regularizationRate"));
        t.push_back(member<&State::batch_size>("batchSize"));
        t.push_back(member<&State::momentum>("momentum"));
        t.push_back(member<&State::nesterov>("nesterov"));
        t.push_back(member<&State::rule>("rule"));
        t.push_back(member<&State::softplus_beta>("softplusBeta"));
        t.push_back(member<&State::problem>("problem"));
        t.push_back(member<&State::dataset>("dataset"));
        t.push_back(member<&State::reg_dataset>("regDataset"));
        t.push_back(member<&State::mc_dataset>("mcDataset"));
        t.push_back(member<&State::noise>("noise"));
        t.push_back(member<&State::perc_train_data>("percTrainData"));
        t.push_back(member<&State::num_samples>("numSamples"));
        t.push_back(member<&State::num_classes>("numClasses"));
        t.push_back(member<&State::seed>("seed"));
        t.push_back(member<&State::show_test_data>("showTestData"));
        t.push_back(member<&State::discretize>("discretize"));
        t.push_back(member<&State::hide_text>("hideText"));
        t.push_back(member<&State::collect_stats>("collectStats"));
        t.push_back(member<&State::inspect>("inspect"));
        t.push_back(member<&State::theme>("theme"));
        t.push_back(member<&State::tutorial>("tutorial"));
        for (Feature f : kAllFeatures) t.push_back(item<&State::features>(std::string(feature_name(f)), size_t(f)));
        for (int c = 0; c < kNumControls; ++c)
            t.push_back(item<&State::control_hidden>(std::string(control_name(Control(c))) + "_hide", size_t(c)));
        for (Feature f : kAllFeatures)
            t.push_back(item<&State::feature_hidden>(std::string(feature_name(f)) + "_hide", size_t(f)));
        return t;
    }();
    return table;
}

int field_index(std::string_view name) {
    const auto& t = fields();
    for (size_t i = 0; i < t.size(); ++i)
        if (t[i].name == name) return int(i);
    return -1;
}

bool is_hide_key(std::string_view name) {
    return name == "hideText" || (name.size() > 5 && name.substr(name.size() - 5) == "_hide");
}

bool is_dataset_key(std::string_view name) {
    return name == "dataset" || name == "regDataset" || name == "mcDataset";
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// A name quoted in a message: short, printable.
std::string quoted(std::string_view name) {
    std::string out;
    for (unsigned char c : name.substr(0, 40)) out.push_back(c < 0x20 || c == 0x7f ? '?' : char(c));
    if (name.size() > 40) out += "\u2026";
    return "'" + out + "'";
}

}  // namespace

std::vector<std::string> LockPolicy::add(std::string_view names, const State& current) {
    std::vector<std::string> errors;
    size_t start = 0;
    while (start <= names.size()) {
        size_t comma = names.find(',', start);
        if (comma == std::string_view::npos) comma = names.size();
        std::string_view name = names.substr(start, comma - start);
        start = comma + 1;
        while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
        while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
        if (name.empty()) continue;
        if (name == "hides") {
            if (!hides_) {
                hides_ = true;
                const State before = held_;
                held_.control_hidden = current.control_hidden;
                held_.feature_hidden = current.feature_hidden;
                held_.hide_text = current.hide_text;
                // A hide locked by name before keeps its earlier value.
                for (int k : keys_)
                    if (const Field& f = fields()[size_t(k)]; is_hide_key(f.name)) f.copy(held_, before, f.index);
                names_.insert(names_.begin(), "hides");
            }
            continue;
        }
        const int index = field_index(name);
        if (index < 0) {
            std::string message = "lock: " + quoted(name) + " is not a key that can be locked";
            for (const std::string& key : lockable_keys())
                if (lower(key) == lower(name)) {
                    message += " (did you mean '" + key + "'?)";
                    break;
                }
            errors.push_back(message);
            continue;
        }
        if (std::find(keys_.begin(), keys_.end(), index) != keys_.end() || (hides_ && is_hide_key(name))) continue;
        keys_.push_back(index);
        names_.push_back(std::string(name));
        const Field& f = fields()[size_t(index)];
        f.copy(held_, current, f.index);
        if (is_dataset_key(name)) {
            if (!points_) {
                points_ = true;
                const int problem = field_index("problem");
                if (std::find(keys_.begin(), keys_.end(), problem) == keys_.end()) {
                    keys_.push_back(problem);
                    const Field& p = fields()[size_t(problem)];
                    p.copy(held_, current, p.index);
                }
            }
        }
    }
    return errors;
}

bool LockPolicy::locks(std::string_view key) const {
    if (hides_ && is_hide_key(key)) return true;
    const int index = field_index(key);
    return index >= 0 && std::find(keys_.begin(), keys_.end(), index) != keys_.end();
}

std::vector<std::string> LockPolicy::names() const { return names_; }

State LockPolicy::hold(const State& wanted, std::vector<std::string>* refused) const {
    if (refused) *refused = violations(wanted);
    State out = wanted;
    if (hides_) {
        out.control_hidden = held_.control_hidden;
        out.feature_hidden = held_.feature_hidden;
        out.hide_text = held_.hide_text;
    }
    for (int k : keys_) {
        const Field& f = fields()[size_t(k)];
        f.copy(out, held_, f.index);
    }
    return out;
}

std::vector<std::string> LockPolicy::violations(const State& candidate) const {
    std::vector<std::string> keys;
    for (int k : keys_) {
        const Field& f = fields()[size_t(k)];
        if (!f.same(candidate, held_, f.index)) keys.push_back(f.name);
    }
    if (hides_) {
        for (const Field& f : fields())
            if (is_hide_key(f.name) && !f.same(candidate, held_, f.index) &&
                std::find(keys.begin(), keys.end(), f.name) == keys.end())
                keys.push_back(f.name);
    }
    return keys;
}

std::vector<std::string> lockable_keys() {
    std::vector<std::string> keys{"hides"};
    for (const Field& f : fields()) keys.push_back(f.name);
    return keys;
}

std::string join_names(std::span<const std::string> names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i) out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

}  // namespace pg
