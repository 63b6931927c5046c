#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <random>
#include <vector>

#include <Random123/philox.h>

#include "engine/RandomStreams.hpp"

namespace jeugdsim::engine {
namespace {

// Boost.Random and the standard library both require this concept of an engine.
static_assert(std::uniform_random_bit_generator<PhiloxEngine>);

const StreamKey golden_key{20261122, 0, 1, 42, 7};

// Golden values, computed once with this implementation and pinned. If this test fails, the
// stream layout (key/counter packing, block order or the uniform transform) has changed, and
// every published result is no longer reproducible: change it only deliberately.
TEST(RandomStreams, GoldenValuesPinTheStreamLayout) {
  PhiloxEngine engine(golden_key);
  EXPECT_EQ(engine(), 0x1f0d30d360288aafULL);
  EXPECT_EQ(engine(), 0x44f80cd80f376d43ULL);
  EXPECT_EQ(engine(), 0xb8965b10af28c2e3ULL);
  EXPECT_EQ(engine(), 0xdb81b80bedd95172ULL);

  PhiloxEngine uniforms(golden_key);
  EXPECT_EQ(uniforms.uniform01(), 0.12129502449548307);
  EXPECT_EQ(uniforms.uniform01(), 0.26940994524849565);
  EXPECT_EQ(uniforms.uniform01(), 0.7210442462666462);
}

// Known-answer vector of Philox4x64-10 from Random123's kat_vectors (all-zero key and counter):
// checks that the engine really is Philox4x64-10 with the outputs in block order.
TEST(RandomStreams, AllZeroKeyMatchesRandom123KnownAnswer) {
  PhiloxEngine engine(StreamKey{0, 0, 0, 0, 0});
  EXPECT_EQ(engine(), 0x16554d9eca36314cULL);
  EXPECT_EQ(engine(), 0xdb20fe9d672d0fdcULL);
  EXPECT_EQ(engine(), 0xd7e772cee186176bULL);
  EXPECT_EQ(engine(), 0x7e68b68aec7ba23bULL);
}

// The layout, spelled out: key = {seed, replication << 32 | stream}, counter = {entity,
// decision, block, 0}; the fifth to eighth outputs are block 1.
TEST(RandomStreams, LayoutMatchesDirectPhiloxCalls) {
  const StreamKey key{99, 3, 5, 1234, 56};
  PhiloxEngine engine(key);
  r123::Philox4x64 philox;
  const r123::Philox4x64::key_type k = {{99, (std::uint64_t{3} << 32) | 5}};
  for (std::uint64_t block = 0; block < 3; ++block) {
    const r123::Philox4x64::ctr_type c = {{1234, 56, block, 0}};
    const auto out = philox(c, k);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(engine(), out.v[i]) << "block " << block << " word " << i;
  }
}

TEST(RandomStreams, SameKeyGivesSameSequence) {
  PhiloxEngine a(golden_key), b(golden_key);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a(), b());
  const RandomStreams streams(20261122, 0);
  PhiloxEngine c = streams.engine(1, 42, 7);
  PhiloxEngine d(golden_key);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(c.uniform01(), d.uniform01());
}

double pearson_correlation(PhiloxEngine a, PhiloxEngine b, int n) {
  double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (int i = 0; i < n; ++i) {
    const double x = a.uniform01(), y = b.uniform01();
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  const double dn = n;
  const double cov = sab - sa * sb / dn;
  return cov / std::sqrt((saa - sa * sa / dn) * (sbb - sb * sb / dn));
}

// Changing any one coordinate of the key must give a different and uncorrelated stream.
// Under independence the sample correlation of n pairs is approximately N(0, 1/n), so
// |r| < 4 / sqrt(n) fails by chance with probability about 6e-5 per pair.
TEST(RandomStreams, EachKeyFieldGivesAnIndependentStream) {
  std::vector<StreamKey> variants(5, golden_key);
  variants[0].seed += 1;
  variants[1].replication += 1;
  variants[2].stream += 1;
  variants[3].entity += 1;
  variants[4].decision += 1;
  constexpr int n = 10000;
  const double bound = 4.0 / std::sqrt(static_cast<double>(n));
  for (std::size_t v = 0; v < variants.size(); ++v) {
    PhiloxEngine base(golden_key), other(variants[v]);
    int equal = 0;
    for (int i = 0; i < 8; ++i) equal += base() == other() ? 1 : 0;
    EXPECT_EQ(equal, 0) << "variant " << v;
    const double r = pearson_correlation(PhiloxEngine(golden_key), PhiloxEngine(variants[v]), n);
    EXPECT_LT(std::abs(r), bound) << "variant " << v;
  }
  // Replication and stream share one key word: (r, s) must not collide with swapped fields.
  PhiloxEngine a(StreamKey{1, 1, 2, 0, 0}), b(StreamKey{1, 2, 1, 0, 0});
  EXPECT_NE(a(), b());
}

// Open interval: 0 would make log(u) infinite, 1 would make log(1 - u) infinite. Also checks
// the first two moments of U(0,1): mean 1/2 with standard error sqrt(1/12/n), so the bound
// 4 * sqrt(1/(12 n)) for n = 200,000 is about 0.0026.
TEST(RandomStreams, Uniform01IsInsideTheOpenUnitInterval) {
  PhiloxEngine engine(golden_key);
  constexpr int n = 200000;
  double sum = 0.0, lowest = 1.0, highest = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = engine.uniform01();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    lowest = std::min(lowest, u);
    highest = std::max(highest, u);
  }
  EXPECT_NEAR(sum / n, 0.5, 4.0 * std::sqrt(1.0 / 12.0 / n));
}

// The bulk draw gives exactly the values of one-at-a-time draws, from any position in a block
// (after draws or skips) and for lengths that end mid-block, and leaves the engine where they
// would have left it.
TEST(PhiloxEngine, BulkUniformsEqualOneAtATime) {
  for (std::uint64_t start = 0; start < 6; ++start) {
    for (std::size_t n : {0u, 1u, 3u, 4u, 5u, 8u, 13u, 32u}) {
      PhiloxEngine bulk(StreamKey{9, 1, 2, 3, 4}), single(StreamKey{9, 1, 2, 3, 4});
      if (start % 2 == 0) {
        for (std::uint64_t k = 0; k < start; ++k) (void)bulk.uniform01(), (void)single.uniform01();
      } else {
        bulk.discard(start);
        single.discard(start);
      }
      std::vector<double> got(n + 1, -1.0);
      bulk.uniforms01(got.data(), n);
      for (std::size_t k = 0; k < n; ++k) ASSERT_EQ(got[k], single.uniform01()) << "start " << start << ", n " << n;
      EXPECT_EQ(got[n], -1.0) << "wrote past the end";
      EXPECT_EQ(bulk.uniform01(), single.uniform01()) << "start " << start << ", n " << n;
    }
  }
}

}  // namespace
}  // namespace jeugdsim::engine
