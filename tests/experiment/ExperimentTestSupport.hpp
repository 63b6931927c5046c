#pragma once
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "care/Parameters.hpp"
#include "scenario/CareScenario.hpp"

namespace jeugdsim::test_support {

// Loads a scenario shipped with the tests (tests/data/NAME), applies overrides, and returns
// its parameters; fails the test with the diagnostics on any error.
inline care::CareParameters load_test_scenario(const std::string& name,
                                               const std::vector<std::pair<std::string, std::string>>& overrides = {}) {
  scenario::Diagnostics diags;
  auto doc = scenario::ScenarioDocument::load(std::string(JEUGDSIM_SOURCE_DIR) + "/tests/data/" + name, diags);
  EXPECT_TRUE(doc.has_value()) << diags.format_all();
  for (const auto& [key, value] : overrides) doc->apply_override(key, value, diags);
  auto params = scenario::read_care_parameters(*doc, diags);
  EXPECT_TRUE(params.has_value()) << diags.format_all();
  return *params;
}

// Erlang C: the mean wait in queue of an M/M/c queue with arrival rate lambda and service rate
// mu per server (lambda < c * mu).
inline double erlang_c_mean_wait(double lambda, double mu, int c) {
  const double a = lambda / mu;
  double term = 1.0, sum = 0.0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  // term is now a^c / c!
  const double pc = term / (1.0 - a / c);
  const double p_wait = pc / (sum + pc);
  return p_wait / (c * mu - lambda);
}

}  // namespace jeugdsim::test_support
