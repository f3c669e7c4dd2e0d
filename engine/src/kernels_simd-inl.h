// What the SIMD kernel families (kernels_simd_*.cpp, see kernels_simd.h)
// share, once per target: Highway's "-inl.h" pattern, re-included by each
// family file for every target foreach_target.h compiles.
//
// Tails: a 4-lane vector where the full width does not fit (AVX2 with a
// width-4 layer), then scalar code. The activations' values and derivatives
// are vector functions here, fused into the dense and narrow kernels' stores.

// Per-target include guard (Highway's toggle).
#if defined(PG_ENGINE_KERNELS_SIMD_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef PG_ENGINE_KERNELS_SIMD_INL_H_
#undef PG_ENGINE_KERNELS_SIMD_INL_H_
#else
#define PG_ENGINE_KERNELS_SIMD_INL_H_
#endif

#include <cstddef>

#include <hwy/highway.h>
#include <hwy/contrib/math/math-inl.h>

#include "pg/detmath.h"
#include "pg/kernels.h"

#ifndef PG_UNROLL_8
#if defined(__clang__)
#define PG_UNROLL_8 _Pragma("clang loop unroll_count(8)")
#elif defined(__GNUC__)
#define PG_UNROLL_8 _Pragma("GCC unroll 8")
#else
#define PG_UNROLL_8
#endif
#endif

// The bodies are lambdas; clang for WebAssembly left them as calls (one per
// vector, captures through memory: the update step took 20 % of a training
// step there), so they are forced inline.
#ifndef PG_ALWAYS_INLINE
#define PG_ALWAYS_INLINE __attribute__((always_inline))
#endif

HWY_BEFORE_NAMESPACE();
namespace pg::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using DF = hn::ScalableTag<float>;
using D4 = hn::CappedTag<float, 4>;
// ≥ float lanes of this target: the size of the tail buffers below, which are
// zeroed on every tail (64 for every target cost a 256-byte memset each time).
constexpr size_t kMaxLanes = HWY_MAX_BYTES / sizeof(float) > 4 ? HWY_MAX_BYTES / sizeof(float) : 4;

// Each family's entries in this target's kernel set (kernels_simd.h).
void AddDenseKernels(Kernels& k);       // dense_forward, _backward_dx, _backward_dw, _forward_cols
void AddActivationKernels(Kernels& k);  // activation_forward, activation_backward
void AddUpdateKernels(Kernels& k);      // sgd_update, all_finite
void AddTransposeKernels(Kernels& k);   // transpose
void AddNarrowKernels(Kernels& k);      // narrow_forward, narrow_backward

// dst (cols, rows) = src (rows, cols)ᵀ: kernels_simd_transpose.cpp. Declared
// here because the narrow path transposes its layers' W with it.
void Transpose(int rows, int cols, const float* src, float* dst);

// a = f(z) and δ = g · f'(z, a) over count values: kernels_simd_activation.cpp.
//
// Declared here for the activations the dense and narrow kernels run in two
// passes: gelu (its lanes call det_gelu one by one, so fusing gains nothing),
// gelu_tanh, step and sign (lecture activations, rarely trained with) are not
// instantiated in every fused kernel, where each instantiation costs page
// weight. Those kernels run their Linear instantiation, then
// ActivationForward / ActivationBackward over the block: the same bits as
// fused, since both apply f (or multiply by f') to the same float sums.
void ActivationForward(Activation act, size_t count, const float* z, float* a);
void ActivationBackward(Activation act, size_t count, const float* z, const float* a, const float* grad,
                        float* delta);

// ---------------------------------------------------------------------------
// Vector loops. `ForEachVector` runs a vector body over count elements; the
// tail goes through a zero-padded buffer so that every element sees the same
// code.
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

// ---------------------------------------------------------------------------
// Activations, one vector at a time.

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

}  // namespace pg::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // per-target include guard
