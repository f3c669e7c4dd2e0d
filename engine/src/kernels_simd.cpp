// The dispatch of the SIMD kernel set (pg/kernels.h): which target's
// functions simd_kernels() and exact_kernels() hand out. The kernels
// themselves are in one file per family (kernels_simd.h lists them); here
// they are put together into one Kernels per target (TargetKernels).
#include <cstddef>

#include "kernels_simd.h"  // first: the targets, the same in every family file

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/kernels_simd.cpp"  // see kernels_simd.h
#ifndef __EMSCRIPTEN__
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#endif
#include "kernels_simd-inl.h"  // hwy/highway.h and the families' Add*Kernels

HWY_BEFORE_NAMESPACE();
namespace pg::HWY_NAMESPACE {

// The kernel set of this target, from every family.
Kernels TargetKernels() {
    Kernels k{};
    AddDenseKernels(k);
    AddActivationKernels(k);
    AddUpdateKernels(k);
    AddTransposeKernels(k);
    AddNarrowKernels(k);
    return k;
}

const char* TargetName() { return hwy::TargetName(HWY_TARGET); }

}  // namespace pg::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace pg {

#ifndef __EMSCRIPTEN__
HWY_EXPORT(TargetKernels);
HWY_EXPORT(TargetName);
#endif

// The kernel set of one compiled target: entry `index` of Highway's dispatch
// table natively, the single static target under Emscripten.
[[maybe_unused]] static Kernels kernels_of_target([[maybe_unused]] size_t index) {
#ifdef __EMSCRIPTEN__
    return HWY_STATIC_DISPATCH(TargetKernels)();
#else
    return HWY_DISPATCH_TABLE(TargetKernels)[index]();
#endif
}

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

// What WebAssembly computes, natively: the SSE4 target of the same code.
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

const char* simd_target_name() {
#ifdef __EMSCRIPTEN__
    return HWY_STATIC_DISPATCH(TargetName)();
#else
    return HWY_DYNAMIC_DISPATCH(TargetName)();
#endif
}

}  // namespace pg
#endif  // HWY_ONCE
