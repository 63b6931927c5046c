// [assumptions.NAME]: the uncertain parameters, each with the range a sensitivity analysis varies.
#include "scenario/CareScenarioReader.hpp"

#include <fmt/format.h>

namespace jeugdsim::scenario::detail {

using namespace jeugdsim::care;

void CareScenarioReader::read_assumptions() {
  auto a = root_.optional_child("assumptions");
  if (!a) return;
  for (const auto& name : a->keys()) {
    auto t = a->child(name);
    Assumption as;
    as.name = name;
    as.key = t.string("key");
    as.low = t.number("low", -kInf, kInf);
    as.high = t.number("high", -kInf, kInf);
    as.note = t.string("note");
    // The base is the value the scenario actually uses at `key`.
    const toml::node* node = doc_.root().at_path(as.key).node();
    if (node == nullptr || !(node->is_number())) {
      t.error("key", fmt::format("\"{}\" does not name a numeric parameter of this scenario", as.key),
              "the dotted key of a number, e.g. teams.wijkteam.discovery_per_contact");
    } else {
      as.base = node->is_integer() ? static_cast<double>(node->value<std::int64_t>().value_or(0))
                                   : node->value<double>().value_or(0.0);
      if (!(as.low <= as.base && as.base <= as.high))
        t.error("low", fmt::format("the range {} to {} does not contain the value in use ({})", as.low, as.high, as.base),
                "low <= value at key <= high");
    }
    if (t.has("base")) {
      const double declared = t.number("base", -kInf, kInf);
      if (node != nullptr && node->is_number() && declared != as.base)
        t.error("base", fmt::format("declares {} but {} is {}", declared, as.key, as.base),
                "leave base out, or make it equal to the value at key");
    }
    t.finish();
    p_.assumptions.push_back(as);
  }
  a->finish();
}

}  // namespace jeugdsim::scenario::detail
