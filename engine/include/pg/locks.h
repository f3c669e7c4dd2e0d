// pg/locks.h — keys a teacher's page locks, checked on typed values where
// every change to a run passes (pg::Session).
//
// Index
//   LockPolicy::add        lock keys by their URL names at the current values
//   LockPolicy::hold       a wanted State with every locked key put back
//   LockPolicy::violations the locked keys a candidate State would change
//   lockable_keys          every name add() takes
//
// A lock holds the value a key had when it was locked: locks only add up and
// are never re-snapshotted (locking `noise` later does not move the value a
// locked `learningRate` holds). What a lock covers:
//   a key        its value, whatever route tries to change it: a state string
//                (the URL, setState, the UI), a model file (networkShape,
//                activation, activations, outputActivation, loss and the input
//                features are what a model may change), a lesson, a CSV (which
//                sets the problem)
//   hides        every `<control>_hide` and `<feature>_hide` key and hideText
//   a dataset    (dataset, regDataset, mcDataset) also locks `problem` and the
//                points themselves: no CSV, no drawn or typed points, no
//                lesson's points replace them (the seed, noise and numSamples
//                are keys of their own: lock them too to pin the very points)
// Session (pg/session.h) applies the policy: apply_state() keeps locked keys
// at their values and names the refused ones; build() with a CSV,
// load_model(), clear_csv() and a lesson (pg/lab.h) refuse, with a message,
// any change to a locked key or to locked points, and change nothing.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pg/state.h"

namespace pg {

class LockPolicy {
public:
    // Locks the comma-separated key names (URL spelling, or "hides") at their
    // values in `current`. Keys already locked keep the value they were locked
    // at. Returns one message per name that is not a key (the others are
    // locked all the same), e.g. "lock: 'learningrate' is not a key (did you
    // mean 'learningRate'?)".
    std::vector<std::string> add(std::string_view names, const State& current);

    bool empty() const { return keys_.empty() && !hides_; }
    // True if the key (URL name) is locked, directly or through "hides" or a
    // locked dataset (problem).
    bool locks(std::string_view key) const;
    // True if a dataset key is locked: the points may not be replaced.
    bool locks_points() const { return points_; }
    // The names given to add(), in order ("hides" first when set).
    std::vector<std::string> names() const;

    // `wanted` with every locked key at its locked value; `refused` (if given)
    // gets the names of the locked keys whose value `wanted` would change.
    State hold(const State& wanted, std::vector<std::string>* refused = nullptr) const;
    // The locked keys whose value in `candidate` differs from the locked one.
    std::vector<std::string> violations(const State& candidate) const;

private:
    std::vector<std::string> names_;  // as given (canonical spelling), for names()
    std::vector<int> keys_;           // indices into the field table (locks.cpp)
    bool hides_ = false;
    bool points_ = false;
    State held_;                      // the locked values (other fields unused)
};

// Every key name LockPolicy::add takes, "hides" included.
std::vector<std::string> lockable_keys();

// "a, b and c" (for messages naming keys).
std::string join_names(std::span<const std::string> names);

}  // namespace pg
