#pragma once
#include <functional>

#include <Eigen/Dense>

namespace jeugdsim::experiment {

// Nelder-Mead simplex minimisation (standard coefficients: reflection 1, expansion 2,
// contraction 0.5, shrink 0.5), on an unbounded space: callers map bounded parameters through a
// transform. Deterministic: the same function gives the same path.
struct NelderMeadOptions {
  int max_evaluations = 80;
  double initial_step = 0.5;      // per coordinate, for the initial simplex
  double f_tolerance = 1e-8;      // stop when the simplex's values differ by less than this
  double x_tolerance = 1e-4;      // ... and its vertices by less than this (max norm)
  // After convergence, start again from the best point with a fresh simplex, its step halved at
  // each restart (at most this many times, and only while that improves): a simplex can collapse on a
  // plateau, which objectives under common random numbers have (counts are step functions).
  int restarts = 4;
};

struct NelderMeadResult {
  Eigen::VectorXd x;
  double f = 0;
  int evaluations = 0;
  int iterations = 0;
  bool converged = false;
};

// `on_evaluation(iteration, x, f)` is called after every function evaluation.
NelderMeadResult nelder_mead(const std::function<double(const Eigen::VectorXd&)>& f, const Eigen::VectorXd& x0,
                             const NelderMeadOptions& options,
                             const std::function<void(int, const Eigen::VectorXd&, double)>& on_evaluation = {});

}  // namespace jeugdsim::experiment
