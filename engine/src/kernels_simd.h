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
// Natively each family file is compiled once per target by foreach_target.h
// (AVX2/FMA, SSE4, scalar) and exports its functions in Highway's dispatch
// tables; add_*_kernels(index, k) copy the entries of one target into k.
// Under Emscripten there is no libhwy: the single static target (HWY_WASM
// with -msimd128) is used and index is ignored.
//
// Include this header first, before any Highway header: it fixes the targets,
// which must be the same in every family file (the table index is shared).
#pragma once

#include <cstddef>

#include "pg/kernels.h"

// The targets the brief asks for: AVX2/FMA, SSE4 and the scalar fallback
// (fewer targets also keep the compile time down).
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_AVX3 | HWY_AVX3_DL | HWY_SSSE3)
#endif

// The function `name` of the target at `index` in Highway's dispatch tables
// (natively), or the single static target's (Emscripten). In HWY_ONCE code.
#ifdef __EMSCRIPTEN__
#define PG_TARGET_KERNEL(name, index) (static_cast<void>(index), &HWY_STATIC_DISPATCH(name))
#else
#define PG_TARGET_KERNEL(name, index) HWY_DISPATCH_TABLE(name)[index]
#endif

namespace pg::simd {

// Each family's entries of Kernels at the target `index` (see above).
void add_dense_kernels(size_t index, Kernels& k);       // dense_forward, _backward_dx, _backward_dw, _forward_cols
void add_activation_kernels(size_t index, Kernels& k);  // activation_forward, activation_backward
void add_update_kernels(size_t index, Kernels& k);      // sgd_update, all_finite
void add_transpose_kernels(size_t index, Kernels& k);   // transpose
void add_narrow_kernels(size_t index, Kernels& k);      // narrow_forward, narrow_backward (null below 4 lanes)

}  // namespace pg::simd
