// Activation forward and backward on their own (pg/kernels.h
// activation_forward, activation_backward): a = f(z) and δ = g · f'(z, a),
// lanes over the values. The vector functions themselves are in
// kernels_simd-inl.h, shared with the kernels that fuse them.
#include <cstddef>
#include <cstring>

#include "kernels_simd.h"  // first: the targets, the same in every family file

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/kernels_simd_activation.cpp"  // see kernels_simd.h
#ifndef __EMSCRIPTEN__
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#endif
#include "kernels_simd-inl.h"  // hwy/highway.h and what the families share

HWY_BEFORE_NAMESPACE();
namespace pg::HWY_NAMESPACE {

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

// This family's entries in the target's kernel set (kernels_simd.cpp).
void AddActivationKernels(Kernels& k) {
    k.activation_forward = &ActivationForward;
    k.activation_backward = &ActivationBackward;
}

}  // namespace pg::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();
