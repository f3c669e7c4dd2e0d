// The SIMD kernel set of pg/kernels.h, written once with Highway.
//
// Natively this file is compiled once per target by foreach_target.h
// (AVX2/FMA, SSE4, scalar ...) and HWY_DYNAMIC_DISPATCH picks the best the
// CPU has at run time. Under Emscripten there is no libhwy: the single static
// target (HWY_WASM with -msimd128) is called through HWY_STATIC_DISPATCH.
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
#include <cmath>
#include <cstddef>
#include <cstring>

#include "pg/detmath.h"
#include "pg/kernels.h"

// The targets the brief asks for: AVX2/FMA, SSE4 and the scalar fallback
// (fewer targets also keep this file's compile time down).
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_AVX3 | HWY_AVX3_DL | HWY_SSSE3)
#endif
#undef HWY_TARGET_INCLUDE
// Path relative to engine/include (on the include path): foreach_target.h
// re-includes this file once per target.
#define HWY_TARGET_INCLUDE "../src/kernels_simd.cpp"
#ifndef __EMSCRIPTEN__
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#endif
#include <hwy/highway.h>
#include <hwy/contrib/math/math-inl.h>

HWY_BEFORE_NAMESPACE();
namespace pg {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if defined(__clang__)
#define PG_UNROLL_8 _Pragma("clang loop unroll_count(8)")
#elif defined(__GNUC__)
#define PG_UNROLL_8 _Pragma("GCC unroll 8")
#else
#define PG_UNROLL_8
#endif

using DF = hn::ScalableTag<float>;
using D4 = hn::CappedTag<float, 4>;
// ≥ float lanes of this target: the size of the tail buffers below, which are
// zeroed on every tail (64 for every target cost a 256-byte memset each time).
constexpr size_t kMaxLanes = HWY_MAX_BYTES / sizeof(float) > 4 ? HWY_MAX_BYTES / sizeof(float) : 4;

// ---------------------------------------------------------------------------
// Activations. `Apply` runs a vector body over count elements; the tail goes
// through a zero-padded buffer so that every element sees the same code.
// The bodies are lambdas; clang for WebAssembly left them as calls (one per
// vector, captures through memory: the update step took 20 % of a training
// step there), so they are forced inline.
#define PG_ALWAYS_INLINE __attribute__((always_inline))
template <class D, class Body>
HWY_INLINE void ForEachVector(D d, size_t count, const Body& body) {
    const size_t N = hn::Lanes(d);
    size_t k = 0;
    for (; k + N <= count; k += N) body(k, N);
    if (k < count) body(k, count - k);
}

// count ≤ kMax (< 16) floats: 4-lane vectors, then a pair and a single value.
// GCC and clang turn a plain copy loop into a call to memcpy, which for a few
// floats costs several times the copy (under WebAssembly most of all). kMax
// lets the compiler see every access in bounds.
template <size_t kMax>
HWY_INLINE void CopySmall(const float* HWY_RESTRICT src, size_t count, float* HWY_RESTRICT dst) {
    static_assert(kMax < 16, "for the tails of vectors of up to 16 lanes");
    count = count < kMax ? count : kMax;
    size_t k = 0;
#if HWY_TARGET != HWY_SCALAR
    const hn::CappedTag<float, 4> d4;
    [[maybe_unused]] auto four = [&]() PG_ALWAYS_INLINE {
        if (count - k >= 4) {
            hn::StoreU(hn::LoadU(d4, src + k), d4, dst + k);
            k += 4;
        }
    };
    if constexpr (kMax >= 4) four();
    if constexpr (kMax >= 8) four();
    if constexpr (kMax >= 12) four();
#endif
    if (count - k >= 2) {
        dst[k] = src[k];
        dst[k + 1] = src[k + 1];
        k += 2;
    }
    if (count - k >= 1) dst[k] = src[k];
}

template <class D>
HWY_INLINE hn::Vec<D> LoadPart(D d, const float* p, size_t len) {
    // One lane (the scalar target) never has a tail; saying so at compile time
    // also keeps GCC from warning about the tail code there.
    if (hn::MaxLanes(d) == 1 || len == hn::Lanes(d)) return hn::LoadU(d, p);
    HWY_ALIGN float buf[kMaxLanes] = {};
    CopySmall<hn::MaxLanes(D()) - 1>(p, len, buf);
    return hn::Load(d, buf);
}

template <class D>
HWY_INLINE void StorePart(D d, hn::Vec<D> v, float* p, size_t len) {
    if (hn::MaxLanes(d) == 1 || len == hn::Lanes(d)) return hn::StoreU(v, d, p);
    HWY_ALIGN float buf[kMaxLanes];
    hn::Store(v, d, buf);
    CopySmall<hn::MaxLanes(D()) - 1>(buf, len, p);
}

// tanh as a rational minimax approximation (odd degree-13 numerator over
// even degree-6 denominator, the coefficients Eigen uses): max error 4e-7
// against tanh in double, a few float ulps. The input is clamped at ±9,
// where the fraction is exactly ±1 (with or without fused multiply-adds), so
// saturation is exact and 1 − tanh² is 0 there.
// Why not Highway's contrib Tanh: measured on this project's machine (AVX2)
// it costs ~1 ns per value (Expm1, a division and three selects), i.e.
// 0.5 ms for the 100 × 100 grid of a 2-8×6-1 network, more than the whole
// 0.3 ms budget. This is a clamp, 10 multiply-adds and a division.
// Min/Max take the constant first so a NaN input stays NaN (x86 min/max
// return the second operand when one is NaN).
template <class D, class V>
HWY_INLINE V FastTanh(D d, V x) {
    const V c = hn::Set(d, 9.0f);
    const V xc = hn::Max(hn::Neg(c), hn::Min(c, x));
    const V x2 = hn::Mul(xc, xc);
    V p = hn::Set(d, -2.76076847742355e-16f);
    p = hn::MulAdd(p, x2, hn::Set(d, 2.00018790482477e-13f));
    p = hn::MulAdd(p, x2, hn::Set(d, -8.60467152213735e-11f));
    p = hn::MulAdd(p, x2, hn::Set(d, 5.12229709037114e-08f));
    p = hn::MulAdd(p, x2, hn::Set(d, 1.48572235717979e-05f));
    p = hn::MulAdd(p, x2, hn::Set(d, 6.37261928875436e-04f));
    p = hn::MulAdd(p, x2, hn::Set(d, 4.89352455891786e-03f));
    p = hn::Mul(p, xc);
    V q = hn::Set(d, 1.19825839466702e-06f);
    q = hn::MulAdd(q, x2, hn::Set(d, 1.18534705686654e-04f));
    q = hn::MulAdd(q, x2, hn::Set(d, 2.26843463243900e-03f));
    q = hn::MulAdd(q, x2, hn::Set(d, 4.89352518554385e-03f));
    const V one = hn::Set(d, 1.0f);
    const V r = hn::Max(hn::Neg(one), hn::Min(one, hn::Div(p, q)));  // a few values near ±8.5 round past ±1
#if HWY_TARGET == HWY_SCALAR
    // Highway's scalar Min/Max return the other operand for a NaN (x86's and
    // WASM's return it): keep a NaN input visible there too (divergence).
    return hn::IfThenElse(hn::IsNaN(x), x, r);
#else
    return r;
#endif
}

// σ(z) = ½ + ½ tanh(z/2): no overflow anywhere, same cost as tanh.
template <class D, class V>
HWY_INLINE V Sigmoid(D d, V z) {
    const V half = hn::Set(d, 0.5f);
    return hn::MulAdd(half, FastTanh(d, hn::Mul(half, z)), half);
}

constexpr float kGeluC = 0.7978845608028654f;  // √(2/π)
constexpr float kGeluA = 0.044715f;

// TwoPass: gelu (its lanes call det_gelu one by one, so fusing gains
// nothing), gelu_tanh, step and sign (lecture activations, rarely trained
// with) are not instantiated in every fused kernel (each fused instantiation
// costs page weight): the kernels run the Linear instantiation, then
// ActivationForward / ActivationBackward over the block. Same bits as fused:
// the fused kernels apply f (or multiply by f') to the same float sums.

// f applied lane by lane: GELU's erf goes through pg/detmath.h's det_gelu, so
// every target (and the scalar reference) returns the same bits.
template <class D, class V>
HWY_INLINE V PerLane(D d, V z, float (*f)(float)) {
    HWY_ALIGN float buf[kMaxLanes];
    hn::Store(z, d, buf);
    for (size_t k = 0; k < hn::Lanes(d); ++k) buf[k] = f(buf[k]);
    return hn::Load(d, buf);
}

template <class D, class V>
HWY_INLINE V ActivationValue(D d, Activation act, V z) {
    switch (act) {
    case Activation::Linear: return z;
    case Activation::Sigmoid: return Sigmoid(d, z);
    case Activation::Tanh: return FastTanh(d, z);
    case Activation::ReLU: return hn::IfThenElseZero(hn::Gt(z, hn::Zero(d)), z);
    case Activation::LeakyReLU:
        return hn::IfThenElse(hn::Gt(z, hn::Zero(d)), z, hn::Mul(z, hn::Set(d, kLeakyReluSlope)));
    case Activation::GELU: return PerLane(d, z, det_gelu);
    case Activation::Step: return hn::IfThenElseZero(hn::Ge(z, hn::Zero(d)), hn::Set(d, 1.0f));
    case Activation::Sign: return hn::IfThenElse(hn::Ge(z, hn::Zero(d)), hn::Set(d, 1.0f), hn::Set(d, -1.0f));
    case Activation::GELUTanh: {
        const V z3 = hn::Mul(hn::Mul(z, z), z);
        const V u = hn::Mul(hn::Set(d, kGeluC), hn::MulAdd(hn::Set(d, kGeluA), z3, z));
        return hn::Mul(hn::Mul(hn::Set(d, 0.5f), z), hn::Add(hn::Set(d, 1.0f), FastTanh(d, u)));
    }
    case Activation::Softplus:
        return hn::Add(hn::Max(z, hn::Zero(d)), hn::Log1p(d, hn::Exp(d, hn::Neg(hn::Abs(z)))));
    }
    return z;
}

template <class D, class V>
HWY_INLINE V ActivationDerivative(D d, Activation act, V z, V a) {
    const V one = hn::Set(d, 1.0f);
    switch (act) {
    case Activation::Linear: return one;
    case Activation::Sigmoid: return hn::Mul(a, hn::Sub(one, a));
    case Activation::Tanh: return hn::NegMulAdd(a, a, one);
    case Activation::ReLU: return hn::IfThenElseZero(hn::Gt(z, hn::Zero(d)), one);
    case Activation::LeakyReLU: return hn::IfThenElse(hn::Gt(z, hn::Zero(d)), one, hn::Set(d, kLeakyReluSlope));
    case Activation::GELU: return PerLane(d, z, det_gelu_derivative);
    case Activation::Step:
    case Activation::Sign: return hn::Zero(d);
    case Activation::GELUTanh: {
        const V z2 = hn::Mul(z, z);
        const V u = hn::Mul(hn::Set(d, kGeluC), hn::Mul(z, hn::MulAdd(hn::Set(d, kGeluA), z2, one)));
        const V th = FastTanh(d, u);
        const V half = hn::Set(d, 0.5f);
        const V du = hn::Mul(hn::Set(d, kGeluC), hn::MulAdd(hn::Set(d, 3.0f * kGeluA), z2, one));
        // ½(1 + th) + ½ z (1 − th²) du
        return hn::MulAdd(hn::Mul(hn::Mul(half, z), hn::NegMulAdd(th, th, one)), du, hn::Mul(half, hn::Add(one, th)));
    }
    case Activation::Softplus: return Sigmoid(d, z);
    }
    return one;
}

// The switch is resolved once per call: each case instantiates its own loop.
template <Activation kAct>
HWY_INLINE void ActivationForwardLoop(size_t count, const float* z, float* a) {
    const DF d;
    ForEachVector(d, count, [&](size_t k, size_t len) PG_ALWAYS_INLINE {
        StorePart(d, ActivationValue(d, kAct, LoadPart(d, z + k, len)), a + k, len);
    });
}

template <Activation kAct>
HWY_INLINE void ActivationBackwardLoop(size_t count, const float* z, const float* a, const float* grad,
                                       float* delta) {
    const DF d;
    ForEachVector(d, count, [&](size_t k, size_t len) PG_ALWAYS_INLINE {
        const auto f1 = ActivationDerivative(d, kAct, LoadPart(d, z + k, len), LoadPart(d, a + k, len));
        StorePart(d, hn::Mul(LoadPart(d, grad + k, len), f1), delta + k, len);
    });
}

void ActivationForward(Activation act, size_t count, const float* z, float* a) {
    switch (act) {
    case Activation::Linear:
        if (a != z) std::memmove(a, z, count * sizeof(float));
        return;
    case Activation::Sigmoid: return ActivationForwardLoop<Activation::Sigmoid>(count, z, a);
    case Activation::Tanh: return ActivationForwardLoop<Activation::Tanh>(count, z, a);
    case Activation::ReLU: return ActivationForwardLoop<Activation::ReLU>(count, z, a);
    case Activation::LeakyReLU: return ActivationForwardLoop<Activation::LeakyReLU>(count, z, a);
    case Activation::GELU: return ActivationForwardLoop<Activation::GELU>(count, z, a);
    case Activation::Softplus: return ActivationForwardLoop<Activation::Softplus>(count, z, a);
    case Activation::GELUTanh: return ActivationForwardLoop<Activation::GELUTanh>(count, z, a);
    case Activation::Step: return ActivationForwardLoop<Activation::Step>(count, z, a);
    case Activation::Sign: return ActivationForwardLoop<Activation::Sign>(count, z, a);
    }
}

void ActivationBackward(Activation act, size_t count, const float* z, const float* a, const float* grad,
                        float* delta) {
    switch (act) {
    case Activation::Linear:
        if (delta != grad) std::memmove(delta, grad, count * sizeof(float));
        return;
    case Activation::Sigmoid: return ActivationBackwardLoop<Activation::Sigmoid>(count, z, a, grad, delta);
    case Activation::Tanh: return ActivationBackwardLoop<Activation::Tanh>(count, z, a, grad, delta);
    case Activation::ReLU: return ActivationBackwardLoop<Activation::ReLU>(count, z, a, grad, delta);
    case Activation::LeakyReLU: return ActivationBackwardLoop<Activation::LeakyReLU>(count, z, a, grad, delta);
    case Activation::GELU: return ActivationBackwardLoop<Activation::GELU>(count, z, a, grad, delta);
    case Activation::Softplus: return ActivationBackwardLoop<Activation::Softplus>(count, z, a, grad, delta);
    case Activation::GELUTanh: return ActivationBackwardLoop<Activation::GELUTanh>(count, z, a, grad, delta);
    case Activation::Step: return ActivationBackwardLoop<Activation::Step>(count, z, a, grad, delta);
    case Activation::Sign: return ActivationBackwardLoop<Activation::Sign>(count, z, a, grad, delta);
    }
}

// ---------------------------------------------------------------------------
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
    case Activation::Sign:  // two passes (see TwoPass)
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
    case Activation::Sign:  // two passes; z and a are needed here (the network always has them)
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
// The update step. Written without fused multiply-adds, in the reference's
// order of operations, so that it is bit-identical to ref::sgd_update.
// The finiteness check rides along (w·0 is 0 for finite w, NaN otherwise),
// and so does the copy of the old values when the caller wants one.
template <bool kNesterov, Regularization kReg, bool kKeepOld>
HWY_INLINE bool UpdateLoop(size_t count, float* w, float* v, const float* g, const UpdateSettings& s,
                           float* w_old, float* v_old) {
    const DF d;
    using V = hn::Vec<DF>;
    const V lr = hn::Set(d, s.learning_rate), alpha = hn::Set(d, s.momentum);
    const V decay = hn::Set(d, s.learning_rate * s.regularization_rate);
    const V zero = hn::Zero(d), one = hn::Set(d, 1.0f);
    V nan_seen = zero;
    ForEachVector(d, count, [&](size_t k, size_t len) PG_ALWAYS_INLINE {
        const V w0 = LoadPart(d, w + k, len), v0 = LoadPart(d, v + k, len), g0 = LoadPart(d, g + k, len);
        if (kKeepOld) {
            StorePart(d, w0, w_old + k, len);
            StorePart(d, v0, v_old + k, len);
        }
        V v1, step;
        if (kNesterov) {
            v1 = hn::Sub(hn::Mul(alpha, v0), hn::Mul(lr, g0));
            step = hn::Sub(hn::Mul(alpha, v1), hn::Mul(lr, g0));
        } else {
            step = hn::Sub(hn::Mul(alpha, v0), hn::Mul(lr, g0));
            v1 = step;
        }
        const V w1 = hn::Add(w0, step);
        V w2 = w1;
        if (kReg == Regularization::L2) {
            w2 = hn::Sub(w1, hn::Mul(decay, w0));
        } else if (kReg == Regularization::L1) {
            const V sign = hn::IfThenElse(hn::Gt(w0, zero), one, hn::IfThenElseZero(hn::Lt(w0, zero), hn::Neg(one)));
            w2 = hn::Sub(w1, hn::Mul(decay, sign));
            const auto crossed = hn::Or(hn::And(hn::Gt(w1, zero), hn::Lt(w2, zero)),
                                        hn::And(hn::Lt(w1, zero), hn::Gt(w2, zero)));
            w2 = hn::IfThenZeroElse(crossed, w2);
        }
        StorePart(d, w2, w + k, len);
        StorePart(d, v1, v + k, len);
        nan_seen = hn::Add(nan_seen, hn::Mul(w2, zero));  // padding lanes are 0
    });
    return hn::AllFalse(d, hn::IsNaN(nan_seen));  // (x86 Ne is ordered: false for NaN)
}

template <bool kNesterov, bool kKeepOld>
HWY_INLINE bool UpdateReg(size_t count, float* w, float* v, const float* g, const UpdateSettings& s, float* w_old,
                          float* v_old) {
    switch (s.regularization) {
    case Regularization::None:
        return UpdateLoop<kNesterov, Regularization::None, kKeepOld>(count, w, v, g, s, w_old, v_old);
    case Regularization::L1:
        return UpdateLoop<kNesterov, Regularization::L1, kKeepOld>(count, w, v, g, s, w_old, v_old);
    case Regularization::L2:
        return UpdateLoop<kNesterov, Regularization::L2, kKeepOld>(count, w, v, g, s, w_old, v_old);
    }
    return true;
}

bool SgdUpdate(size_t count, float* w, float* v, const float* g, const UpdateSettings& s, float* w_old,
               float* v_old) {
    const bool keep = w_old && v_old;
    if (s.nesterov) return keep ? UpdateReg<true, true>(count, w, v, g, s, w_old, v_old)
                                : UpdateReg<true, false>(count, w, v, g, s, w_old, v_old);
    return keep ? UpdateReg<false, true>(count, w, v, g, s, w_old, v_old)
                : UpdateReg<false, false>(count, w, v, g, s, w_old, v_old);
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
    case Activation::Sign:  // two passes
        ForwardColsLoop<Activation::Linear>(n, in, out, w, b, x, x_stride, y, y_stride);
        for (int o = 0; o < out; ++o) ActivationForward(act, size_t(n), y + size_t(o) * y_stride, y + size_t(o) * y_stride);
        return;
    }
}

// ---------------------------------------------------------------------------
// dst (cols, rows) = src (rows, cols)ᵀ, in 4 × 4 blocks of 128-bit vectors
// (two interleaves and two half-concatenations per pair of rows: ~1
// instruction per element instead of ~4 for the scalar loop), scalar edges.
#if HWY_TARGET == HWY_AVX2
// One 8 × 8 block with 256-bit vectors: 32-bit interleaves, 64-bit
// interleaves, then 128-bit half swaps (24 shuffles for 64 values). The
// playground's 8-wide hidden layers are exactly one block each.
HWY_INLINE void Transpose8x8(const float* src, size_t src_stride, float* dst, size_t dst_stride) {
    const hn::Full256<float> d;
    const hn::Repartition<double, decltype(d)> dd;
    using V = hn::Vec<decltype(d)>;
    V r[8], t[8], u[8];
    for (int k = 0; k < 8; ++k) r[k] = hn::LoadU(d, src + size_t(k) * src_stride);
    for (int k = 0; k < 8; k += 2) {
        t[k] = hn::InterleaveLower(d, r[k], r[k + 1]);      // r0 r1 interleaved, elements 0,1 | 4,5
        t[k + 1] = hn::InterleaveUpper(d, r[k], r[k + 1]);  // elements 2,3 | 6,7
    }
    for (int k = 0; k < 8; k += 4) {
        for (int j = 0; j < 2; ++j) {
            const auto a = hn::BitCast(dd, t[k + j]), b = hn::BitCast(dd, t[k + j + 2]);
            u[k + 2 * j] = hn::BitCast(d, hn::InterleaveLower(dd, a, b));      // column 2j   | 2j+4 of 4 rows
            u[k + 2 * j + 1] = hn::BitCast(d, hn::InterleaveUpper(dd, a, b));  // column 2j+1 | 2j+5
        }
    }
    for (int c = 0; c < 4; ++c) {
        hn::StoreU(hn::ConcatLowerLower(d, u[4 + c], u[c]), d, dst + size_t(c) * dst_stride);
        hn::StoreU(hn::ConcatUpperUpper(d, u[4 + c], u[c]), d, dst + size_t(c + 4) * dst_stride);
    }
}
#endif

void Transpose(int rows, int cols, const float* src, float* dst) {
    int r = 0;
#if HWY_TARGET == HWY_AVX2
    if (rows % 8 == 0 && cols % 8 == 0) {
        for (; r < rows; r += 8)
            for (int c = 0; c < cols; c += 8)
                Transpose8x8(src + size_t(r) * size_t(cols) + size_t(c), size_t(cols),
                             dst + size_t(c) * size_t(rows) + size_t(r), size_t(rows));
        return;
    }
#endif
#if HWY_TARGET != HWY_SCALAR  // the scalar target has no 4-lane vectors
    const D4 d;
    if (hn::Lanes(d) == 4) {
        for (; r + 4 <= rows; r += 4) {
            const float* s0 = src + size_t(r) * size_t(cols);
            int c = 0;
            for (; c + 4 <= cols; c += 4) {
                const auto r0 = hn::LoadU(d, s0 + c);
                const auto r1 = hn::LoadU(d, s0 + cols + c);
                const auto r2 = hn::LoadU(d, s0 + 2 * size_t(cols) + c);
                const auto r3 = hn::LoadU(d, s0 + 3 * size_t(cols) + c);
                const auto t0 = hn::InterleaveLower(d, r0, r1);  // r00 r10 r01 r11
                const auto t1 = hn::InterleaveLower(d, r2, r3);  // r20 r30 r21 r31
                const auto t2 = hn::InterleaveUpper(d, r0, r1);  // r02 r12 r03 r13
                const auto t3 = hn::InterleaveUpper(d, r2, r3);  // r22 r32 r23 r33
                float* d0 = dst + size_t(c) * size_t(rows) + r;
                hn::StoreU(hn::ConcatLowerLower(d, t1, t0), d, d0);
                hn::StoreU(hn::ConcatUpperUpper(d, t1, t0), d, d0 + rows);
                hn::StoreU(hn::ConcatLowerLower(d, t3, t2), d, d0 + 2 * size_t(rows));
                hn::StoreU(hn::ConcatUpperUpper(d, t3, t2), d, d0 + 3 * size_t(rows));
            }
            for (; c < cols; ++c)
                for (int k = 0; k < 4; ++k) dst[size_t(c) * rows + r + k] = s0[size_t(k) * cols + c];
        }
    }
#endif
    for (; r < rows; ++r)
        for (int c = 0; c < cols; ++c) dst[size_t(c) * rows + r] = src[size_t(r) * cols + c];
}

// ---------------------------------------------------------------------------
bool AllFinite(size_t count, const float* v) {
    const DF d;
    // x·0 is 0 for finite x and NaN for NaN or ±Inf; NaN survives the sum.
    auto acc = hn::Zero(d);
    const auto zero = hn::Zero(d);
    ForEachVector(d, count, [&](size_t k, size_t len) PG_ALWAYS_INLINE { acc = hn::Add(acc, hn::Mul(LoadPart(d, v + k, len), zero)); });
    HWY_ALIGN float buf[kMaxLanes];
    hn::Store(acc, d, buf);
    for (size_t k = 0; k < hn::Lanes(d); ++k)
        if (buf[k] != 0.0f) return false;
    return true;
}

// ---------------------------------------------------------------------------
// Narrow networks (NarrowLayer in pg/network.h): every layer ≤ 8 inputs and
// outputs, so a row of a layer is kV vectors of DN (1 with 8 lanes on AVX2,
// 2 with 4 lanes on SSE4 and WASM). Per layer and call, Wᵀ (forward, lanes
// over outputs) and W (δ of the layer before, lanes over inputs) are put in
// zero-padded 8 × 8 blocks on the stack, so the row loops have no tails:
// padded lanes hold f(0) or 0 and land only in the rows' slack, or in the
// next row's place before that row is written. The sums run in the same
// order as in the per-layer kernels above (bias, then inputs in order; rows
// in order for dW and db), so both paths agree to the last bit except for a
// single-output layer, which the per-layer forward sums as a dot product.
#if HWY_TARGET != HWY_SCALAR
using DN = hn::CappedTag<float, kNarrowWidth>;
constexpr size_t kNW = size_t(kNarrowWidth);

// bp[0..8) = b (zero-padded); wt[i*8 + o] = W[o][i] for i < in (zero-padded).
HWY_INLINE void PadTransposed(const NarrowLayer& L, float* HWY_RESTRICT wt, float* HWY_RESTRICT bp) {
    const DN d;
    constexpr size_t N = hn::MaxLanes(d);
    for (size_t k = 0; k < kNW; k += N) hn::Store(hn::Zero(d), d, bp + k);
    if (L.b) {
        if (L.out == kNarrowWidth) {
            for (size_t k = 0; k < kNW; k += N) hn::Store(hn::LoadU(d, L.b + k), d, bp + k);
        } else {
            CopySmall<kNW - 1>(L.b, size_t(L.out), bp);
        }
    }
    if (L.out == kNarrowWidth) return Transpose(L.out, L.in, L.w, wt);  // rows of exactly 8
    for (size_t k = 0; k < size_t(L.in) * kNW; k += N) hn::Store(hn::Zero(d), d, wt + k);
    for (int o = 0; o < L.out; ++o)
        for (int i = 0; i < L.in; ++i) wt[size_t(i) * kNW + size_t(o)] = L.w[size_t(o) * size_t(L.in) + size_t(i)];
}

// Two rows at a time: their multiply-add chains are independent, which keeps
// the FMA units busy while each chain waits on the previous step.
template <Activation kAct, int kIn>
HWY_INLINE void NarrowForwardRows(const NarrowLayer& L, int n, const float* HWY_RESTRICT x,
                                  const float* HWY_RESTRICT wt, const float* HWY_RESTRICT bp) {
    const DN d;
    using V = hn::Vec<DN>;
    constexpr size_t N = hn::MaxLanes(d), kV = kNW / N;
    const int in = kIn > 0 ? kIn : L.in;
    const size_t out = size_t(L.out), nv = (out + N - 1) / N;  // vectors with real outputs
    float* HWY_RESTRICT z = L.z;  // locals: stores through them cannot change L
    float* HWY_RESTRICT a = L.a;
    V bias[kV];
    for (size_t v = 0; v < kV; ++v) bias[v] = hn::Load(d, bp + v * N);
    int r = 0;
    for (; r + 2 <= n; r += 2) {
        const float* x0 = x + size_t(r) * size_t(in);
        const float* x1 = x0 + in;
        V acc0[kV], acc1[kV];
        for (size_t v = 0; v < kV; ++v) acc0[v] = acc1[v] = bias[v];
        for (int i = 0; i < in; ++i) {
            const V xs0 = hn::Set(d, x0[i]), xs1 = hn::Set(d, x1[i]);
            for (size_t v = 0; v < kV; ++v) {
                const V w = hn::Load(d, wt + size_t(i) * kNW + v * N);
                acc0[v] = hn::MulAdd(xs0, w, acc0[v]);
                acc1[v] = hn::MulAdd(xs1, w, acc1[v]);
            }
        }
        V f0[kV], f1[kV];
        for (size_t v = 0; v < kV; ++v) {
            f0[v] = ActivationValue(d, kAct, acc0[v]);
            f1[v] = ActivationValue(d, kAct, acc1[v]);
        }
        float* z0 = z + size_t(r) * out;  // row r first: row r + 1 overwrites its spill
        float* a0 = a + size_t(r) * out;
        for (size_t v = 0; v < kV && v < nv; ++v) {
            hn::StoreU(acc0[v], d, z0 + v * N);
            hn::StoreU(f0[v], d, a0 + v * N);
        }
        for (size_t v = 0; v < kV && v < nv; ++v) {
            hn::StoreU(acc1[v], d, z0 + out + v * N);
            hn::StoreU(f1[v], d, a0 + out + v * N);
        }
    }
    if (r < n) {
        const float* xr = x + size_t(r) * size_t(in);
        V acc[kV];
        for (size_t v = 0; v < kV; ++v) acc[v] = bias[v];
        for (int i = 0; i < in; ++i) {
            const V xs = hn::Set(d, xr[i]);
            for (size_t v = 0; v < kV; ++v) acc[v] = hn::MulAdd(xs, hn::Load(d, wt + size_t(i) * kNW + v * N), acc[v]);
        }
        for (size_t v = 0; v < kV && v < nv; ++v) {
            hn::StoreU(acc[v], d, z + size_t(r) * out + v * N);
            hn::StoreU(ActivationValue(d, kAct, acc[v]), d, a + size_t(r) * out + v * N);
        }
    }
}

template <Activation kAct>
HWY_INLINE void NarrowForwardAct(const NarrowLayer& L, int n, const float* x, const float* wt, const float* bp) {
    switch (L.in) {
    case 2: return NarrowForwardRows<kAct, 2>(L, n, x, wt, bp);
    case 8: return NarrowForwardRows<kAct, 8>(L, n, x, wt, bp);
    default: return NarrowForwardRows<kAct, 0>(L, n, x, wt, bp);
    }
}

void NarrowForward(int count, const NarrowLayer* layers, int n, const float* x) {
    HWY_ALIGN float wt[kNW * kNW];
    HWY_ALIGN float bp[kNW];
    const float* in = x;
    for (int l = 0; l < count; ++l) {
        const NarrowLayer& L = layers[l];
        PadTransposed(L, wt, bp);
        switch (L.act) {
#define PG_CASE(A) \
    case Activation::A: NarrowForwardAct<Activation::A>(L, n, in, wt, bp); break;
            PG_CASE(Linear) PG_CASE(Sigmoid) PG_CASE(Tanh) PG_CASE(ReLU) PG_CASE(LeakyReLU) PG_CASE(Softplus)
#undef PG_CASE
        case Activation::GELU:
    case Activation::GELUTanh:
        case Activation::Step:
        case Activation::Sign:  // two passes
            NarrowForwardAct<Activation::Linear>(L, n, in, wt, bp);
            ActivationForward(L.act, size_t(n) * size_t(L.out), L.a, L.a);
            break;
        }
        in = L.a;
    }
}

// out values (< 8) of a padded vector block into dst, times scale.
template <class V>
HWY_INLINE void StoreScaled(const V* v, size_t kV, float scale, size_t count, float* dst) {
    const DN d;
    constexpr size_t N = hn::MaxLanes(d);
    HWY_ALIGN float buf[kNW];
    for (size_t k = 0; k < kV; ++k) hn::Store(hn::Mul(v[k], hn::Set(d, scale)), d, buf + k * N);
    if (count == kNW) {
        for (size_t k = 0; k < kV; ++k) hn::StoreU(hn::Load(d, buf + k * N), d, dst + k * N);
    } else {
        CopySmall<kNW - 1>(buf, count, dst);
    }
}

// Layer 0: its input x is the caller's (read exactly, never a whole row), so
// dW runs with lanes over outputs, acc[i] = Σ_r x[r][i] · δ[r][..], and is
// scattered into dw (out, in) at the end.
template <int kIn>
HWY_INLINE void NarrowGradFirst(const NarrowLayer& L, int n, const float* HWY_RESTRICT x, float scale) {
    const DN d;
    using V = hn::Vec<DN>;
    constexpr size_t N = hn::MaxLanes(d), kV = kNW / N;
    const int in = kIn > 0 ? kIn : L.in;
    const size_t out = size_t(L.out);
    V acc[kNW][kV], dbacc[kV];
    for (size_t v = 0; v < kV; ++v) {
        dbacc[v] = hn::Zero(d);
        for (int i = 0; i < in; ++i) acc[i][v] = hn::Zero(d);
    }
    const float* HWY_RESTRICT delta = L.delta;
    for (int r = 0; r < n; ++r) {
        const float* dr = delta + size_t(r) * out;
        const float* xr = x + size_t(r) * size_t(in);
        V dv[kV];
        for (size_t v = 0; v < kV; ++v) {
            dv[v] = hn::LoadU(d, dr + v * N);  // lanes ≥ out: slack or the next row, never stored
            dbacc[v] = hn::Add(dbacc[v], dv[v]);
        }
        for (int i = 0; i < in; ++i) {
            const V xs = hn::Set(d, xr[i]);
            for (size_t v = 0; v < kV; ++v) acc[i][v] = hn::MulAdd(xs, dv[v], acc[i][v]);
        }
    }
    HWY_ALIGN float buf[kNW * kNW];
    for (int i = 0; i < in; ++i)
        for (size_t v = 0; v < kV; ++v) hn::Store(hn::Mul(acc[i][v], hn::Set(d, scale)), d, buf + size_t(i) * kNW + v * N);
    for (size_t o = 0; o < out; ++o)
        for (int i = 0; i < in; ++i) L.dw[o * size_t(in) + size_t(i)] = buf[size_t(i) * kNW + o];
    if (L.db) StoreScaled(dbacc, kV, scale, out, L.db);
}

// Layer l > 0 with P = layer l − 1 (whose a is this layer's input, in the
// network's scratch rows): first δ of P with lanes over P's units, then dW
// with lanes over inputs and db. Two passes over the rows (from L1) rather
// than one: together their accumulators and broadcasts do not fit in 16
// registers. wp = W rows of 8 (the layer's own W when it has 8 inputs, so
// not aligned: LoadU).
template <Activation kPrev, int kOut>
HWY_INLINE void NarrowGradRows(const NarrowLayer& L, const NarrowLayer& P, int n, float scale,
                               const float* HWY_RESTRICT wp) {
    const DN d;
    using V = hn::Vec<DN>;
    constexpr size_t N = hn::MaxLanes(d), kV = kNW / N;
    const int out = kOut > 0 ? kOut : L.out;
    const size_t in = size_t(L.in), nv = (in + N - 1) / N;
    const float* HWY_RESTRICT delta = L.delta;
    const float* HWY_RESTRICT pz = P.z;
    const float* HWY_RESTRICT pa = P.a;
    float* HWY_RESTRICT pdelta = P.delta;
    for (int r = 0; r < n; ++r) {
        const float* dr = delta + size_t(r) * size_t(out);
        const size_t row = size_t(r) * in;
        V dx[kV];
        for (size_t v = 0; v < kV; ++v) dx[v] = hn::Zero(d);
        for (int o = 0; o < out; ++o) {
            const V s = hn::Set(d, dr[o]);
            for (size_t v = 0; v < kV; ++v) dx[v] = hn::MulAdd(s, hn::LoadU(d, wp + size_t(o) * kNW + v * N), dx[v]);
        }
        for (size_t v = 0; v < kV && v < nv; ++v) {
            V g = dx[v];
            if (kPrev != Activation::Linear)
                g = hn::Mul(g, ActivationDerivative(d, kPrev, hn::LoadU(d, pz + row + v * N), hn::LoadU(d, pa + row + v * N)));
            hn::StoreU(g, d, pdelta + row + v * N);
        }
    }
    V acc[kNW][kV], dbacc[kV];
    for (size_t v = 0; v < kV; ++v) {
        dbacc[v] = hn::Zero(d);
        for (int o = 0; o < out; ++o) acc[o][v] = hn::Zero(d);
    }
    for (int r = 0; r < n; ++r) {
        const float* dr = delta + size_t(r) * size_t(out);
        V xv[kV];
        for (size_t v = 0; v < kV; ++v) {
            xv[v] = hn::LoadU(d, pa + size_t(r) * in + v * N);  // lanes ≥ in: slack or the next row
            dbacc[v] = hn::Add(dbacc[v], hn::LoadU(d, dr + v * N));
        }
        for (int o = 0; o < out; ++o) {
            const V s = hn::Set(d, dr[o]);
            for (size_t v = 0; v < kV; ++v) acc[o][v] = hn::MulAdd(s, xv[v], acc[o][v]);
        }
    }
    const V sc = hn::Set(d, scale);
    float* HWY_RESTRICT dw = L.dw;
    if (in == kNW) {
        for (int o = 0; o < out; ++o)
            for (size_t v = 0; v < kV; ++v) hn::StoreU(hn::Mul(acc[o][v], sc), d, dw + size_t(o) * kNW + v * N);
    } else {
        for (int o = 0; o < out; ++o) StoreScaled(acc[o], kV, scale, in, dw + size_t(o) * in);
    }
    if (L.db) StoreScaled(dbacc, kV, scale, size_t(out), L.db);
}

// 8 units (the usual hidden layer) as a template argument, so that its
// accumulators stay in registers; other widths run with a loop. (Every width
// 1..8 as a template argument was slower under WebAssembly: 2.4 against 2.7
// M examples/s for 2-8×6-1, whose output layer has one unit.)
template <Activation kPrev>
HWY_INLINE void NarrowGradPrev(const NarrowLayer& L, const NarrowLayer& P, int n, float scale, const float* wp) {
    if (L.out == kNarrowWidth) return NarrowGradRows<kPrev, kNarrowWidth>(L, P, n, scale, wp);
    return NarrowGradRows<kPrev, 0>(L, P, n, scale, wp);
}

void NarrowBackward(int count, const NarrowLayer* layers, int n, const float* x, float scale) {
    const DN d;
    constexpr size_t N = hn::MaxLanes(d);
    HWY_ALIGN float wp[kNW * kNW];
    for (int l = count - 1; l >= 1; --l) {
        const NarrowLayer& L = layers[l];
        const NarrowLayer& P = layers[l - 1];
        const float* w = L.w;
        if (L.in != kNarrowWidth) {  // rows of W padded to 8
            for (size_t k = 0; k < size_t(L.out) * kNW; k += N) hn::Store(hn::Zero(d), d, wp + k);
            for (int o = 0; o < L.out; ++o)
                for (int i = 0; i < L.in; ++i) wp[size_t(o) * kNW + size_t(i)] = L.w[size_t(o) * size_t(L.in) + size_t(i)];
            w = wp;
        }
        switch (P.act) {
#define PG_CASE(A) \
    case Activation::A: NarrowGradPrev<Activation::A>(L, P, n, scale, w); break;
            PG_CASE(Linear) PG_CASE(Sigmoid) PG_CASE(Tanh) PG_CASE(ReLU) PG_CASE(LeakyReLU) PG_CASE(Softplus)
#undef PG_CASE
        case Activation::GELU:
    case Activation::GELUTanh:
        case Activation::Step:
        case Activation::Sign:  // two passes
            NarrowGradPrev<Activation::Linear>(L, P, n, scale, w);
            ActivationBackward(P.act, size_t(n) * size_t(P.out), P.z, P.a, P.delta, P.delta);
            break;
        }
    }
    if (count < 1) return;
    switch (layers[0].in) {  // a template argument: acc[i] stays in registers
    case 1: return NarrowGradFirst<1>(layers[0], n, x, scale);
    case 2: return NarrowGradFirst<2>(layers[0], n, x, scale);
    case 3: return NarrowGradFirst<3>(layers[0], n, x, scale);
    case 4: return NarrowGradFirst<4>(layers[0], n, x, scale);
    case 5: return NarrowGradFirst<5>(layers[0], n, x, scale);
    case 6: return NarrowGradFirst<6>(layers[0], n, x, scale);
    case 7: return NarrowGradFirst<7>(layers[0], n, x, scale);
    default: return NarrowGradFirst<kNarrowWidth>(layers[0], n, x, scale);
    }
}

size_t NarrowLanes() { return hn::MaxLanes(DN()); }
#else   // HWY_SCALAR: one lane; the network runs layer by layer instead.
void NarrowForward(int, const NarrowLayer*, int, const float*) {}
void NarrowBackward(int, const NarrowLayer*, int, const float*, float) {}
size_t NarrowLanes() { return 1; }
#endif

const char* TargetName() { return hwy::TargetName(HWY_TARGET); }

}  // namespace HWY_NAMESPACE
}  // namespace pg
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace pg {

#ifdef __EMSCRIPTEN__
#define PG_DISPATCH(name) HWY_STATIC_DISPATCH(name)
#else
HWY_EXPORT(DenseForward);
HWY_EXPORT(DenseBackwardDx);
HWY_EXPORT(DenseBackwardDw);
HWY_EXPORT(ActivationForward);
HWY_EXPORT(ActivationBackward);
HWY_EXPORT(SgdUpdate);
HWY_EXPORT(DenseForwardCols);
HWY_EXPORT(AllFinite);
HWY_EXPORT(Transpose);
HWY_EXPORT(TargetName);
HWY_EXPORT(NarrowForward);
HWY_EXPORT(NarrowBackward);
HWY_EXPORT(NarrowLanes);
#define PG_DISPATCH(name) HWY_DYNAMIC_DISPATCH(name)
#endif

// The kernel set of one compiled target: entry `index` of Highway's dispatch
// tables natively, the single static target under Emscripten.
#ifdef __EMSCRIPTEN__
#define PG_POINTER(name) &HWY_STATIC_DISPATCH(name)
#else
#define PG_POINTER(name) HWY_DISPATCH_TABLE(name)[index]
#endif
[[maybe_unused]] static Kernels kernels_of_target([[maybe_unused]] size_t index) {
    const bool narrow = (*PG_POINTER(NarrowLanes))() >= 4;  // vectors of 4 or 8 lanes
    return Kernels{
        PG_POINTER(DenseForward),       PG_POINTER(DenseBackwardDx), PG_POINTER(DenseBackwardDw),
        PG_POINTER(ActivationForward),  PG_POINTER(ActivationBackward), PG_POINTER(SgdUpdate),
        PG_POINTER(DenseForwardCols),   PG_POINTER(AllFinite),       PG_POINTER(Transpose),
        narrow ? PG_POINTER(NarrowForward) : nullptr, narrow ? PG_POINTER(NarrowBackward) : nullptr,
    };
}
#undef PG_POINTER

const Kernels& simd_kernels() {
    // The chosen target's functions, looked up once: the network then calls
    // them directly instead of through HWY_DYNAMIC_DISPATCH on every call.
#ifdef __EMSCRIPTEN__
    static const Kernels k = kernels_of_target(0);
#else
    static const Kernels k = [] {
        hwy::ChosenTarget& chosen = hwy::GetChosenTarget();
        if (!chosen.IsInitialized()) chosen.Update(hwy::SupportedTargets());
        return kernels_of_target(chosen.GetIndex());
    }();
#endif
    return k;
}

// What WebAssembly computes, natively: the SSE4 target of this same file.
// Its vectors have SIMD128's 4 lanes, so every kernel takes the same path
// (narrow or per-layer, single-output dot products, tails) and sums in the
// same order; Highway's MulAdd and NegMulAdd there are a multiply, then an
// add, as on WASM (which has no FMA); SumOfLanes shuffles alike; the scalar
// tails cannot be contracted (-ffp-contract=off for engine/, and the SSE4
// target has no FMA instructions anyway).
bool exact_kernels_supported() {
#if defined(__EMSCRIPTEN__)
    return true;
#elif HWY_ARCH_X86
    return (HWY_TARGETS & HWY_SSE4) != 0 && (hwy::SupportedTargets() & HWY_SSE4) != 0;
#else
    return false;  // no 4-lane FMA-free target compiled here
#endif
}

const Kernels& exact_kernels() {
#if defined(__EMSCRIPTEN__)
    return simd_kernels();  // the definition of "exact"
#elif HWY_ARCH_X86
    static const Kernels k = [] {
        if (!exact_kernels_supported()) return simd_kernels();  // callers check exact_kernels_supported()
        hwy::ChosenTarget sse4;  // a private one: the process-wide choice stays as it is
        sse4.Update(HWY_SSE4);
        return kernels_of_target(sse4.GetIndex());
    }();
    return k;
#else
    return simd_kernels();
#endif
}

const char* simd_target_name() { return PG_DISPATCH(TargetName)(); }

}  // namespace pg
#endif  // HWY_ONCE
