#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/ArgMaxTree.hpp"
#include "engine/RandomStreams.hpp"

namespace jeugdsim::engine {
namespace {

// The slot a first-to-last scan with `>` picks: the largest key, ties to the lowest slot; -1
// if every key is kNever.
std::ptrdiff_t scan_argmax(const std::vector<double>& keys) {
  std::ptrdiff_t best = -1;
  double best_key = ArgMaxTree::kNever;
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] > best_key) {
      best_key = keys[i];
      best = static_cast<std::ptrdiff_t>(i);
    }
  return best;
}

// Random key changes against a linear scan, with many ties (keys from a few values) and slots
// switched off and on, so that the early exit of set() meets every case: the winner unchanged,
// the winner's own key changed, a new winner from either side.
TEST(ArgMaxTree, AgreesWithALinearScanUnderRandomUpdates) {
  for (const std::size_t slots : {1u, 2u, 3u, 7u, 24u, 33u, 100u}) {
    ArgMaxTree tree(slots);
    std::vector<double> keys(slots, ArgMaxTree::kNever);
    EXPECT_EQ(tree.argmax(), -1);
    PhiloxEngine engine(StreamKey{7, 0, 0, slots, 0});
    for (int step = 0; step < 20000; ++step) {
      const auto slot = static_cast<std::size_t>(engine.uniform01() * static_cast<double>(slots));
      const double u = engine.uniform01();
      const double key = u < 0.2 ? ArgMaxTree::kNever : static_cast<double>(static_cast<int>(u * 8.0));
      keys[slot] = key;
      tree.set(slot, key);
      ASSERT_EQ(tree.argmax(), scan_argmax(keys)) << slots << " slots, step " << step;
      ASSERT_EQ(tree.key(slot), key);
    }
  }
}

TEST(ArgMaxTree, TiesGoToTheLowestSlot) {
  ArgMaxTree tree(5);
  for (std::size_t i = 0; i < 5; ++i) tree.set(i, 3.0);
  EXPECT_EQ(tree.argmax(), 0);
  tree.set(0, 2.0);
  EXPECT_EQ(tree.argmax(), 1);
  tree.set(4, 3.5);
  EXPECT_EQ(tree.argmax(), 4);
  tree.set(4, ArgMaxTree::kNever);
  EXPECT_EQ(tree.argmax(), 1);
}

}  // namespace
}  // namespace jeugdsim::engine
