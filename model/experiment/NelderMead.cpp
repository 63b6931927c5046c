#include "experiment/NelderMead.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace jeugdsim::experiment {

NelderMeadResult nelder_mead(const std::function<double(const Eigen::VectorXd&)>& f, const Eigen::VectorXd& x0,
                             const NelderMeadOptions& options,
                             const std::function<void(int, const Eigen::VectorXd&, double)>& on_evaluation) {
  const Eigen::Index n = x0.size();
  NelderMeadResult result;
  int iteration = 0;
  auto eval = [&](const Eigen::VectorXd& x) {
    const double v = f(x);
    ++result.evaluations;
    if (on_evaluation) on_evaluation(iteration, x, v);
    return std::isfinite(v) ? v : 1e300;
  };
  std::vector<Eigen::VectorXd> simplex(static_cast<std::size_t>(n + 1), x0);
  std::vector<double> values(static_cast<std::size_t>(n + 1));
  values[0] = eval(x0);
  int restarts = 0;
  double best_at_start = values[0];
  std::vector<std::size_t> order(simplex.size());
  auto sort = [&] {
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  };
  for (;;) {
    for (Eigen::Index i = 0; i < n; ++i) {
      simplex[static_cast<std::size_t>(i + 1)] = simplex[0];
      simplex[static_cast<std::size_t>(i + 1)](i) += options.initial_step * std::pow(0.5, restarts);
      values[static_cast<std::size_t>(i + 1)] = eval(simplex[static_cast<std::size_t>(i + 1)]);
    }
    result.converged = false;
    while (result.evaluations < options.max_evaluations) {
      sort();
      const std::size_t best = order.front(), worst = order.back(), second = order[order.size() - 2];
      double spread = 0;
      for (const auto& v : simplex) spread = std::max(spread, (v - simplex[best]).cwiseAbs().maxCoeff());
      if (values[worst] - values[best] <= options.f_tolerance && spread <= options.x_tolerance) {
        result.converged = true;
        break;
      }
      ++iteration;
      Eigen::VectorXd centroid = Eigen::VectorXd::Zero(n);
      for (std::size_t i = 0; i < simplex.size(); ++i)
        if (i != worst) centroid += simplex[i];
      centroid /= static_cast<double>(n);
      const Eigen::VectorXd reflected = centroid + (centroid - simplex[worst]);
      const double fr = eval(reflected);
      if (fr < values[best]) {
        const Eigen::VectorXd expanded = centroid + 2.0 * (centroid - simplex[worst]);
        const double fe = eval(expanded);
        if (fe < fr) {
          simplex[worst] = expanded;
          values[worst] = fe;
        } else {
          simplex[worst] = reflected;
          values[worst] = fr;
        }
        continue;
      }
      if (fr < values[second]) {
        simplex[worst] = reflected;
        values[worst] = fr;
        continue;
      }
      // Contraction: outside if the reflection improved on the worst, else inside.
      const bool outside = fr < values[worst];
      const Eigen::VectorXd contracted = outside ? Eigen::VectorXd(centroid + 0.5 * (reflected - centroid))
                                                 : Eigen::VectorXd(centroid + 0.5 * (simplex[worst] - centroid));
      const double fc = eval(contracted);
      if (fc < (outside ? fr : values[worst])) {
        simplex[worst] = contracted;
        values[worst] = fc;
        continue;
      }
      // Shrink towards the best vertex.
      for (std::size_t i = 0; i < simplex.size(); ++i) {
        if (i == best) continue;
        simplex[i] = simplex[best] + 0.5 * (simplex[i] - simplex[best]);
        values[i] = eval(simplex[i]);
        if (result.evaluations >= options.max_evaluations) break;
      }
    }
    sort();
    const bool improved = values[order.front()] < best_at_start;
    if (!(result.converged && improved && restarts < options.restarts &&
          result.evaluations + n + 1 < options.max_evaluations))
      break;
    // Restart from the best point with a fresh simplex.
    ++restarts;
    best_at_start = values[order.front()];
    const Eigen::VectorXd best_x = simplex[order.front()];
    simplex[0] = best_x;
    values[0] = best_at_start;
  }
  result.x = simplex[order.front()];
  result.f = values[order.front()];
  result.iterations = iteration;
  return result;
}

}  // namespace jeugdsim::experiment
