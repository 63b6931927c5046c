#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/weibull.hpp>

#include "engine/distributions/AliasTable.hpp"
#include "engine/distributions/Bernoulli.hpp"
#include "engine/distributions/DurationDistribution.hpp"
#include "engine/distributions/EmpiricalBinned.hpp"
#include "engine/distributions/Exponential.hpp"
#include "engine/distributions/Gamma.hpp"
#include "engine/distributions/LogNormal.hpp"
#include "engine/distributions/Poisson.hpp"
#include "engine/distributions/Triangular.hpp"
#include "engine/distributions/Weibull.hpp"
#include "engine/stats/RunningStats.hpp"
#include "goodness_of_fit.hpp"

namespace jeugdsim::engine {
namespace {

using testing::chi_square_continuous;
using testing::chi_square_discrete;

// One fixed stream per test (seed, replication 0, stream = test number): deterministic outcomes.
PhiloxEngine engine_for(std::uint32_t stream) { return PhiloxEngine(StreamKey{777, 0, stream, 0, 0}); }

// See goodness_of_fit.hpp for why the 0.999 chi-square quantile is the threshold.
#define EXPECT_FITS(fit) EXPECT_LT((fit).statistic, (fit).critical) << "chi-square statistic too large"

TEST(Distributions, ExponentialFitsBoost) {
  PhiloxEngine engine = engine_for(1);
  const Exponential dist(0.1);
  const boost::math::exponential_distribution<> reference(0.1);
  EXPECT_FITS(chi_square_continuous([&] { return dist.sample(engine); },
                                    [&](double p) { return boost::math::quantile(reference, p); }));
  EXPECT_DOUBLE_EQ(Exponential::from_mean(20.0).rate(), 0.05);
}

TEST(Distributions, LogNormalFitsBoost) {
  PhiloxEngine engine = engine_for(2);
  const LogNormal dist = LogNormal::from_mean_cv(14.0, 0.5);
  EXPECT_NEAR(dist.mean(), 14.0, 1e-12);
  EXPECT_NEAR(dist.cv(), 0.5, 1e-12);
  const boost::math::lognormal_distribution<> reference(dist.mu(), dist.sigma());
  EXPECT_FITS(chi_square_continuous([&] { return dist.sample(engine); },
                                    [&](double p) { return boost::math::quantile(reference, p); }));
}

TEST(Distributions, GammaFitsBoostForShapeAboveOne) {
  PhiloxEngine engine = engine_for(3);
  const Gamma dist(2.5, 4.0);
  const boost::math::gamma_distribution<> reference(2.5, 4.0);
  EXPECT_FITS(chi_square_continuous([&] { return dist.sample(engine); },
                                    [&](double p) { return boost::math::quantile(reference, p); }));
}

TEST(Distributions, GammaFitsBoostForShapeBelowOne) {
  PhiloxEngine engine = engine_for(4);
  const Gamma dist = Gamma::from_mean_cv(30.0, 1.6);  // shape 0.39: the u^(1/shape) boost
  ASSERT_LT(dist.shape(), 1.0);
  const boost::math::gamma_distribution<> reference(dist.shape(), dist.scale());
  EXPECT_FITS(chi_square_continuous([&] { return dist.sample(engine); },
                                    [&](double p) { return boost::math::quantile(reference, p); }));
}

TEST(Distributions, WeibullFitsBoost) {
  PhiloxEngine engine = engine_for(5);
  const Weibull dist(1.5, 100.0);
  const boost::math::weibull_distribution<> reference(1.5, 100.0);
  EXPECT_FITS(chi_square_continuous([&] { return dist.sample(engine); },
                                    [&](double p) { return boost::math::quantile(reference, p); }));
}

TEST(Distributions, TriangularFitsBoost) {
  PhiloxEngine engine = engine_for(6);
  const Triangular dist(2.0, 5.0, 20.0);
  const boost::math::triangular_distribution<> reference(2.0, 5.0, 20.0);
  EXPECT_FITS(chi_square_continuous([&] { return dist.sample(engine); },
                                    [&](double p) { return boost::math::quantile(reference, p); }));
}

TEST(Distributions, EmpiricalBinnedFitsBinsAndIsUniformWithinThem) {
  PhiloxEngine engine = engine_for(7);
  const std::vector<double> edges{0, 91, 182, 365, 730, 1095, 1460, 2190};
  const std::vector<double> shares{0.161, 0.172, 0.296, 0.233, 0.067, 0.031, 0.039};
  const EmpiricalBinned dist(edges, shares);
  // Theoretical quantile of the piecewise-uniform CDF: 20 equiprobable cells test both the bin
  // shares and the uniformity inside the bins.
  const auto quantile = [&](double p) {
    p *= 0.999;  // the given shares sum to 0.999; the distribution normalises them
    double below = 0.0;
    for (std::size_t i = 0; i < shares.size(); ++i) {
      if (p <= below + shares[i]) return edges[i] + (p - below) / shares[i] * (edges[i + 1] - edges[i]);
      below += shares[i];
    }
    return edges.back();
  };
  EXPECT_FITS(chi_square_continuous([&] { return dist.sample(engine); }, quantile));
  // The shares sum to 0.999 and are normalised (as the quantile above assumes).
  double mean = 0.0;
  for (std::size_t i = 0; i < shares.size(); ++i) mean += shares[i] / 0.999 * 0.5 * (edges[i] + edges[i + 1]);
  EXPECT_NEAR(dist.mean(), mean, 1e-9);
}

TEST(Distributions, PoissonSmallMeanFitsBoostPmf) {
  PhiloxEngine engine = engine_for(8);
  const Poisson dist(3.5);
  const boost::math::poisson_distribution<> reference(3.5);
  EXPECT_FITS(chi_square_discrete([&] { return dist.sample(engine); },
                                  [&](std::size_t k) { return boost::math::pdf(reference, static_cast<double>(k)); },
                                  40));
}

TEST(Distributions, PoissonLargeMeanFitsBoostPmf) {
  PhiloxEngine engine = engine_for(9);
  const Poisson dist(40.0);  // above 10: Boost's PTRS rejection path
  const boost::math::poisson_distribution<> reference(40.0);
  EXPECT_FITS(chi_square_discrete([&] { return dist.sample(engine); },
                                  [&](std::size_t k) { return boost::math::pdf(reference, static_cast<double>(k)); },
                                  150));
  PhiloxEngine other = engine_for(10);
  EXPECT_EQ(Poisson(0.0).sample(other), 0u);
}

TEST(Distributions, BernoulliFitsAndHonoursTheEdges) {
  PhiloxEngine engine = engine_for(11);
  const Bernoulli dist(0.3);
  EXPECT_FITS(chi_square_discrete([&] { return dist.sample(engine) ? 1 : 0; },
                                  [](std::size_t k) { return k == 0 ? 0.7 : 0.3; }, 1));
  const Bernoulli never(0.0), always(1.0);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_FALSE(never.sample(engine));
    ASSERT_TRUE(always.sample(engine));
  }
}

TEST(Distributions, AliasTableFitsWeightsAndNeverDrawsZeroWeight) {
  PhiloxEngine engine = engine_for(12);
  const std::vector<double> weights{5.0, 0.0, 1.0, 3.0, 0.5, 10.0, 0.0};
  const AliasTable table(weights);
  ASSERT_EQ(table.size(), weights.size());
  EXPECT_DOUBLE_EQ(table.probability_of(5), 10.0 / 19.5);
  EXPECT_EQ(table.probability_of(1), 0.0);
  // Cells: the positive-weight indices (a zero-weight cell would have expectation 0); a draw of
  // a zero-weight index is a hard failure instead.
  const std::vector<std::size_t> positive{0, 2, 3, 4, 5};
  std::vector<double> observed(positive.size(), 0.0), expected;
  constexpr int n = 20000;
  for (std::size_t i : positive) expected.push_back(n * weights[i] / 19.5);
  for (int i = 0; i < n; ++i) {
    const std::size_t k = table.sample(engine);
    ASSERT_TRUE(k != 1 && k != 6 && k < weights.size()) << "drew " << k;
    for (std::size_t c = 0; c < positive.size(); ++c) {
      if (positive[c] == k) observed[c] += 1.0;
    }
  }
  EXPECT_LT(testing::pearson(observed, expected), testing::chi_square_critical(positive.size() - 1));
  EXPECT_THROW(table.probability_of(7), std::out_of_range);
}

// Sample mean vs DurationDistribution::mean(): the sample mean of n draws has standard error
// sd / sqrt(n); |mean - mu| < 4 SE fails by chance with probability ~6e-5 (CLT; all families
// here have finite variance). The sample sd estimates sd, accurate to ~1% at n = 20,000.
TEST(Distributions, DurationDistributionMeansMatchTheirSamples) {
  const std::vector<DurationDistribution> all{
      DurationDistribution::constant(3.0),
      DurationDistribution::exponential(30.0),
      DurationDistribution::lognormal(14.0, 0.5),
      DurationDistribution::gamma(60.0, 0.8),
      DurationDistribution::gamma(60.0, 2.0),
      DurationDistribution::weibull(0.8, 200.0),
      DurationDistribution::triangular(1.0, 3.0, 10.0),
      DurationDistribution::empirical({0, 91, 182, 365, 730, 1095, 1460, 2190},
                                      {0.161, 0.172, 0.296, 0.233, 0.067, 0.031, 0.039})};
  std::uint32_t stream = 100;
  for (const DurationDistribution& d : all) {
    PhiloxEngine engine = engine_for(stream++);
    RunningStats stats;
    for (int i = 0; i < 20000; ++i) {
      const double x = d.sample(engine);
      ASSERT_GE(x, 0.0) << d.describe();
      stats.add(x);
    }
    const double se = stats.stddev() / std::sqrt(static_cast<double>(stats.count()));
    if (d.kind() == DurationDistribution::Kind::constant) {
      EXPECT_EQ(stats.min(), 3.0);
      EXPECT_EQ(stats.max(), 3.0);
    } else {
      EXPECT_NEAR(stats.mean(), d.mean(), 4.0 * se) << d.describe();
    }
  }
  EXPECT_NEAR(DurationDistribution::lognormal(14.0, 0.5).mean(), 14.0, 1e-12);
  EXPECT_NEAR(DurationDistribution::weibull(1.0, 50.0).mean(), 50.0, 1e-12);  // shape 1: exponential
}

// The DurationDistribution families draw exactly what the standalone types draw, so the two
// ways to declare a duration give identical streams.
TEST(Distributions, DurationDistributionReusesTheStandaloneTypes) {
  const LogNormal lognormal = LogNormal::from_mean_cv(14.0, 0.5);
  const Gamma gamma = Gamma::from_mean_cv(60.0, 0.8);
  const DurationDistribution d_lognormal = DurationDistribution::lognormal(14.0, 0.5);
  const DurationDistribution d_gamma = DurationDistribution::gamma(60.0, 0.8);
  const DurationDistribution d_exponential = DurationDistribution::exponential(30.0);
  const Exponential exponential = Exponential::from_mean(30.0);
  PhiloxEngine a = engine_for(200), b = engine_for(200);
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(d_lognormal.sample(a), lognormal.sample(b));
    ASSERT_EQ(d_gamma.sample(a), gamma.sample(b));
    ASSERT_DOUBLE_EQ(d_exponential.sample(a), exponential.sample(b));
  }
}

TEST(Distributions, DurationDistributionDescribesItself) {
  EXPECT_EQ(DurationDistribution::lognormal(14.0, 0.5).describe(), "lognormal(mean=14, cv=0.5)");
  EXPECT_EQ(DurationDistribution::gamma(60.0, 0.8).describe(), "gamma(mean=60, cv=0.8)");
  EXPECT_EQ(DurationDistribution::constant(3.0).describe(), "constant(value=3)");
  EXPECT_EQ(DurationDistribution::exponential(30.0).describe(), "exponential(mean=30)");
  EXPECT_EQ(DurationDistribution::triangular(1, 3, 10).describe(), "triangular(min=1, mode=3, max=10)");
  EXPECT_EQ(DurationDistribution::empirical({0, 10, 30}, {1, 3}).describe(),
            "empirical(edges=[0, 10, 30], shares=[0.25, 0.75])");
  EXPECT_EQ(DurationDistribution::weibull(1.5, 100).kind(), DurationDistribution::Kind::weibull);
}

// Invalid parameters throw std::invalid_argument whose message names the parameter.
void expect_invalid(const std::function<void()>& make, const std::string& fragment) {
  try {
    make();
    ADD_FAILURE() << "no exception; expected one mentioning '" << fragment << "'";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(Distributions, InvalidParametersThrowNamingTheParameter) {
  expect_invalid([] { LogNormal::from_mean_cv(14.0, -1.0); }, "lognormal: cv must be > 0, got -1");
  expect_invalid([] { DurationDistribution::lognormal(-3.0, 0.5); }, "lognormal: mean");
  expect_invalid([] { LogNormal(0.0, 0.0); }, "lognormal: sigma");
  expect_invalid([] { Exponential(0.0); }, "exponential: rate");
  expect_invalid([] { Exponential::from_mean(-1.0); }, "exponential: mean");
  expect_invalid([] { DurationDistribution::exponential(std::nan("")); }, "exponential: mean");
  expect_invalid([] { Gamma(0.0, 1.0); }, "gamma: shape");
  expect_invalid([] { Gamma(1.0, -1.0); }, "gamma: scale");
  expect_invalid([] { DurationDistribution::gamma(10.0, 0.0); }, "gamma: cv");
  expect_invalid([] { Weibull(-1.0, 1.0); }, "weibull: shape");
  expect_invalid([] { DurationDistribution::weibull(1.0, 0.0); }, "weibull: scale");
  expect_invalid([] { Triangular(0.0, 5.0, 4.0); }, "triangular: mode");
  expect_invalid([] { Triangular(3.0, 3.0, 3.0); }, "triangular: max");
  expect_invalid([] { DurationDistribution::triangular(-1.0, 0.0, 1.0); }, "triangular: min");
  expect_invalid([] { Bernoulli(1.5); }, "bernoulli: p");
  expect_invalid([] { Poisson(-0.5); }, "poisson: mean");
  expect_invalid([] { DurationDistribution::constant(-2.0); }, "constant: value");
  expect_invalid([] { EmpiricalBinned({0, 1, 2}, {1.0}); }, "empirical: edges");
  expect_invalid([] { EmpiricalBinned({0, 2, 1}, {1.0, 1.0}); }, "empirical: edges");
  expect_invalid([] { EmpiricalBinned({0, 1, 2}, {1.0, -1.0}); }, "empirical: shares");
  expect_invalid([] { EmpiricalBinned({0, 1, 2}, {0.0, 0.0}); }, "empirical: sum of shares");
  expect_invalid([] { DurationDistribution::empirical({-5, 1, 2}, {1.0, 1.0}); }, "empirical: first edge");
  expect_invalid([] { AliasTable(std::vector<double>{}); }, "alias table: weights");
  expect_invalid([] { AliasTable(std::vector<double>{1.0, -2.0}); }, "alias table: weights");
  expect_invalid([] { AliasTable(std::vector<double>{0.0, 0.0}); }, "alias table: sum of weights");
}

}  // namespace
}  // namespace jeugdsim::engine
