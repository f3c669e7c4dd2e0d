// The run image and progress codec of pg/session.h: save_run / load_run (the
// whole run, for a copy elsewhere: the page's worker) and save_progress /
// load_progress (what the copy trained, handed back many times a second).
// Both share RunCodec, the part training changes; bytes.h is the wire format.
#include <algorithm>
#include <string>

#include "bytes.h"
#include "pg/session.h"

namespace pg {

namespace {
constexpr uint32_t kRunTag = 0x33525047;       // "GPR3": a run image, version 3 (softplus β per layer)
constexpr uint32_t kProgressTag = 0x32505047;  // "GPP2": progress, version 2
constexpr uint64_t kMaxItems = uint64_t(1) << 32;  // a sanity bound; the image's size bounds the rest

// Metrics field by field: the struct has padding, whose bytes are not values.
void put_metrics(bytes::Writer& w, const Metrics& m) {
    w.put(m.epoch);
    w.put(m.train_loss);
    w.put(m.test_loss);
    w.put(m.train_accuracy);
    w.put(m.test_accuracy);
}
bool get_metrics(bytes::Reader& r, Metrics& m) {
    return r.get(m.epoch) && r.get(m.train_loss) && r.get(m.test_loss) && r.get(m.train_accuracy) &&
           r.get(m.test_accuracy);
}
void put_history(bytes::Writer& w, std::span<const Metrics> h) {
    w.put(uint64_t(h.size()));
    for (const Metrics& m : h) put_metrics(w, m);
}
bool get_history(bytes::Reader& r, std::vector<Metrics>& h) {
    uint64_t n = 0;
    if (!r.get(n) || n > uint64_t(Session::kMaxHistory) + 1) return false;
    h.resize(size_t(n));
    for (Metrics& m : h)
        if (!get_metrics(r, m)) return false;
    return true;
}
// bad("why") sets error to "<kind>: why" and returns false (a refused image
// changes nothing), for load_run and load_progress alike.
auto refuser(std::string& error, const char* kind) {
    return [&error, kind](const char* why) {
        error = std::string(kind) + ": " + why;
        return false;
    };
}
// True if the image opens with `tag` (its kind and version).
bool read_tag(bytes::Reader& r, uint32_t tag) {
    uint32_t got = 0;
    return r.get(got) && got == tag;
}
}  // namespace

// What training changes, the part a run image and progress share: read whole,
// checked against the session it is for, then applied (so a refused image
// changes nothing).
struct RunCodec {
    struct Training {
        std::vector<float> params, velocity;
        SessionStatus status{};
        std::string message;
        int divergence_epoch = -1, divergence_layer = -1;
        int epoch = 0, position = 0;
        Metrics metrics;
        int stride = 1;
        std::vector<double> grad_sum;
        int grad_batches = 0;
    };

    static void put(bytes::Writer& w, const Session& s) {
        w.put_span(s.network_.params());
        w.put_span(s.network_.velocity());
        w.put(s.status_);
        w.put_string(s.status_message_);
        w.put(s.divergence_epoch_);
        w.put(s.divergence_layer_);
        w.put(s.epoch_);
        w.put(s.epoch_position_);
        put_metrics(w, s.metrics_);
        w.put(s.history_stride_);
        w.put_vector(s.grad_sum_);
        w.put(s.grad_batches_);
    }
    static bool get(bytes::Reader& r, Training& t) {
        r.get_vector(t.params, kMaxItems);
        r.get_vector(t.velocity, kMaxItems);
        r.get(t.status);
        r.get_string(t.message, kMaxItems);
        r.get(t.divergence_epoch);
        r.get(t.divergence_layer);
        r.get(t.epoch);
        r.get(t.position);
        get_metrics(r, t.metrics);
        r.get(t.stride);
        r.get_vector(t.grad_sum, uint64_t(kMaxHiddenLayers) + 1);
        r.get(t.grad_batches);
        return r.ok();
    }
    // Fits session `s` (its network and training set are already the final ones).
    static bool fits(const Training& t, const Session& s) {
        const size_t count = s.network_.param_count();
        return t.params.size() == count && t.velocity.size() == count &&
               t.grad_sum.size() == size_t(s.network_.layer_count()) &&
               (t.status == SessionStatus::kReady || t.status == SessionStatus::kDiverged) && t.stride >= 1 &&
               t.epoch >= 0 && t.position >= 0 && t.position <= int(s.split_.train.size());
    }
    static void apply(Training&& t, Session& s) {
        std::copy(t.params.begin(), t.params.end(), s.network_.params().begin());
        std::copy(t.velocity.begin(), t.velocity.end(), s.network_.velocity().begin());
        s.status_ = t.status;
        s.status_message_ = std::move(t.message);
        s.divergence_epoch_ = t.divergence_epoch;
        s.divergence_layer_ = t.divergence_layer;
        s.epoch_ = t.epoch;
        s.epoch_position_ = t.position;
        s.metrics_ = t.metrics;
        s.history_stride_ = t.stride;
        s.grad_sum_ = std::move(t.grad_sum);
        s.grad_batches_ = t.grad_batches;
    }
};

std::string Session::save_run() const {
    bytes::Writer w;
    w.put(kRunTag);
    w.put_string(serialize_state(state_));
    w.put(using_csv_);
    w.put_vector(csv_.points);
    w.put(csv_.problem);
    w.put(csv_.num_classes);
    w.put(uint64_t(csv_.class_names.size()));
    for (const std::string& name : csv_.class_names) w.put_string(name);
    w.put_vector(split_.train);
    w.put_vector(split_.test);
    w.put(num_classes_);
    w.put(uint64_t(class_names_.size()));
    for (const std::string& name : class_names_) w.put_string(name);
    w.put_vector(features_);
    const NetworkSpec& spec = network_.spec();
    w.put(spec.inputs);
    w.put(spec.loss);
    w.put(uint64_t(spec.layers.size()));
    for (const LayerSpec& layer : spec.layers) {  // field by field: a bool is never copied raw
        w.put(layer.units);
        w.put(layer.activation);
        w.put(layer.has_bias);
        w.put(layer.beta);
    }
    w.put_vector(initial_params_);
    w.put(from_model_);
    RunCodec::put(w, *this);
    put_history(w, history_);
    w.put_vector(grad_history_);
    return w.take();
}

bool Session::load_run(std::string_view image, std::string& error) {
    bytes::Reader r(image);
    const auto bad = refuser(error, "run image");
    if (!read_tag(r, kRunTag)) return bad("not a run image of this version");
    Session next;
    std::string state_text;
    r.get_string(state_text, kMaxItems);
    const StateParse parse = parse_state(state_text);
    if (!r.ok() || serialize_state(parse.state) != state_text) return bad("the state does not read back");
    next.state_ = parse.state;
    r.get(next.using_csv_);
    r.get_vector(next.csv_.points, kMaxItems);
    r.get(next.csv_.problem);
    r.get(next.csv_.num_classes);
    auto names = [&](std::vector<std::string>& out) {
        uint64_t count = 0;
        if (!r.get(count) || count > 4096) return false;
        out.resize(size_t(count));
        for (std::string& name : out) r.get_string(name, kMaxItems);
        return r.ok();
    };
    if (!names(next.csv_.class_names)) return bad("class names");
    r.get_vector(next.split_.train, kMaxItems);
    r.get_vector(next.split_.test, kMaxItems);
    r.get(next.num_classes_);
    if (!names(next.class_names_)) return bad("class names");
    r.get_vector(next.features_, uint64_t(kNumFeatures));
    NetworkSpec spec;
    r.get(spec.inputs);
    r.get(spec.loss);
    uint64_t layer_count = 0;
    if (!r.get(layer_count) || layer_count > uint64_t(kMaxHiddenLayers) + 1) return bad("layers");
    spec.layers.resize(size_t(layer_count));
    for (LayerSpec& layer : spec.layers) {
        r.get(layer.units);
        r.get(layer.activation);
        r.get(layer.has_bias);
        r.get(layer.beta);
    }
    r.get_vector(next.initial_params_, kMaxItems);
    r.get(next.from_model_);
    RunCodec::Training training;
    RunCodec::get(r, training);
    if (!get_history(r, next.history_)) return bad("history");
    r.get_vector(next.grad_history_, kMaxItems);
    if (!r.ok() || !r.at_end()) return bad("short or too long");
    // The enums and counts must be ones this build writes.
    if (uint8_t(next.csv_.problem) > uint8_t(Problem::kMulticlass)) return bad("problem");
    if (uint8_t(spec.loss) > uint8_t(Loss::SoftmaxCrossEntropy)) return bad("loss");
    for (Feature f : next.features_)
        if (size_t(f) >= size_t(kNumFeatures)) return bad("features");
    if (next.features_.empty() || spec.inputs != int(next.features_.size())) return bad("features");
    if (!validate(spec).empty() || !next.network_.configure(spec, error)) return bad("network");
    if (next.initial_params_.size() != next.network_.param_count()) return bad("parameter count");
    if (!RunCodec::fits(training, next) ||
        next.grad_history_.size() != next.history_.size() * size_t(next.network_.layer_count()))
        return bad("training state");
    RunCodec::apply(std::move(training), next);
    next.network_.hyper() = hyper_params(next.state_);
    next.compute_rows();
    // The locks are the receiver's (a run image carries none): kept, and checked.
    return replace_with(std::move(next), error);
}

std::string Session::save_progress(size_t history_from, int snapshots_after) const {
    history_from = std::min(history_from, history_.size());
    const size_t layers = grad_sum_.size();
    bytes::Writer w;
    w.put(kProgressTag);
    RunCodec::put(w, *this);
    w.put(uint64_t(history_from));
    put_history(w, std::span<const Metrics>(history_).subspan(history_from));
    w.put_span(std::span<const float>(grad_history_).subspan(history_from * layers));
    const std::vector<Snapshot>& snaps = weights_.snapshots();
    const size_t first = size_t(weights_.at_or_before(snapshots_after) + 1);
    w.put(uint64_t(snaps.size() - first));
    for (size_t i = first; i < snaps.size(); ++i) {
        w.put(snaps[i].epoch);
        w.put_vector(snaps[i].params);
        w.put_vector(snaps[i].velocity);
    }
    return w.take();
}

bool Session::load_progress(std::string_view image, std::string& error) {
    bytes::Reader r(image);
    const auto bad = refuser(error, "progress");
    if (viewed_ >= 0) return bad("a past epoch is shown (continue from it, or go back to the present, first)");
    if (!read_tag(r, kProgressTag)) return bad("not progress of this version");
    RunCodec::Training training;
    uint64_t history_from = 0;
    std::vector<Metrics> tail;
    std::vector<float> grad_tail;
    RunCodec::get(r, training);
    r.get(history_from);
    if (!get_history(r, tail)) return bad("history");
    r.get_vector(grad_tail, kMaxItems);
    uint64_t snapshot_count = 0;
    if (!r.get(snapshot_count) || snapshot_count > WeightHistory::kMaxSnapshots * 64) return bad("snapshots");
    std::vector<Snapshot> snaps(static_cast<size_t>(snapshot_count));
    for (Snapshot& s : snaps) {
        r.get(s.epoch);
        r.get_vector(s.params, kMaxItems);
        r.get_vector(s.velocity, kMaxItems);
        if (r.ok() && (s.params.size() != network_.param_count() ||
                       (!s.velocity.empty() && s.velocity.size() != network_.param_count())))
            return bad("a snapshot of another network");
    }
    if (!r.ok() || !r.at_end()) return bad("short or too long");
    for (size_t i = 1; i < snaps.size(); ++i)
        if (snaps[i].epoch <= snaps[i - 1].epoch) return bad("snapshots out of order");
    if (training.params.size() != network_.param_count()) return bad("another network");
    const size_t layers = grad_sum_.size();
    if (!RunCodec::fits(training, *this) || grad_tail.size() != tail.size() * layers ||
        history_from > history_.size() || history_from + tail.size() > size_t(kMaxHistory) + 1)
        return bad("does not fit this run");
    RunCodec::apply(std::move(training), *this);
    history_.resize(size_t(history_from));
    history_.insert(history_.end(), tail.begin(), tail.end());
    grad_history_.resize(size_t(history_from) * layers);
    grad_history_.insert(grad_history_.end(), grad_tail.begin(), grad_tail.end());
    for (const Snapshot& s : snaps)
        if (weights_.empty() || s.epoch > weights_.snapshots().back().epoch) weights_.add(s.epoch, s.params, s.velocity);
    return true;
}

size_t Session::history_unchanged_before(size_t old_size, int old_stride) const {
    if (old_stride != history_stride_ || old_size == 0) return 0;
    return std::min(old_size, history_.size()) - 1;
}

}  // namespace pg
