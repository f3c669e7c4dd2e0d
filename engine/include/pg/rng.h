// pg/rng.h — the project's own pseudo-random generator.
//
// One seed drives data, initial weights and shuffling, and must give
// bit-identical streams natively (libstdc++) and in WebAssembly (libc++).
// std::*_distribution are implementation-defined and differ between the two,
// so every draw here is written out with integer and IEEE-exact operations.
//
// Generator: xoshiro256** (Blackman & Vigna), state seeded through splitmix64.
#pragma once

#include <cstdint>
#include <string_view>

namespace pg {

class Rng {
public:
    explicit Rng(uint64_t seed = 0) { reseed(seed); }

    void reseed(uint64_t seed) {
        uint64_t x = seed;
        for (uint64_t& s : state_) s = splitmix64(x);
    }

    // Next 64 random bits.
    uint64_t next_u64() {
        const uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // Uniform double in [0, 1) with 53 random bits (exact, no rounding).
    double uniform() { return double(next_u64() >> 11) * 0x1.0p-53; }

    // Uniform double in [a, b).
    double uniform(double a, double b) { return a + (b - a) * uniform(); }

    // Uniform integer in [0, n) without modulo bias (Lemire's method). n > 0.
    uint32_t below(uint32_t n) {
        uint64_t m = uint64_t(uint32_t(next_u64() >> 32)) * n;
        if (uint32_t(m) < n) {
            const uint32_t threshold = uint32_t(-n) % n;
            while (uint32_t(m) < threshold) m = uint64_t(uint32_t(next_u64() >> 32)) * n;
        }
        return uint32_t(m >> 32);
    }

    // Standard normal N(0, 1) (Box–Muller with the engine's deterministic
    // log/sqrt/cos, see pg/detmath.h). Defined in rng.cpp.
    double normal();

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static uint64_t splitmix64(uint64_t& x) {
        uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    uint64_t state_[4];
};

// A seed from the text of the URL's `seed` value (e.g. "0.59704"): FNV-1a
// over the bytes, so the same string gives the same seed everywhere.
inline uint64_t seed_from_string(std::string_view text) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) { h ^= c; h *= 0x100000001b3ULL; }
    return h;
}

}  // namespace pg
