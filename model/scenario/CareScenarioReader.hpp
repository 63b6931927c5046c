#pragma once
// Internal to model/scenario: the reader behind read_care_parameters (CareScenario.hpp). Its
// sections are read by one file each, named after what they read (TeamReader.cpp,
// RouteReader.cpp, ...); this header is what they share.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/Parameters.hpp"
#include "scenario/Diagnostics.hpp"
#include "scenario/ScenarioDocument.hpp"
#include "scenario/TableReader.hpp"

namespace jeugdsim::scenario::detail {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// "a, b, c": the allowed names in an error message.
std::string join(const std::vector<std::string>& items);

// Every name a `covers` list or a route condition accepts: the groups and the domains.
const std::vector<std::string>& domain_and_group_names();

// Names of user-defined tables, resolved to indices.
struct NameIndex {
  std::vector<std::string> names;
  int find(const std::string& name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return static_cast<int>(i);
    return -1;
  }
};

class CareScenarioReader {
 public:
  CareScenarioReader(const ScenarioDocument& doc, Diagnostics& diags)
      : doc_(doc), diags_(diags), root_(doc, doc.root(), "", diags) {}

  std::optional<care::CareParameters> read();

 private:
  // CareScenario.cpp: the order of the sections, and names shared between them.
  void collect_names();
  int resolve(TableReader& r, std::string_view key, const std::string& name, const NameIndex& index,
              const char* kind);
  // RunSettingsReader.cpp
  void read_meta();
  void read_simulation();
  // PopulationReader.cpp
  void read_population();
  void check_weights(TableReader& s, std::string_view key, const std::vector<double>& w);
  void read_need_mixes();
  // TeamReader.cpp
  std::uint16_t read_coverage(TableReader& t, std::string_view key);
  void read_teams();
  // ProviderReader.cpp: specialist providers and the referrals to them.
  void read_providers();
  void read_referrals();
  // RouteReader.cpp: route lists, their conditions, and the triage steps made of them.
  care::RouteCondition parse_condition(TableReader& r, std::string_view key, const std::string& text);
  std::vector<care::Route> read_routes(TableReader& parent, std::string_view key);
  void read_triages();
  // ChannelReader.cpp: the arrival channels and the guard on their volume.
  void read_channels();
  void check_volume();
  // SystemDynamicsReader.cpp: waiting, workforce, coordination and re-entry.
  void read_waiting();
  void read_workforce();
  void read_coordination();
  void read_reentry();
  // AssumptionReader.cpp
  void read_assumptions();

  const ScenarioDocument& doc_;
  Diagnostics& diags_;
  TableReader root_;
  care::CareParameters p_;
  NameIndex teams_, providers_, triages_, channels_, mixes_;
};

}  // namespace jeugdsim::scenario::detail
