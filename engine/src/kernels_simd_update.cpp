// The update step (pg/kernels.h sgd_update) and the finiteness check
// (all_finite): flat loops over a block of parameters, lanes over the values.
#include <cstddef>

#include "kernels_simd.h"  // first: the targets, the same in every family file

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/kernels_simd_update.cpp"  // see kernels_simd.h
#ifndef __EMSCRIPTEN__
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#endif
#include "kernels_simd-inl.h"  // hwy/highway.h and what the families share

HWY_BEFORE_NAMESPACE();
namespace pg::HWY_NAMESPACE {

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

// This family's entries in the target's kernel set (kernels_simd.cpp).
void AddUpdateKernels(Kernels& k) {
    k.sgd_update = &SgdUpdate;
    k.all_finite = &AllFinite;
}

}  // namespace pg::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();
