// The fused narrow path (pg/kernels.h narrow_forward, narrow_backward): the
// whole forward or backward pass of a network whose layers all have at most
// kNarrowWidth (8) units, every layer's loops kept in registers, in one call.
// Only on targets with vectors of 4 or 8 lanes; elsewhere (the scalar target)
// the network runs layer by layer with the dense kernels.
#include <cstddef>

#include "kernels_simd.h"  // first: the targets, the same in every family file

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/kernels_simd_narrow.cpp"  // see kernels_simd.h
#ifndef __EMSCRIPTEN__
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#endif
#include "kernels_simd-inl.h"  // hwy/highway.h and what the families share

HWY_BEFORE_NAMESPACE();
namespace pg::HWY_NAMESPACE {

// Narrow networks (NarrowLayer in pg/network.h): every layer ≤ 8 inputs and
// outputs, so a row of a layer is kV vectors of DN (1 with 8 lanes on AVX2,
// 2 with 4 lanes on SSE4 and WASM). Per layer and call, Wᵀ (forward, lanes
// over outputs) and W (δ of the layer before, lanes over inputs) are put in
// zero-padded 8 × 8 blocks on the stack, so the row loops have no tails:
// padded lanes hold f(0) or 0 and land only in the rows' slack, or in the
// next row's place before that row is written. The sums run in the same
// order as in the per-layer kernels (kernels_simd_dense.cpp) (bias, then inputs in order; rows
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
        case Activation::Sign:  // two passes (kernels_simd-inl.h)
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
        case Activation::Sign:  // two passes (kernels_simd-inl.h)
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

// This family's entries in the target's kernel set (kernels_simd.cpp): null
// where vectors have fewer than 4 lanes, and the network runs layer by layer.
void AddNarrowKernels(Kernels& k) {
    const bool narrow = NarrowLanes() >= 4;  // vectors of 4 or 8 lanes
    k.narrow_forward = narrow ? &NarrowForward : nullptr;
    k.narrow_backward = narrow ? &NarrowBackward : nullptr;
}

}  // namespace pg::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();
