// pg/history.h — training's history: the weights as they were at earlier
// epochs, so that a student can go back to epoch 40 and see that network
// (the diagram, the heatmaps, the lab's numbers), and go on from there.
//
// Index
//   Snapshot             one epoch's weights and momentum
//   WeightHistory        the snapshots of a run: which epochs, thinning, budget
//   (pg/session.h)       Session takes them and moves through them:
//                        weight_history, view_epoch, back_to_present,
//                        continue_from_here
//
// Which epochs. A session takes a snapshot at the end of every epoch on the
// schedule (scheduled()): every epoch up to kEveryEpochBelow, then
// kPerOctave epochs per doubling (every 2nd epoch from 128 to 255, every 4th
// from 256 to 511, ...), so that a long run keeps as many snapshots per
// doubling of its epochs: log-spaced, as the loss chart's log scale reads
// them. Epoch 0 (the initial weights, after a build, reset or rebuild) is
// always taken.
//
// Memory. The snapshots stay within a budget (kDefaultBudget, 32 MB) and
// kMaxSnapshots. Over either, the snapshot whose neighbours are closest in
// log(epoch + 1) goes (never the first or the last): the thinned history stays
// log-spaced. A snapshot costs 8 bytes per parameter: the weights and the
// momentum buffer, which is not zero once trained whatever the momentum
// (v = α·v − η·g: continuing exactly needs it once α changes). The largest
// network (twelve layers of 256, 725,000 parameters: 5.8 MB a snapshot)
// keeps 5 snapshots in 32 MB (the first, the last and 3 log-spaced between);
// the default network (25 parameters) keeps kMaxSnapshots (1,024 of 200
// bytes). The history grows until it is full; from then on a snapshot
// taken reuses the memory of the one thinned out, so training allocates
// nothing per epoch again.
//
// Exactness. A snapshot is the network's own parameters and momentum at the
// end of that epoch, copied: the network of a fresh run stepped k epochs,
// to the bit (tests/unit/test_history.cpp). Training goes on from one
// exactly as it went on then (Session::continue_from_here).
//
// The engine draws nothing: the app's timeline (web/ui/timeline.cpp) reads
// the epochs and asks the session to show one.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace pg {

struct Snapshot {
    int epoch = 0;
    std::vector<float> params;    // Network::params() at the end of `epoch`
    std::vector<float> velocity;  // Network::velocity(), or empty when it was all zero
    size_t bytes() const { return (params.size() + velocity.size()) * sizeof(float); }
};

class WeightHistory {
public:
    static constexpr size_t kDefaultBudget = size_t(32) << 20;  // 32 MB
    static constexpr size_t kMaxSnapshots = 1024;
    static constexpr int kEveryEpochBelow = 128;
    static constexpr int kPerOctave = 64;

    // Whether a session takes a snapshot at the end of `epoch` (see above).
    static bool scheduled(int epoch);

    // Adds the weights of `epoch` (later than every snapshot kept; an earlier
    // or equal epoch first drops the snapshots from it on), then thins to the
    // budget. An all-zero velocity is not stored.
    void add(int epoch, std::span<const float> params, std::span<const float> velocity);
    void clear() { snapshots_.clear(); spare_.clear(); bytes_ = 0; }
    // Drops the snapshots after `epoch` (continuing from an earlier epoch).
    void truncate_after(int epoch);
    // Drops the snapshots up to and including `epoch` (a worker, once it has sent them).
    void drop_through(int epoch);

    // In epoch order.
    const std::vector<Snapshot>& snapshots() const { return snapshots_; }
    bool empty() const { return snapshots_.empty(); }
    // Index of the last snapshot at or before `epoch`, −1 if none.
    int at_or_before(int epoch) const;
    // Index of the snapshot nearest to `epoch` (−1 if none): the timeline's pick.
    int nearest(int epoch) const;
    size_t bytes() const { return bytes_; }

    // The memory budget in bytes (kDefaultBudget); thins at once if over.
    void set_budget(size_t bytes);
    size_t budget() const { return budget_; }

private:
    void thin();
    std::vector<Snapshot> snapshots_;
    std::vector<Snapshot> spare_;  // thinned out, their memory for the next add (at most 2)
    size_t bytes_ = 0;
    size_t budget_ = kDefaultBudget;
};

}  // namespace pg
