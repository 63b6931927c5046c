// [waiting], [workforce], [coordination] and [reentry]: how waiting families, workers, hand-offs
// and returning families behave across all teams.
#include "scenario/CareScenarioReader.hpp"

#include <algorithm>

#include "scenario/CareScenario.hpp"

namespace jeugdsim::scenario::detail {

using namespace jeugdsim::care;

void CareScenarioReader::read_waiting() {
  auto w = root_.child("waiting");
  p_.waiting.reneging_per_year = w.number("reneging_per_year", 0, 365);
  p_.waiting.deterioration_per_year = w.number("deterioration_per_year", 0, 365);
  if (w.has("crisis_provider"))
    p_.waiting.crisis_provider = resolve(w, "crisis_provider", w.string("crisis_provider"), providers_, "provider");
  w.finish();
}

void CareScenarioReader::read_workforce() {
  auto w = root_.child("workforce");
  auto& wf = p_.workforce;
  {
    auto s = w.child("sickness");
    wf.sickness_spells_per_fte_per_year = s.number("spells_per_fte_per_year", 0, 52);
    wf.sickness_days = read_duration(s, "days");
    s.finish();
  }
  wf.turnover_per_year = w.number("turnover_per_year", 0, 12);
  wf.vacancy_days = read_duration(w, "vacancy_days");
  w.finish();
}

void CareScenarioReader::read_coordination() {
  auto c = root_.child("coordination");
  p_.coordination.shared_file = c.boolean("shared_file");
  p_.coordination.consent_delay_days = c.number("consent_delay_days", 0, 3650);
  p_.coordination.hand_off_loss_share = c.number("hand_off_loss_share", 0, 1);
  c.finish();
}

void CareScenarioReader::read_reentry() {
  auto r = root_.child("reentry");
  auto& re = p_.reentry;
  re.base_probability = r.number("base_probability", 0, 1);
  re.delay_days = read_duration(r, "delay_days");
  re.unaddressed_parent_factor = r.number("unaddressed_parent_factor", 0, 100);
  re.unaddressed_child_factor = r.number("unaddressed_child_factor", 0, 100);
  re.network_protection = r.number("network_protection", 0, 1);
  re.channel = std::max(0, resolve(r, "channel", r.string("channel"), channels_, "channel"));
  r.finish();
}

}  // namespace jeugdsim::scenario::detail
