// Locked keys on typed values (see pg/locks.h).
#include "pg/locks.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace pg {
namespace {

// One lockable key: whether two states agree on it, and how to copy it.
// Written out per key (rather than by serialising and comparing text) so
// that a lock compares exactly the field the key sets: `activation` is not
// `activations`, and a dataset alias does not move another problem's set.
struct Field {
    std::string name;
    std::function<bool(const State&, const State&)> same;
    std::function<void(State&, const State&)> copy;
};

template <class T>
Field member(std::string name, T State::*m) {
    return {std::move(name), [m](const State& a, const State& b) { return a.*m == b.*m; },
            [m](State& to, const State& from) { to.*m = from.*m; }};
}

const std::vector<Field>& fields() {
    static const std::vector<Field> table = [] {
        std::vector<Field> t;
        t.push_back(member("activation", &State::activation));
        t.push_back(member("activations", &State::activations));
        t.push_back(member("outputActivation", &State::output_activation));
        t.push_back(member("loss", &State::loss));
        t.push_back(member("networkShape", &State::network_shape));
        t.push_back(member("initializer", &State::initializer));
        t.push_back(member("initZero", &State::init_zero));
        t.push_back(member("learningRate", &State::learning_rate));
        t.push_back(member("regularization", &State::regularization));
        t.push_back(member("regularizationRate", &State::regularization_rate));
        t.push_back(member("batchSize", &State::batch_size));
        t.push_back(member("momentum", &State::momentum));
        t.push_back(member("nesterov", &State::nesterov));
        t.push_back(member("rule", &State::rule));
        t.push_back(member("problem", &State::problem));
        t.push_back(member("dataset", &State::dataset));
        t.push_back(member("regDataset", &State::reg_dataset));
        t.push_back(member("mcDataset", &State::mc_dataset));
        t.push_back(member("noise", &State::noise));
        t.push_back(member("percTrainData", &State::perc_train_data));
        t.push_back(member("numSamples", &State::num_samples));
        t.push_back(member("numClasses", &State::num_classes));
        t.push_back(member("seed", &State::seed));
        t.push_back(member("showTestData", &State::show_test_data));
        t.push_back(member("discretize", &State::discretize));
        t.push_back(member("hideText", &State::hide_text));
        t.push_back(member("collectStats", &State::collect_stats));
        t.push_back(member("inspect", &State::inspect));
        t.push_back(member("tutorial", &State::tutorial));
        for (Feature f : kAllFeatures) {
            const size_t i = size_t(f);
            t.push_back({std::string(feature_name(f)),
                         [i](const State& a, const State& b) { return a.features[i] == b.features[i]; },
                         [i](State& to, const State& from) { to.features[i] = from.features[i]; }});
        }
        for (int c = 0; c < kNumControls; ++c) {
            const size_t i = size_t(c);
            t.push_back({std::string(control_name(Control(c))) + "_hide",
                         [i](const State& a, const State& b) { return a.control_hidden[i] == b.control_hidden[i]; },
                         [i](State& to, const State& from) { to.control_hidden[i] = from.control_hidden[i]; }});
        }
        for (Feature f : kAllFeatures) {
            const size_t i = size_t(f);
            t.push_back({std::string(feature_name(f)) + "_hide",
                         [i](const State& a, const State& b) { return a.feature_hidden[i] == b.feature_hidden[i]; },
                         [i](State& to, const State& from) { to.feature_hidden[i] = from.feature_hidden[i]; }});
        }
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
                    if (is_hide_key(fields()[size_t(k)].name)) fields()[size_t(k)].copy(held_, before);
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
        fields()[size_t(index)].copy(held_, current);
        if (is_dataset_key(name)) {
            if (!points_) {
                points_ = true;
                const int problem = field_index("problem");
                if (std::find(keys_.begin(), keys_.end(), problem) == keys_.end()) {
                    keys_.push_back(problem);
                    fields()[size_t(problem)].copy(held_, current);
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
    for (int k : keys_) fields()[size_t(k)].copy(out, held_);
    return out;
}

std::vector<std::string> LockPolicy::violations(const State& candidate) const {
    std::vector<std::string> keys;
    for (int k : keys_) {
        const Field& f = fields()[size_t(k)];
        if (!f.same(candidate, held_)) keys.push_back(f.name);
    }
    if (hides_) {
        for (const Field& f : fields())
            if (is_hide_key(f.name) && !f.same(candidate, held_) &&
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
