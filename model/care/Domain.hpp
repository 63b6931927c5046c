#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace jeugdsim::care {

// Life domains (leefgebieden) on which a family can have a need. Child domains concern the
// index child (the child the signal was about); parent domains the parents; safety the family.
enum class Domain : std::uint8_t {
  child_parenting,
  child_behaviour,
  child_mental_health,
  child_lvb,
  child_school,
  parent_mental_health,
  parent_addiction,
  parent_debts,
  parent_housing,
  parent_relationship,
  safety,
};
inline constexpr std::size_t kDomainCount = 11;
inline constexpr std::size_t kNeedDomainCount = 10;  // all but safety

enum class DomainGroup : std::uint8_t { child, parent, safety };

// Severity of a need; for the safety domain 1 = elevated and 2 = acute risk.
enum class Severity : std::uint8_t { light = 0, moderate = 1, severe = 2 };
inline constexpr std::uint8_t kSafetyElevated = 1;
inline constexpr std::uint8_t kSafetyAcute = 2;

inline constexpr std::array<std::string_view, kDomainCount> kDomainNames = {
    "child.parenting",      "child.behaviour",  "child.mental_health", "child.lvb",
    "child.school",         "parent.mental_health", "parent.addiction", "parent.debts",
    "parent.housing",       "parent.relationship",  "safety"};

constexpr DomainGroup group_of(Domain d) {
  const auto i = static_cast<std::size_t>(d);
  return i < 5 ? DomainGroup::child : (i < 10 ? DomainGroup::parent : DomainGroup::safety);
}
constexpr std::size_t index_of(Domain d) { return static_cast<std::size_t>(d); }
constexpr Domain domain_at(std::size_t i) { return static_cast<Domain>(i); }
constexpr std::uint16_t bit_of(Domain d) { return static_cast<std::uint16_t>(1u << index_of(d)); }

inline constexpr std::uint16_t kChildMask = 0x001F;
inline constexpr std::uint16_t kParentMask = 0x03E0;
inline constexpr std::uint16_t kSafetyMask = 0x0400;
inline constexpr std::uint16_t kNeedMask = kChildMask | kParentMask;  // every domain but safety
inline constexpr std::uint16_t kAllDomainsMask = kNeedMask | kSafetyMask;
// Help for these domains is jeugdhulp (Jeugdwet); help for parent needs alone is not.
inline constexpr std::uint16_t kJeugdhulpMask = kChildMask | kSafetyMask;
static_assert(kNeedMask == (1u << kNeedDomainCount) - 1 && kAllDomainsMask == (1u << kDomainCount) - 1);

constexpr std::uint16_t mask_of(DomainGroup g) {
  return g == DomainGroup::child ? kChildMask : (g == DomainGroup::parent ? kParentMask : kSafetyMask);
}

inline std::optional<Domain> domain_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kDomainCount; ++i)
    if (kDomainNames[i] == name) return domain_at(i);
  return std::nullopt;
}

inline std::optional<DomainGroup> group_from_name(std::string_view name) {
  if (name == "child") return DomainGroup::child;
  if (name == "parent") return DomainGroup::parent;
  if (name == "safety") return DomainGroup::safety;
  return std::nullopt;
}

}  // namespace jeugdsim::care
