// The general dense kernels of pg/kernels.h, any layer size.
//
// Vectorisation axis per kernel (the contiguous one, so no gathers):
//   dense_forward      lanes over output neurons of one example (Wt rows),
//                      activation applied before the store
//   dense_backward_dx  lanes over input neurons (W rows) — the same body,
//                      times the previous layer's f' before the store
//   dense_backward_dw  lanes over input neurons (x rows), outputs unrolled
//   dense_forward_cols lanes over points (grid), W entries broadcast, activation
//                      fused before the store
// Independent accumulators: an FMA has ~4 cycles latency and 2 issue ports,
// so up to 8 chains must be in flight to keep them busy; rows (examples) or
// point vectors are unrolled by 8, then 4, then 1.
// Tails: a 4-lane vector where the full width does not fit (AVX2 with a
// width-4 layer), then scalar code.
#include <algorithm>
#include <cstddef>

#include "kernels_simd.h"  // first: the targets, the same in every family file

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/kernels_simd_dense.cpp"  // see kernels_simd.h
#ifndef __EMSCRIPTEN__
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#endif
#include "kernels_simd-inl.h"  // hwy/highway.h and what the families share

HWY_BEFORE_NAMESPACE();
namespace pg::HWY_NAMESPACE {

// Dense forward, "rows", activation fused: for R examples and the lanes of
// outputs starting at o, acc = b + Σ_i x[r][i]·Wt[i][o..]; then a `Post`
// functor stores the result (z and f(z) for the forward pass, g·f'(z) for
// the backward dx pass). Post(d, acc, r, col, len) handles len ≤ lanes
// contiguous values at row r, column col.
// kIn > 0 fixes the inner dimension at compile time so that the loop over
// inputs is fully unrolled: for the playground's small layers the loop and
// address arithmetic otherwise cost as much as the multiply-adds.
template <int R, int kIn, class D, class Post>
HWY_INLINE void RowsTile(D d, int in_runtime, int out, const float* HWY_RESTRICT x, const float* HWY_RESTRICT wt,
                         const float* b, int r0, size_t o, const Post& post) {
    using V = hn::Vec<D>;
    const int in = kIn > 0 ? kIn : in_runtime;
    const V bias = b ? hn::LoadU(d, b + o) : hn::Zero(d);
    V acc[R];
    for (int k = 0; k < R; ++k) acc[k] = bias;
    const float* xr = x + size_t(r0) * size_t(in);
    const float* wo = wt + o;
    PG_UNROLL_8
    for (int i = 0; i < in; ++i) {
        const V w = hn::LoadU(d, wo + size_t(i) * size_t(out));
        for (int k = 0; k < R; ++k) acc[k] = hn::MulAdd(hn::Set(d, xr[size_t(k) * size_t(in) + size_t(i)]), w, acc[k]);
    }
    for (int k = 0; k < R; ++k) post(d, acc[k], size_t(r0 + k), o, hn::Lanes(d));
}

template <int kIn, class D, class Post>
HWY_INLINE size_t RowsColumnsIn(D d, int n, int in, int out, const float* x, const float* wt, const float* b,
                                size_t o, const Post& post) {
    const size_t N = hn::Lanes(d);
    for (; o + N <= size_t(out); o += N) {
        int r = 0;
        for (; r + 8 <= n; r += 8) RowsTile<8, kIn>(d, in, out, x, wt, b, r, o, post);
        if (r + 4 <= n) {
            RowsTile<4, kIn>(d, in, out, x, wt, b, r, o, post);
            r += 4;
        }
        if (r + 2 <= n) {
            RowsTile<2, kIn>(d, in, out, x, wt, b, r, o, post);
            r += 2;
        }
        if (r < n) RowsTile<1, kIn>(d, in, out, x, wt, b, r, o, post);
    }
    return o;
}

template <class D, class Post>
HWY_INLINE size_t RowsColumns(D d, int n, int in, int out, const float* x, const float* wt, const float* b,
                              size_t o, const Post& post) {
    switch (in) {
    case 1: return RowsColumnsIn<1>(d, n, in, out, x, wt, b, o, post);
    case 2: return RowsColumnsIn<2>(d, n, in, out, x, wt, b, o, post);
    case 4: return RowsColumnsIn<4>(d, n, in, out, x, wt, b, o, post);
    case 8: return RowsColumnsIn<8>(d, n, in, out, x, wt, b, o, post);
    default: return RowsColumnsIn<0>(d, n, in, out, x, wt, b, o, post);
    }
}

// y = x·Wt + b for all (n, out), handing every result to post exactly once.
template <class Post>
HWY_INLINE void RowsProduct(int n, int in, int out, const float* x, const float* wt, const float* b,
                            const Post& post) {
    const DF d;
    const size_t N = hn::Lanes(d);
    HWY_ALIGN float buf[kMaxLanes];
    if (out == 1 && size_t(in) >= N) {
        // A single output neuron (the usual output layer): Wt is one
        // contiguous row, so each example is a dot product along the inputs;
        // N examples' results are handed on together (rows are contiguous).
        const float bias = b ? b[0] : 0.0f;
        for (int r0 = 0; r0 < n; r0 += int(N)) {
            const size_t len = std::min(N, size_t(n - r0));
            for (size_t k = 0; k < len; ++k) {
                const float* xr = x + (size_t(r0) + k) * size_t(in);
                auto acc = hn::Mul(hn::LoadU(d, xr), hn::LoadU(d, wt));
                size_t i = N;
                for (; i + N <= size_t(in); i += N) acc = hn::MulAdd(hn::LoadU(d, xr + i), hn::LoadU(d, wt + i), acc);
                float sum = hn::GetLane(hn::SumOfLanes(d, acc));
                for (; i < size_t(in); ++i) sum += xr[i] * wt[i];
                buf[k] = bias + sum;
            }
            for (size_t k = len; k < N; ++k) buf[k] = 0.0f;
            post(d, hn::Load(d, buf), size_t(r0), 0, len);
        }
        return;
    }
    size_t o = RowsColumns(d, n, in, out, x, wt, b, 0, post);
    if (N > 4) o = RowsColumns(D4(), n, in, out, x, wt, b, o, post);
    if (o < size_t(out)) {  // scalar tail: the last out − o (< 4) columns
        const size_t len = size_t(out) - o;
        for (int r = 0; r < n; ++r) {
            const float* xr = x + size_t(r) * size_t(in);
            for (size_t j = 0; j < N; ++j) buf[j] = 0.0f;
            for (size_t j = 0; j < len; ++j) {
                float sum = 0.0f;
                for (int i = 0; i < in; ++i) sum += xr[i] * wt[size_t(i) * size_t(out) + o + j];
                buf[j] = (b ? b[o + j] : 0.0f) + sum;
            }
            post(d, hn::Load(d, buf), size_t(r), o, len);
        }
    }
}

// Forward post: z (may be null) and a = f(z), both (n, out).
template <Activation kAct>
struct StoreActivation {
    float* z;
    float* a;
    size_t stride;
    template <class D>
    HWY_INLINE void operator()(D d, hn::Vec<D> acc, size_t r, size_t col, size_t len) const {
        const size_t at = r * stride + col;
        if (z) StorePart(d, acc, z + at, len);
        StorePart(d, ActivationValue(d, kAct, acc), a + at, len);
    }
};

template <Activation kAct>
HWY_INLINE void DenseForwardAct(int n, int in, int out, const float* x, const float* wt, const float* b, float* z,
                                float* a) {
    RowsProduct(n, in, out, x, wt, b, StoreActivation<kAct>{z, a, size_t(out)});
}

void DenseForward(Activation act, int n, int in, int out, const float* x, const float* wt, const float* b,
                  float* z, float* a) {
    switch (act) {
#define PG_CASE(A) \
    case Activation::A: return DenseForwardAct<Activation::A>(n, in, out, x, wt, b, z, a);
        PG_CASE(Linear) PG_CASE(Sigmoid) PG_CASE(Tanh) PG_CASE(ReLU) PG_CASE(LeakyReLU) PG_CASE(Softplus)
#undef PG_CASE
    case Activation::GELU:
    case Activation::GELUTanh:
    case Activation::Step:
    case Activation::Sign:  // two passes (kernels_simd-inl.h)
        DenseForwardAct<Activation::Linear>(n, in, out, x, wt, b, z, a);
        return ActivationForward(act, size_t(n) * size_t(out), a, a);
    }
}

// Backward post: dx = g · f'(z_prev, a_prev), all (n, in).
template <Activation kAct>
struct StoreDelta {
    const float* z;
    const float* a;
    float* dx;
    size_t stride;
    template <class D>
    HWY_INLINE void operator()(D d, hn::Vec<D> g, size_t r, size_t col, size_t len) const {
        const size_t at = r * stride + col;
        if (kAct == Activation::Linear) return StorePart(d, g, dx + at, len);
        const auto zv = z ? LoadPart(d, z + at, len) : hn::Zero(d);
        const auto av = a ? LoadPart(d, a + at, len) : hn::Zero(d);
        StorePart(d, hn::Mul(g, ActivationDerivative(d, kAct, zv, av)), dx + at, len);
    }
};

// dx (n, in) = (delta (n, out) · W (out, in)) ⊙ f'(z, a): the forward body
// with the roles of in and out exchanged (W is "Wt" of that problem).
template <Activation kAct>
HWY_INLINE void DenseBackwardDxAct(int n, int in, int out, const float* delta, const float* w, const float* z,
                                   const float* a, float* dx) {
    RowsProduct(n, out, in, delta, w, nullptr, StoreDelta<kAct>{z, a, dx, size_t(in)});
}

void DenseBackwardDx(Activation act, int n, int in, int out, const float* delta, const float* w, const float* z,
                     const float* a, float* dx) {
    switch (act) {
#define PG_CASE(A) \
    case Activation::A: return DenseBackwardDxAct<Activation::A>(n, in, out, delta, w, z, a, dx);
        PG_CASE(Linear) PG_CASE(Sigmoid) PG_CASE(Tanh) PG_CASE(ReLU) PG_CASE(LeakyReLU) PG_CASE(Softplus)
#undef PG_CASE
    case Activation::GELU:
    case Activation::GELUTanh:
    case Activation::Step:
    case Activation::Sign:  // two passes (kernels_simd-inl.h)
        // z and a of the previous layer are needed here (the network always passes them).
        DenseBackwardDxAct<Activation::Linear>(n, in, out, delta, w, z, a, dx);
        return ActivationBackward(act, size_t(n) * size_t(in), z, a, dx, dx);
    }
}

// ---------------------------------------------------------------------------
// dw (out, in) = scale · deltaᵀ x; db = scale · column sums of delta.
template <int R, class D>
HWY_INLINE void WeightGradTile(D d, int n, int in, int out, const float* HWY_RESTRICT delta,
                               const float* HWY_RESTRICT x, float scale, float* HWY_RESTRICT dw, int o0,
                               size_t i) {
    using V = hn::Vec<D>;
    V acc[R];
    for (int k = 0; k < R; ++k) acc[k] = hn::Zero(d);
    for (int r = 0; r < n; ++r) {
        const V xv = hn::LoadU(d, x + size_t(r) * size_t(in) + i);
        const float* dr = delta + size_t(r) * size_t(out) + size_t(o0);
        for (int k = 0; k < R; ++k) acc[k] = hn::MulAdd(hn::Set(d, dr[k]), xv, acc[k]);
    }
    const V s = hn::Set(d, scale);
    for (int k = 0; k < R; ++k) hn::StoreU(hn::Mul(acc[k], s), d, dw + size_t(o0 + k) * size_t(in) + i);
}

template <class D>
HWY_INLINE size_t WeightGradColumns(D d, int n, int in, int out, const float* delta, const float* x, float scale,
                                    float* dw, size_t i) {
    const size_t N = hn::Lanes(d);
    for (; i + N <= size_t(in); i += N) {
        int o = 0;
        for (; o + 8 <= out; o += 8) WeightGradTile<8>(d, n, in, out, delta, x, scale, dw, o, i);
        for (; o + 4 <= out; o += 4) WeightGradTile<4>(d, n, in, out, delta, x, scale, dw, o, i);
        for (; o < out; ++o) WeightGradTile<1>(d, n, in, out, delta, x, scale, dw, o, i);
    }
    return i;
}

// Fewer inputs than lanes (a first layer fed by 2 features): lanes over
// output neurons instead, one accumulator per input, scattered into dw.
template <class D>
HWY_INLINE int WeightGradNarrow(D d, int n, int in, int out, const float* delta, const float* x, float scale,
                                float* dw) {
    using V = hn::Vec<D>;
    constexpr int kMaxIn = 8;
    const int N = int(hn::Lanes(d));
    int o = 0;
    for (; o + N <= out; o += N) {
        V acc[kMaxIn];
        for (int i = 0; i < in; ++i) acc[i] = hn::Zero(d);
        for (int r = 0; r < n; ++r) {
            const V dv = hn::LoadU(d, delta + size_t(r) * size_t(out) + size_t(o));
            const float* xr = x + size_t(r) * size_t(in);
            for (int i = 0; i < in; ++i) acc[i] = hn::MulAdd(hn::Set(d, xr[i]), dv, acc[i]);
        }
        HWY_ALIGN float buf[kMaxLanes];
        for (int i = 0; i < in; ++i) {
            hn::Store(hn::Mul(acc[i], hn::Set(d, scale)), d, buf);
            for (int j = 0; j < N; ++j) dw[size_t(o + j) * size_t(in) + size_t(i)] = buf[j];
        }
    }
    return o;
}

void DenseBackwardDw(int n, int in, int out, const float* delta, const float* x, float scale, float* dw,
                     float* db) {
    const DF d;
    int o_done = 0;  // output rows already complete
    if (in < int(hn::Lanes(d)) && in <= 8) o_done = WeightGradNarrow(d, n, in, out, delta, x, scale, dw);
    size_t i = o_done > 0 ? size_t(in) : WeightGradColumns(d, n, in, out, delta, x, scale, dw, 0);
    if (hn::Lanes(d) > 4) i = WeightGradColumns(D4(), n, in, out, delta, x, scale, dw, i);
    if (o_done > 0) i = 0;  // the narrow path left rows o_done.. for the scalar tail
    for (; i < size_t(in); ++i)  // scalar tail
        for (int o = o_done; o < out; ++o) {
            float s = 0.0f;
            for (int r = 0; r < n; ++r) s += delta[size_t(r) * out + o] * x[size_t(r) * in + i];
            dw[size_t(o) * in + i] = scale * s;
        }
    if (!db) return;
    const size_t N = hn::Lanes(d);
    size_t o = 0;
    for (; o + N <= size_t(out); o += N) {
        auto acc = hn::Zero(d);
        for (int r = 0; r < n; ++r) acc = hn::Add(acc, hn::LoadU(d, delta + size_t(r) * out + o));
        hn::StoreU(hn::Mul(acc, hn::Set(d, scale)), d, db + o);
    }
    for (; o < size_t(out); ++o) {
        float s = 0.0f;
        for (int r = 0; r < n; ++r) s += delta[size_t(r) * out + o];
        db[o] = scale * s;
    }
}

// ---------------------------------------------------------------------------
// Grid form: y[o][p] = f(b[o] + Σ_i W[o][i] x[i][p]), lanes over points p.
// A tile is O output neurons × R vectors of points: per input i, R loads of
// x feed O·R multiply-adds (O = 4, R = 2: 2 loads and 4 broadcasts for 8
// FMAs), so loads do not bound the loop. The activation is applied to the
// accumulators before the store (one pass over memory); kAct is fixed per call.
template <Activation kAct, int O, int R, class D>
HWY_INLINE void ColsTile(D d, int in, const float* HWY_RESTRICT w, const float* b, int o0,
                         const float* HWY_RESTRICT x, size_t x_stride, float* HWY_RESTRICT y, size_t y_stride,
                         size_t p) {
    using V = hn::Vec<D>;
    const size_t N = hn::Lanes(d);
    V acc[O][R];
    for (int k = 0; k < O; ++k) {
        const V bias = hn::Set(d, b ? b[o0 + k] : 0.0f);
        for (int j = 0; j < R; ++j) acc[k][j] = bias;
    }
    const float* w0 = w + size_t(o0) * size_t(in);
    for (int i = 0; i < in; ++i) {
        const float* xi = x + size_t(i) * x_stride + p;
        V xv[R];
        for (int j = 0; j < R; ++j) xv[j] = hn::LoadU(d, xi + size_t(j) * N);
        for (int k = 0; k < O; ++k) {
            const V wv = hn::Set(d, w0[size_t(k) * size_t(in) + size_t(i)]);
            for (int j = 0; j < R; ++j) acc[k][j] = hn::MulAdd(wv, xv[j], acc[k][j]);
        }
    }
    for (int k = 0; k < O; ++k)
        for (int j = 0; j < R; ++j)
            hn::StoreU(ActivationValue(d, kAct, acc[k][j]), d, y + size_t(o0 + k) * y_stride + p + size_t(j) * N);
}

template <Activation kAct, int O>
HWY_INLINE void ForwardColsBlock(int n, int in, const float* w, const float* b, int o0, const float* x,
                                 size_t x_stride, float* y, size_t y_stride) {
    const DF d;
    const size_t N = hn::Lanes(d);
    size_t p = 0;
    for (; p + 2 * N <= size_t(n); p += 2 * N) ColsTile<kAct, O, 2>(d, in, w, b, o0, x, x_stride, y, y_stride, p);
    for (; p + N <= size_t(n); p += N) ColsTile<kAct, O, 1>(d, in, w, b, o0, x, x_stride, y, y_stride, p);
    if (p < size_t(n)) {  // tail: scalar sums, then the same vector activation
        const size_t len = size_t(n) - p;
        for (int k = 0; k < O; ++k) {
            const float* w_row = w + size_t(o0 + k) * size_t(in);
            HWY_ALIGN float buf[kMaxLanes] = {};
            for (size_t j = 0; j < len; ++j) {
                float s = 0.0f;
                for (int i = 0; i < in; ++i) s += w_row[i] * x[size_t(i) * x_stride + p + j];
                buf[j] = (b ? b[o0 + k] : 0.0f) + s;
            }
            StorePart(d, ActivationValue(d, kAct, hn::Load(d, buf)), y + size_t(o0 + k) * y_stride + p, len);
        }
    }
}

template <Activation kAct>
HWY_INLINE void ForwardColsLoop(int n, int in, int out, const float* w, const float* b, const float* x,
                                size_t x_stride, float* y, size_t y_stride) {
    int o = 0;
    for (; o + 4 <= out; o += 4) ForwardColsBlock<kAct, 4>(n, in, w, b, o, x, x_stride, y, y_stride);
    for (; o < out; ++o) ForwardColsBlock<kAct, 1>(n, in, w, b, o, x, x_stride, y, y_stride);
}

void DenseForwardCols(Activation act, int n, int in, int out, const float* w, const float* b, const float* x,
                      size_t x_stride, float* y, size_t y_stride) {
    switch (act) {
#define PG_CASE(A) \
    case Activation::A: return ForwardColsLoop<Activation::A>(n, in, out, w, b, x, x_stride, y, y_stride);
        PG_CASE(Linear) PG_CASE(Sigmoid) PG_CASE(Tanh) PG_CASE(ReLU) PG_CASE(LeakyReLU) PG_CASE(Softplus)
#undef PG_CASE
    case Activation::GELU:
    case Activation::GELUTanh:
    case Activation::Step:
    case Activation::Sign:  // two passes (kernels_simd-inl.h)
        ForwardColsLoop<Activation::Linear>(n, in, out, w, b, x, x_stride, y, y_stride);
        for (int o = 0; o < out; ++o)
            ActivationForward(act, size_t(n), y + size_t(o) * y_stride, y + size_t(o) * y_stride);
        return;
    }
}

// This family's entries in the target's kernel set (kernels_simd.cpp).
void AddDenseKernels(Kernels& k) {
    k.dense_forward = &DenseForward;
    k.dense_backward_dx = &DenseBackwardDx;
    k.dense_backward_dw = &DenseBackwardDw;
    k.dense_forward_cols = &DenseForwardCols;
}

}  // namespace pg::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();
