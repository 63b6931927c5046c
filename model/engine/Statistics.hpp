#pragma once
// Umbrella header for the statistics accumulators (one concept per header below).
#include "engine/stats/Histogram.hpp"
#include "engine/stats/RunningStats.hpp"
#include "engine/stats/StudentT.hpp"
#include "engine/stats/TimeWeightedStat.hpp"
