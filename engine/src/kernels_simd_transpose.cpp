// Transposes (pg/kernels.h transpose): Wt from W for the dense forward
// kernel, and the narrow path's padded blocks (kernels_simd_narrow.cpp calls
// this target's Transpose directly).
#include <cstddef>

#include "kernels_simd.h"  // first: the targets, the same in every family file

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/kernels_simd_transpose.cpp"  // see kernels_simd.h
#ifndef __EMSCRIPTEN__
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#endif
#include "kernels_simd-inl.h"  // hwy/highway.h and what the families share

HWY_BEFORE_NAMESPACE();
namespace pg::HWY_NAMESPACE {

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

// This family's entries in the target's kernel set (kernels_simd.cpp).
void AddTransposeKernels(Kernels& k) {
    k.transpose = &Transpose;
}

}  // namespace pg::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();
