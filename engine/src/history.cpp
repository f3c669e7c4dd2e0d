// Training's history (pg/history.h): the snapshots and their thinning, and
// the Session's moves through them (view_epoch, back_to_present,
// continue_from_here; declared in pg/session.h).
#include "pg/history.h"

#include <algorithm>
#include <bit>

#include "pg/session.h"

namespace pg {

// ---- WeightHistory ------------------------------------------------------------------------------

bool WeightHistory::scheduled(int epoch) {
    if (epoch < kEveryEpochBelow) return epoch >= 0;
    // 2^octave ≤ epoch < 2^(octave+1); kPerOctave epochs in it, evenly.
    const int octave = std::bit_width(unsigned(epoch)) - 1;
    const int step = 1 << (octave - std::bit_width(unsigned(kPerOctave)) + 1);
    return epoch % step == 0;
}

void WeightHistory::add(int epoch, std::span<const float> params, std::span<const float> velocity) {
    if (!snapshots_.empty() && snapshots_.back().epoch >= epoch) truncate_after(epoch - 1);
    Snapshot s;
    if (!spare_.empty()) {  // the memory of one thinned out (same network: no allocation)
        s = std::move(spare_.back());
        spare_.pop_back();
    }
    s.epoch = epoch;
    s.params.assign(params.begin(), params.end());
    if (std::any_of(velocity.begin(), velocity.end(), [](float v) { return v != 0.0f; }))
        s.velocity.assign(velocity.begin(), velocity.end());
    else
        s.velocity.clear();
    bytes_ += s.bytes();
    snapshots_.push_back(std::move(s));
    thin();
}

void WeightHistory::truncate_after(int epoch) {
    while (!snapshots_.empty() && snapshots_.back().epoch > epoch) {
        bytes_ -= snapshots_.back().bytes();
        snapshots_.pop_back();
    }
}

void WeightHistory::drop_through(int epoch) {
    size_t n = 0;
    while (n < snapshots_.size() && snapshots_[n].epoch <= epoch) bytes_ -= snapshots_[n++].bytes();
    snapshots_.erase(snapshots_.begin(), snapshots_.begin() + long(n));
}

int WeightHistory::at_or_before(int epoch) const {
    const auto it = std::upper_bound(snapshots_.begin(), snapshots_.end(), epoch,
                                     [](int e, const Snapshot& s) { return e < s.epoch; });
    return int(it - snapshots_.begin()) - 1;
}

int WeightHistory::nearest(int epoch) const {
    const int i = at_or_before(epoch);
    if (i + 1 < int(snapshots_.size()) && (i < 0 || snapshots_[size_t(i) + 1].epoch - epoch < epoch - snapshots_[size_t(i)].epoch))
        return i + 1;
    return i;
}

void WeightHistory::set_budget(size_t bytes) {
    budget_ = bytes;
    thin();
}

// While over the budget or the count: drop the interior snapshot whose
// neighbours are closest on the log(epoch + 1) scale (the earlier one on a
// tie), so that what stays is spread evenly on that scale. The ratio
// (e₊ + 1)/(e₋ + 1) orders them as the log's difference does, without a log.
// O(n) per drop; a drop happens at most once per snapshot taken.
void WeightHistory::thin() {
    while (snapshots_.size() > 2 && (bytes_ > budget_ || snapshots_.size() > kMaxSnapshots)) {
        size_t best = 1;
        double best_gap = 1e300;
        for (size_t i = 1; i + 1 < snapshots_.size(); ++i) {
            const double gap = (double(snapshots_[i + 1].epoch) + 1.0) / (double(snapshots_[i - 1].epoch) + 1.0);
            if (gap < best_gap) {
                best_gap = gap;
                best = i;
            }
        }
        bytes_ -= snapshots_[best].bytes();
        if (spare_.size() < 2) spare_.push_back(std::move(snapshots_[best]));
        snapshots_.erase(snapshots_.begin() + long(best));
    }
}

// ---- Session: moving through the history ------------------------------------------------------

void Session::take_snapshot() {
    if (!WeightHistory::scheduled(epoch_)) return;
    weights_.add(epoch_, network_.params(), network_.velocity());
}

void Session::restart_weight_history() {
    present_.clear();
    viewed_ = -1;
    weights_.clear();
    if (network_.configured()) weights_.add(epoch_, network_.params(), network_.velocity());
}

bool Session::view_epoch(int epoch) {
    if (status_ == SessionStatus::kEmpty) return false;
    const int present = present_epoch();
    const int i = weights_.nearest(epoch);
    // The present itself (at or after its epoch, or nearest to its own snapshot).
    if (epoch >= present || (i >= 0 && weights_.snapshots()[size_t(i)].epoch >= present)) {
        back_to_present();
        return true;
    }
    if (i < 0) return false;
    const Snapshot& snap = weights_.snapshots()[size_t(i)];
    if (viewed_ < 0) {
        // The present, as a worker would hand it back: weights, momentum,
        // epoch, position, metrics, status and the gradient sums.
        present_ = save_progress(history_.size());
        present_epoch_ = epoch_;
    }
    viewed_ = snap.epoch;
    std::copy(snap.params.begin(), snap.params.end(), network_.params().begin());
    if (snap.velocity.empty()) network_.zero_velocity();
    else std::copy(snap.velocity.begin(), snap.velocity.end(), network_.velocity().begin());
    epoch_ = snap.epoch;
    epoch_position_ = 0;
    status_ = SessionStatus::kReady;
    status_message_.clear();
    divergence_epoch_ = divergence_layer_ = -1;
    grad_sum_.assign(grad_sum_.size(), 0.0);
    grad_batches_ = 0;
    // The metrics as measured then (the same evaluation of the same weights), else measured now.
    const auto h = std::find_if(history_.begin(), history_.end(), [&](const Metrics& m) { return m.epoch == epoch_; });
    if (h != history_.end()) metrics_ = *h;
    else evaluate_metrics();
    return true;
}

void Session::back_to_present() {
    if (viewed_ < 0) return;
    std::string error;
    viewed_ = -1;
    load_progress(present_, error);  // its own bytes, of this very run: cannot be refused
    present_.clear();
}

void Session::continue_from_here() {
    if (viewed_ < 0) return;
    const int epoch = viewed_;
    viewed_ = -1;
    present_.clear();
    weights_.truncate_after(epoch);
    // The metrics history up to this epoch; the gradient sizes beside it.
    const size_t layers = grad_sum_.size();
    size_t keep = 0;
    while (keep < history_.size() && history_[keep].epoch <= epoch) ++keep;
    history_.resize(keep);
    grad_history_.resize(keep * layers);
    // The stride's rule: every entry on it but possibly the last; the one for
    // this epoch is there unless the epoch is off the stride (then it is the tail).
    if (history_.empty() || history_.back().epoch != epoch) {
        record_history();
        // No batches were summed for it: the gradient sizes of the entry before.
        if (history_.size() >= 2)
            std::copy_n(grad_history_.end() - long(2 * layers), layers, grad_history_.end() - long(layers));
    }
}

}  // namespace pg
