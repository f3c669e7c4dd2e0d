// Activation forward and backward on their own (pg/kernels.h
// activation_forward, activation_backward): a = f(z) and δ = g · f'(z, a),
// lanes over the values. The vector functions themselves are in
// kernels_simd-inl.h, shared with the kernels that fuse them.
#include <cstddef>
#include <cstring>

#include "kernels_simd.h"  // first: the targets, the same in every family file

#undef HWY_TARGET_INCLUDE
// Path relative to engine/include (on the include path): foreach_target.h
// re-includes this file once per target.
#define HWY_TARGET_INCLUDE "../src/kernels_simd_activation.cpp"
#ifndef __EMSCRIPTEN__
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#endif
#include <hwy/highway.h>

#include "kernels_simd-inl.h"

HWY_BEFORE_NAMESPACE();
namespace pg {
namespace HWY_NAMESPACE {

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
    }
}

}  // namespace HWY_NAMESPACE
}  // namespace pg
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace pg {
#ifndef __EMSCRIPTEN__
HWY_EXPORT(ActivationForward);
HWY_EXPORT(ActivationBackward);
#endif

namespace simd {
void add_activation_kernels(size_t index, Kernels& k) {
    k.activation_forward = PG_TARGET_KERNEL(ActivationForward, index);
    k.activation_backward = PG_TARGET_KERNEL(ActivationBackward, index);
}
}  // namespace simd
}  // namespace pg
#endif  // HWY_ONCE
