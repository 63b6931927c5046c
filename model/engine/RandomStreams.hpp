#pragma once
#include <Random123/philox.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace jeugdsim::engine {

// The coordinates of one independent random stream. Every draw in the model is keyed, so the
// same family gets the same arrival, needs and durations in every scenario (common random
// numbers) and changing one policy never reshuffles the randomness of another.
struct StreamKey {
  std::uint64_t seed = 0;         // master seed of the experiment
  std::uint32_t replication = 0;  // replication index
  std::uint32_t stream = 0;       // what is drawn (domain enum: arrivals of channel k, needs, ...)
  std::uint64_t entity = 0;       // family id, worker id, channel id ...
  std::uint64_t decision = 0;     // which decision of that entity (episode, domain, counter ...)
};

// Counter-based Philox4x64-10 (Random123) as a C++ UniformRandomBitGenerator, so Boost.Random
// distributions can draw from it. The key holds (seed, replication, stream); the counter holds
// (entity, decision, block). Construction is a few stores: make one per decision, draw, drop.
// A block (four values) is computed only when one of its values is drawn, so `discard` skips
// values that a decision does not need at no cost, without shifting the values after them.
class PhiloxEngine {
 public:
  // The underlying Random123 generator: Philox4x64 with 10 rounds.
  using Generator = r123::Philox4x64;

  using result_type = std::uint64_t;
  explicit PhiloxEngine(const StreamKey& key);
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()();
  // Uniform on the open interval (0, 1), 53-bit resolution; never 0, so log(u) is safe.
  double uniform01();
  // The next `n` uniforms at once, exactly the values n calls of uniform01() would give. Whole
  // blocks are computed in one loop: they do not depend on each other, so the processor
  // overlaps their multiplications (a decision that needs dozens of values is 2-3x cheaper).
  void uniforms01(double* out, std::size_t n);
  // Skips the next `n` values: the value after them is the one the (n+1)-th draw would give.
  void discard(std::uint64_t n) { position_ += n; }

 private:
  static double to_unit(std::uint64_t bits);
  std::uint64_t key_[2];
  std::uint64_t counter_[2];  // entity, decision
  std::uint64_t position_ = 0;               // values drawn or discarded so far
  std::uint64_t loaded_ = ~std::uint64_t{0};  // index of the block held in block_ (none yet)
  std::uint64_t block_[4];
};

// Defined inline: engines are built and drained on the hot path of every decision, and the
// whole draw (one Philox block per four values) should inline into the distribution code.
inline PhiloxEngine::PhiloxEngine(const StreamKey& key)
    : key_{key.seed, (static_cast<std::uint64_t>(key.replication) << 32) | key.stream},
      counter_{key.entity, key.decision},
      block_{0, 0, 0, 0} {}

inline PhiloxEngine::result_type PhiloxEngine::operator()() {
  const std::uint64_t block = position_ >> 2;
  if (block != loaded_) {
    // Layout (pinned by the golden-value test): key = {seed, replication << 32 | stream},
    // counter = {entity, decision, block index, 0}; value i of a stream is word i % 4 of
    // block i / 4.
    const Generator::ctr_type ctr = {{counter_[0], counter_[1], block, 0}};
    const Generator::key_type key = {{key_[0], key_[1]}};
    const Generator::ctr_type out = Generator()(ctr, key);
    for (unsigned i = 0; i < 4; ++i) block_[i] = out.v[i];
    loaded_ = block;
  }
  return block_[position_++ & 3u];
}

inline double PhiloxEngine::to_unit(std::uint64_t bits) {
  // The top 53 bits, centred in their cell: never 0 or 1, so log(u) and log(1 - u) are finite.
  constexpr double two_pow_minus_53 = 1.0 / 9007199254740992.0;
  return (static_cast<double>(bits >> 11) + 0.5) * two_pow_minus_53;
}

inline double PhiloxEngine::uniform01() { return to_unit((*this)()); }

inline void PhiloxEngine::uniforms01(double* out, std::size_t n) {
  // The rest of the current block, then whole blocks, then the start of one more.
  const std::size_t head = std::min<std::size_t>(n, (4 - (position_ & 3u)) & 3u);
  const std::size_t blocks = (n - head) / 4;
  for (std::size_t i = 0; i < head; ++i) out[i] = uniform01();
  const Generator::key_type key = {{key_[0], key_[1]}};
  for (std::size_t b = 0; b < blocks; ++b) {
    const Generator::ctr_type ctr = {{counter_[0], counter_[1], (position_ >> 2) + b, 0}};
    const Generator::ctr_type bits = Generator()(ctr, key);
    for (std::size_t w = 0; w < 4; ++w) out[head + 4 * b + w] = to_unit(bits.v[w]);
  }
  position_ += 4 * blocks;
  for (std::size_t i = head + 4 * blocks; i < n; ++i) out[i] = uniform01();
}

// Factory for the streams of one replication of one experiment.
class RandomStreams {
 public:
  RandomStreams(std::uint64_t seed, std::uint32_t replication) : seed_(seed), replication_(replication) {}
  PhiloxEngine engine(std::uint32_t stream, std::uint64_t entity, std::uint64_t decision = 0) const {
    return PhiloxEngine(StreamKey{seed_, replication_, stream, entity, decision});
  }
  std::uint64_t seed() const { return seed_; }
  std::uint32_t replication() const { return replication_; }

 private:
  std::uint64_t seed_;
  std::uint32_t replication_;
};

}  // namespace jeugdsim::engine
