// The SIMD kernel set of pg/kernels.h, one file per kernel family:
//
//   kernels_simd-inl.h             what every family shares, per target: tails
//                                  (LoadPart/StorePart), tanh, the activations'
//                                  values and derivatives
//   kernels_simd_dense.cpp         the general dense kernels: forward "rows" and
//                                  "cols", backward dx and dw
//   kernels_simd_activation.cpp    activation forward and backward on their own
//   kernels_simd_update.cpp        the update step and the finiteness check
//   kernels_simd_transpose.cpp     W to Wt (also used by the narrow path)
//   kernels_simd_narrow.cpp        whole forward and backward passes of a
//                                  network with layers of at most 8 units
//   kernels_simd.cpp               the dispatch: pg::Kernels of the chosen target
//
// The scalar reference they are tested against is kernels_ref.cpp.
//
// Natively each file is compiled once per target by foreach_target.h (AVX2/FMA,
// SSE4, scalar): its HWY_TARGET_INCLUDE names the file itself, relative to
// engine/include (on the include path). Per target, each family's
// Add*Kernels(k) puts its functions into that target's Kernels, and
// kernels_simd.cpp exports one function per target that collects them
// (TargetKernels), so there is one dispatch table for the whole set. Under
// Emscripten there is no libhwy: the single static target (HWY_WASM with
// -msimd128) is used.
//
// Include this header first, before any Highway header: it fixes the targets,
// which must be the same in every file (a target's functions must exist in
// every family for the dispatch to collect them).
#pragma once

#include "pg/kernels.h"

// The targets the brief asks for: AVX2/FMA, SSE4 and the scalar fallback
// (fewer targets also keep the compile time down).
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_AVX3 | HWY_AVX3_DL | HWY_SSSE3)
#endif
