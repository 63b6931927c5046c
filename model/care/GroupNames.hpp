#pragma once
#include <string>
#include <string_view>

namespace jeugdsim::care {

// The names of the groups that KPIs and time series are reported for: "all", "team:NAME",
// "provider:NAME", "channel:NAME" (an access channel: GP, gemeente, ...). Every layer (results, capacity plan, CLI, report) builds and reads them here,
// so that the spelling lives in one place.
inline constexpr std::string_view kAllGroup = "all";
inline constexpr std::string_view kTeamGroupPrefix = "team:";
inline constexpr std::string_view kProviderGroupPrefix = "provider:";
inline constexpr std::string_view kChannelGroupPrefix = "channel:";

inline std::string team_group(std::string_view team_name) {
  return std::string(kTeamGroupPrefix) + std::string(team_name);
}
inline std::string provider_group(std::string_view provider_name) {
  return std::string(kProviderGroupPrefix) + std::string(provider_name);
}
inline std::string channel_group(std::string_view channel_name) {
  return std::string(kChannelGroupPrefix) + std::string(channel_name);
}
// True when `group` is a team's group; the team's name is then group.substr(kTeamGroupPrefix.size()).
inline bool is_team_group(std::string_view group) { return group.starts_with(kTeamGroupPrefix); }
inline bool is_provider_group(std::string_view group) { return group.starts_with(kProviderGroupPrefix); }

}  // namespace jeugdsim::care
