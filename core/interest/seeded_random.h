// Deterministic random numbers and seeds for clustering: the same on every platform.
#pragma once

#include <cstdint>
#include <random>

namespace il {

// Deterministic random numbers, the same on every standard library: mt19937_64 is
// specified exactly, the std distributions are not, so the draws are made here.
class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed) : engine_(seed) {}
  // [0, 1) from the top 53 bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // [0, n) for n > 0 (the modulo bias is below 2^-40 for any n used here).
  int64_t below(int64_t n) { return static_cast<int64_t>(engine_() % static_cast<uint64_t>(n)); }

 private:
  std::mt19937_64 engine_;
};

// Derives an independent seed for a part of a job (a user, a k), so results do not
// depend on the order parts are computed in (splitmix64 finaliser).
inline uint64_t mixSeed(uint64_t seed, uint64_t part) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ull * (part + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace il
