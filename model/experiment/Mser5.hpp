#pragma once
#include <cstddef>
#include <vector>

namespace jeugdsim::experiment {

// MSER-5 (White 1997; Hoad, Robinson and Davies 2010): the series is cut into batches of 5,
// and the truncation d (in batches) minimises the marginal standard error
//   MSER(d) = sum_{i>d} (Y_i - mean_{>d})^2 / (k - d)^2
// over d in [0, k/2] (k batches), so at least half of the series is kept. Returns the number
// of observations to delete (a multiple of 5). Fewer than 10 observations: 0.
std::size_t mser5_truncation(const std::vector<double>& series);

}  // namespace jeugdsim::experiment
