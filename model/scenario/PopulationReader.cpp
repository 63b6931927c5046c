// [population] and [need_mixes]: the families of the municipality and the needs they bring.
#include "scenario/CareScenarioReader.hpp"

#include <numeric>

namespace jeugdsim::scenario::detail {

using namespace jeugdsim::care;

void CareScenarioReader::read_population() {
  auto s = root_.child("population");
  auto& pop = p_.population;
  pop.inhabitants = s.number("inhabitants", 1, 50e6);
  pop.youth_share = s.number("youth_share", 0, 1);
  pop.children_per_family_weights = s.numbers("children_per_family_weights", 0, kInf, 4, 4);
  check_weights(s, "children_per_family_weights", pop.children_per_family_weights);
  pop.two_parent_share = s.number("two_parent_share", 0, 1);
  pop.index_child_age_weights = s.numbers("index_child_age_weights", 0, kInf, 18, 18);
  check_weights(s, "index_child_age_weights", pop.index_child_age_weights);
  pop.network_strength_mean = s.number("network_strength_mean", 0, 1, 0.5);
  s.finish();
}

void CareScenarioReader::check_weights(TableReader& s, std::string_view key, const std::vector<double>& w) {
  if (!w.empty() && std::accumulate(w.begin(), w.end(), 0.0) <= 0)
    s.error(key, "at least one weight must be positive", "non-negative weights, not all zero");
}

void CareScenarioReader::read_need_mixes() {
  auto mixes = root_.child("need_mixes");
  for (const auto& name : mixes_.names) {
    auto m = mixes.child(name);
    NeedMix mix;
    mix.name = name;
    for (const char* group : {"child", "parent"}) {
      auto g = m.optional_child(group);
      if (!g) continue;
      for (std::size_t i = 0; i < kNeedDomainCount; ++i) {
        const std::string full(kDomainNames[i]);
        if (full.rfind(std::string(group) + ".", 0) != 0) continue;
        const std::string domain = full.substr(std::string(group).size() + 1);
        auto d = g->optional_child(domain);
        if (!d) continue;
        DomainMix dm;
        dm.probability = d->number("p", 0, 1);
        auto sev = d->numbers("severity", 0, kInf, 3, 3);
        check_weights(*d, "severity", sev);
        for (std::size_t k = 0; k < 3 && k < sev.size(); ++k) dm.severity_weights[k] = sev[k];
        dm.presented = d->number("presented", 0, 1);
        d->finish();
        mix.domains[i] = dm;
      }
      g->finish();
    }
    if (auto s = m.optional_child("safety")) {
      mix.safety_elevated = s->number("elevated", 0, 1);
      mix.safety_acute = s->number("acute", 0, 1);
      mix.safety_presented = s->number("presented", 0, 1);
      if (mix.safety_elevated + mix.safety_acute > 1)
        s->error("acute", "elevated + acute must not exceed 1", "elevated + acute <= 1");
      s->finish();
    }
    m.finish();
    p_.need_mixes.push_back(mix);
  }
  mixes.finish();
  if (mixes_.names.empty()) root_.error("need_mixes", "at least one need mix is required", "[need_mixes.NAME]");
}

}  // namespace jeugdsim::scenario::detail
