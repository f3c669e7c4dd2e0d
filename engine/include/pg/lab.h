// pg/lab.h — the backprop lab: every number of one training step for one
// example, a gradient check in double precision, and ready-made lessons.
//
// Index
//   1. trace_json         one example's numbers as JSON (`playground-cli inspect`,
//                         `playground.inspect()` print the same object)
//   2. gradient_check     analytic ∂E/∂w against central finite differences
//   3. Lessons            load_lesson: a lesson file (pg/lesson.h) into a run, under locks
//   4. reconcile_model    a model file beside a state string that names keys
//
// §1 and §2 read a Network (or a Session) and never change it; the numbers
// are the engine's own (Network::inspect), the ones training uses.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pg/lesson.h"
#include "pg/model_io.h"
#include "pg/network.h"
#include "pg/state.h"

namespace pg {

class Session;

// ============================================================================
// 1. One example's numbers as JSON
// ============================================================================
//
// The object (keys in this order; numbers as the shortest decimal that reads
// back to the same float; a non-finite number is null):
//   {"input": [..inputs..], "target": [..outputs..], "loss": E,
//    "output": [..outputs..],
//    "layers": [ {"units": out, "activation": "tanh",
//                 "z": [out], "a": [out], "delta": [out],
//                 "grad_weights": [[in] x out], "grad_bias": [out] | null,
//                 "step_weights": [[in] x out], "step_bias": [out] | null}, ... ]}
// `target` (outputs) is the target row the loss used (Session::target_row);
// `units` and `activation` are the layer's (the output's activation is
// "linear" under softmax_ce: its a are softmax(z) nevertheless). One line, no
// trailing newline.
std::string trace_json(const Network& net, const Trace& trace, std::span<const float> target);

// The same for the session's network at the point (x1, x2) with `label`
// (features and target computed by the session), with two keys in front:
//   {"inputs": ["x", "y"], "example": [x1, x2, label], "input": ..., ...}
// (`inputs` the feature names of `input`). What `playground-cli inspect`
// prints. "{}" for a session that is not built.
std::string inspect_json(const Session& session, double x1, double x2, double label);

// ============================================================================
// 2. Gradient check
// ============================================================================
//
// For every weight and bias p of the network, at one example (x, t):
//   analytic  the engine's float gradient ∂E/∂p (Network::inspect)
//   numeric   (E(p + h) − E(p − h)) / 2h, with E computed in double precision
//             from the definitions (not from the engine's kernels)
//   rel_error |analytic − numeric| / max(|analytic|, |numeric|, 1e-7)
// A parameter is `at_kink` when it moves the z of some ReLU, leaky ReLU, step or sign unit
// and that z reaches or crosses 0 between p − h and p + h (in particular when
// z is exactly 0 at p): E has no derivative there (the engine takes f′(0) = 0,
// the finite difference sees the mean of both sides), so such entries are
// reported but left out of max_rel_error. (A parameter that does not move
// the unit's z is not at a kink even if z = 0: its derivative exists.)
struct GradCheckEntry {
    int layer = 0, out = 0, in = 0;  // in = −1: the bias of (layer, out)
    double analytic = 0, numeric = 0, rel_error = 0;
    bool at_kink = false;
};
struct GradCheck {
    std::vector<GradCheckEntry> entries;  // every parameter, in the layout order of network.h §3
    double max_rel_error = 0;             // over the entries not at a kink
    int worst = -1;                       // index into entries of that maximum, −1 if none
    int kinks = 0;                        // entries at a kink
};

// h: the finite-difference step (in double). x (inputs), t (outputs).
GradCheck gradient_check(const Network& net, const float* x, const float* t, double h = 1e-5);
// The same with given analytic gradients (a params-sized buffer in the layout
// of network.h §3) in place of the engine's: tests feed a wrong one to see it flagged.
GradCheck gradient_check_against(const Network& net, const float* x, const float* t,
                                 std::span<const float> analytic, double h = 1e-5);

// The mean loss of n examples x (n, inputs), t (n, outputs) for the network's
// architecture and loss with parameters `params` (network.h §3 layout), in
// double precision, written from the definitions in network.h rather than
// from the engine's kernels (activations from pg/kernels_ref.h in double).
// The reference the gradient check differentiates.
double loss_double(const Network& net, std::span<const double> params, const double* x, const double* t,
                   int n);

// ============================================================================
// 3. Lessons
// ============================================================================
//
// A lesson (pg/lesson.h: the `playground-lesson/1` file, its goals, the
// built-in lessons of lessons/*.json) is what a teacher shares: a state
// string, a model file (pg/model_io.h's JSON: the network and its starting
// weights) and a CSV of points (x1,x2,label), each optional, with the task's
// text and goals. Every built-in lesson trains on 100 % of its points with
// batch size 1 and sets `inspect=true`; stepping through a lesson means
// Session::train_example on its CSV's points in file order (step i uses
// point i mod n), which is what `playground-cli lesson ID --steps N` prints.

// Builds `session` from a lesson (state, then CSV, then the model's weights,
// reconciled with reconcile_model), then locks the lesson's `lock` keys. On
// error returns false with a message and leaves the session as it was.
bool load_lesson(const Lesson& lesson, Session& session, std::string& error);

// The lesson's points in CSV order (parsed for the state's problem); empty
// if the CSV does not parse.
std::vector<Point> lesson_points(const Lesson& lesson);

// ============================================================================
// 4. A model file beside a state string
// ============================================================================
//
// A model file fixes the architecture (inputs, layers, activations) and may
// name the loss. When the state string names a key explicitly (parsed.keys)
// that the model also decides, the two must agree:
//   loss                  the model names none (loss_given = false): the
//                         state's loss is written into the model; the model
//                         names another one: error
//   networkShape, activation, activations, outputActivation, and the features
//   (x=true, sinX=false, ...): the model says otherwise: error
// Errors name the key: "loss: the state says softmax_ce but the model file
// says mse". Keys the state does not name are left to the model.
bool reconcile_model(Model& model, const StateParse& parsed, std::string& error);

}  // namespace pg
