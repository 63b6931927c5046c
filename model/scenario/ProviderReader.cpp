// [providers.NAME] and [referrals]: the specialist providers, and which provider a team refers
// each need to.
#include "scenario/CareScenarioReader.hpp"

#include "scenario/CareScenario.hpp"
#include "scenario/ClosestMatch.hpp"

namespace jeugdsim::scenario::detail {

using namespace jeugdsim::care;

void CareScenarioReader::read_providers() {
  auto providers = root_.optional_child("providers");
  if (!providers) return;
  // Two passes: step_up_to / step_down_to may name providers defined later.
  for (const auto& name : providers_.names) {
    auto t = providers->child(name);
    Provider pr;
    pr.name = name;
    const toml::node* places = t.has("places") ? t.raw("places") : nullptr;
    if (places == nullptr) {
      t.error("places", "missing required key", "a number of places, or \"unlimited\"");
    } else if (places->is_string()) {
      if (places->value<std::string>().value_or("") == "unlimited")
        pr.unlimited = true;
      else
        t.error("places",
                "expected a number of places or \"unlimited\"" +
                    did_you_mean(places->value<std::string>().value_or(""), {"unlimited"}),
                "0 to 1000000, or \"unlimited\"");
    } else {
      pr.places = static_cast<int>(t.integer("places", 0, 1000000));
    }
    pr.duration_days = read_duration(t, "duration_days");
    pr.cost_per_day_eur = t.number("cost_per_day_eur", 0, 1e6);
    pr.cost_per_trajectory_eur = t.number("cost_per_trajectory_eur", 0, 1e8, 0);
    pr.safety_first = t.choice("priority", {"safety_first", "fifo"}, "safety_first") == "safety_first";
    if (t.has("step_up_to")) {
      pr.step_up_to = resolve(t, "step_up_to", t.string("step_up_to"), providers_, "provider");
      pr.step_up_probability = t.number("step_up_probability", 0, 1);
    }
    if (t.has("step_down_to")) {
      pr.step_down_to = resolve(t, "step_down_to", t.string("step_down_to"), providers_, "provider");
      pr.step_down_probability = t.number("step_down_probability", 0, 1);
    }
    if (pr.step_up_probability + pr.step_down_probability > 1)
      t.error("step_down_probability", "step_up_probability + step_down_probability must not exceed 1", "sum <= 1");
    pr.counts_as_intake = t.boolean("counts_as_intake", true);
    t.finish();
    p_.providers.push_back(pr);
  }
  providers->finish();
}

void CareScenarioReader::read_referrals() {
  auto refs = root_.optional_child("referrals");
  if (!refs) return;
  auto read_one = [&](TableReader& parent, std::string_view key, Domain d) {
    auto r = parent.optional_child(key);
    if (!r) return;
    Referral ref;
    ref.provider = resolve(*r, "provider", r->string("provider"), providers_, "provider");
    auto p = r->numbers("p_by_severity", 0, 1, 3, 3);
    for (std::size_t k = 0; k < 3 && k < p.size(); ++k) ref.probability[k] = p[k];
    r->finish();
    p_.referrals[index_of(d)] = ref;
  };
  for (const char* group : {"child", "parent"}) {
    auto g = refs->optional_child(group);
    if (!g) continue;
    for (std::size_t i = 0; i < kNeedDomainCount; ++i) {
      const std::string full(kDomainNames[i]);
      if (full.rfind(std::string(group) + ".", 0) != 0) continue;
      read_one(*g, full.substr(std::string(group).size() + 1), domain_at(i));
    }
    g->finish();
  }
  read_one(*refs, "safety", Domain::safety);
  refs->finish();
}

}  // namespace jeugdsim::scenario::detail
