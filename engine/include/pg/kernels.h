// pg/kernels.h — the small set of numeric kernels the network is built on.
//
// Implementations with identical signatures and semantics:
//   simd_kernels()       Highway, written once: AVX2/FMA, SSE4 or scalar chosen
//                        at run time natively; WASM SIMD128 under Emscripten.
//   exact_kernels()      the same Highway code at the target that computes what
//                        WASM SIMD128 computes, bit for bit: natively the SSE4
//                        target (4 lanes, no FMA), under Emscripten simd_kernels()
//                        itself. Backend::Exact in pg/network.h.
//   reference_kernels()  plain scalar loops (float), kept for tests and for
//                        the benchmark's comparison figures. pg/kernels_ref.h
//                        has the same loops as templates (float and double).
// Results agree to rounding (the SIMD set fuses multiply-adds and uses
// Highway's vectorised tanh/exp), not bit for bit.
//
// Layouts (all row-major, no padding):
//   "rows"  a batch in example-major form: (n, units), example b's row at b*units.
//   "cols"  neuron-major form for grids: neuron o's n values at o*stride.
//   W       (out, in): W[o][i] at o*in + i (the parameter layout, see network.h)
//   Wt      (in, out): W transposed, Wt[i][o] at i*out + o (forward "rows" uses it
//           so that one example's outputs are contiguous vector lanes)
// Every kernel accepts any size ≥ 0 (0 does nothing); pointers may be
// unaligned; outputs must not alias inputs unless stated.
#pragma once

#include <cstddef>

#include "pg/network.h"

namespace pg {

// The update step's settings for one block of parameters (see HyperParams).
struct UpdateSettings {
    float learning_rate = 0.0f;  // η
    float momentum = 0.0f;       // α
    bool nesterov = false;
    Regularization regularization = Regularization::None;  // None for biases
    float regularization_rate = 0.0f;                       // λ
};

// NarrowLayer and kNarrowWidth (the narrow kernels' view of a layer) are in
// pg/network.h, whose scratch space holds them.

struct Kernels {
    // Forward with the activation fused:
    //   z (n, out) = x (n, in) · Wt (in, out) + b (out),  a (n, out) = f(z)
    // b may be null (no bias); z may be null (then only a is stored).
    void (*dense_forward)(Activation act, int n, int in, int out, const float* x, const float* wt,
                          const float* b, float* z, float* a);

    // Error sent to the previous layer, its activation's derivative fused:
    //   dx (n, in) = (delta (n, out) · W (out, in)) ⊙ f'(z, a)
    // where z, a (n, in) are the previous layer's pre-activation and
    // activation and f its activation. With act = Linear, z and a may be null.
    void (*dense_backward_dx)(Activation act, int n, int in, int out, const float* delta, const float* w,
                              const float* z, const float* a, float* dx);

    // dw (out, in) = scale · deltaᵀ · x   i.e. dw[o][i] = scale · Σ_b delta[b][o] · x[b][i]
    // db (out)     = scale · Σ_b delta[b][o]          (db may be null)
    // Overwrites dw and db (scale = 1/n gives the batch average).
    void (*dense_backward_dw)(int n, int in, int out, const float* delta, const float* x, float scale,
                              float* dw, float* db);

    // a[k] = f(z[k]) for k < count. a may equal z (in place).
    void (*activation_forward)(Activation act, size_t count, const float* z, float* a);

    // delta[k] = grad[k] · f'(z[k]), using z and a = f(z) (whichever the
    // derivative needs). delta may equal grad.
    void (*activation_backward)(Activation act, size_t count, const float* z, const float* a,
                                const float* grad, float* delta);

    // The update of network.h section 4 on `count` parameters:
    // w (params), v (velocity) updated in place from g (gradients).
    // If w_old and v_old are not null, the values before the step are stored
    // there, so that a diverging step can be undone without a separate copy.
    // Returns true if every updated w is finite (a non-finite gradient or
    // step always makes its w non-finite: x + NaN, x + Inf, 0·Inf are not).
    bool (*sgd_update)(size_t count, float* w, float* v, const float* g, const UpdateSettings& s, float* w_old,
                       float* v_old);

    // Grid form ("cols") with the activation fused: for p < n and o < out
    //   y[o*y_stride + p] = f(b[o] + Σ_i W[o*in + i] · x[i*x_stride + p])   (b may be null)
    void (*dense_forward_cols)(Activation act, int n, int in, int out, const float* w, const float* b, const float* x,
                               size_t x_stride, float* y, size_t y_stride);

    // True if none of the count values is NaN or ±Inf.
    bool (*all_finite)(size_t count, const float* v);

    // dst (cols, rows) = src (rows, cols) transposed, e.g. Wt from W.
    void (*transpose)(int rows, int cols, const float* src, float* dst);

    // The whole forward pass of a narrow network (layers[0..count), each
    // in, out ≤ kNarrowWidth; layer l's input is x (n, layers[0].in) for l = 0,
    // else layers[l−1].a): z and a of every layer, as dense_forward would.
    // The backward pass: from layers[count−1].delta (set by the caller, the
    // loss's δ), dw and db of every layer (times scale) and delta of every
    // layer before the last, as dense_backward_dw / _dx would.
    // Rows are written whole vectors at a time, in order, so the z, a and
    // delta blocks each need kNarrowWidth − 1 writable floats after row n − 1
    // (the network's scratch has them); x, W, b, dw and db are accessed
    // exactly. Null where the target has vectors of fewer than 4 lanes, and
    // in the reference set: the caller then uses the per-layer kernels.
    void (*narrow_forward)(int count, const NarrowLayer* layers, int n, const float* x);
    void (*narrow_backward)(int count, const NarrowLayer* layers, int n, const float* x, float scale);
};

const Kernels& simd_kernels();
const Kernels& reference_kernels();
// The WebAssembly build's arithmetic natively. Only where
// exact_kernels_supported() (an x86-64 CPU with SSE4.1/4.2, or WebAssembly);
// elsewhere it returns simd_kernels(), which is not exact.
const Kernels& exact_kernels();
bool exact_kernels_supported();
const Kernels& kernels_for(Backend backend);

// Name of the instruction set the SIMD kernels run with ("AVX2", "SSE4",
// "WASM", "EMU128", "SCALAR" ...), for the benchmark's output.
const char* simd_target_name();

}  // namespace pg
