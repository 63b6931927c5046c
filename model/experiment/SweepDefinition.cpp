#include "experiment/SweepDefinition.hpp"

#include <fmt/format.h>

#include "scenario/TableReader.hpp"

namespace jeugdsim::experiment {

std::string toml_number(double value) { return fmt::format("{}", value); }

namespace {

std::optional<std::string> as_toml_text(const toml::node& node) {
  if (auto s = node.value_exact<std::string>()) {
    std::string out = "\"";
    for (char c : *s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  }
  if (auto i = node.value_exact<std::int64_t>()) return std::to_string(*i);
  if (auto d = node.value_exact<double>()) return toml_number(*d);
  if (auto b = node.value_exact<bool>()) return std::string(*b ? "true" : "false");
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<SweepAxis>> read_sweep_axes(const scenario::ScenarioDocument& doc,
                                                      scenario::Diagnostics& diags) {
  scenario::TableReader root(doc, doc.root(), "", diags);
  if (!root.has("sweep")) {
    diags.error(doc.file(), 0, "sweep", "this scenario declares no grid",
                "[sweep] parameters = [ { key = \"teams.NAME.workers\", values = [10, 12] } ]");
    return std::nullopt;
  }
  auto sweep = root.child("sweep");
  std::vector<SweepAxis> axes;
  const toml::node* list = sweep.raw("parameters");
  const toml::array* arr = list != nullptr ? list->as_array() : nullptr;
  if (arr == nullptr || arr->empty()) {
    sweep.error("parameters", "expected a non-empty array of { key, values }",
                "[ { key = \"teams.NAME.workers\", values = [10, 12] } ]");
    return std::nullopt;
  }
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = arr->get(i)->as_table();
    if (t == nullptr) {
      sweep.error("parameters", fmt::format("entry {} is not a table", i), "{ key = \"...\", values = [...] }");
      continue;
    }
    scenario::TableReader entry(doc, *t, fmt::format("sweep.parameters[{}]", i), diags);
    SweepAxis axis;
    axis.key = entry.string("key");
    if (!axis.key.empty() && doc.root().at_path(axis.key).node() == nullptr)
      entry.error("key", fmt::format("\"{}\" is not a key of this scenario", axis.key),
                  "a dotted key that the scenario sets, e.g. teams.wijkteam.workers");
    const toml::node* values = entry.raw("values");
    const toml::array* va = values != nullptr ? values->as_array() : nullptr;
    if (va == nullptr || va->empty()) {
      entry.error("values", "expected a non-empty array of values", "[10, 12, 14] or [\"warm\", \"cold\"]");
    } else {
      for (std::size_t k = 0; k < va->size(); ++k) {
        if (auto text = as_toml_text(*va->get(k)))
          axis.values.push_back(*text);
        else
          entry.error("values", fmt::format("value {} is not a number, string or boolean", k), "scalars");
      }
    }
    entry.finish();
    axes.push_back(std::move(axis));
  }
  sweep.finish();
  if (!diags.ok()) return std::nullopt;
  return axes;
}

std::vector<SweepPoint> grid_points(const std::vector<SweepAxis>& axes) {
  std::vector<SweepPoint> points{SweepPoint{}};
  for (const auto& axis : axes) {
    std::vector<SweepPoint> next;
    for (const auto& p : points)
      for (const auto& v : axis.values) {
        SweepPoint q = p;
        q.values.push_back(v);
        next.push_back(std::move(q));
      }
    points = std::move(next);
  }
  for (auto& p : points) {
    for (std::size_t a = 0; a < axes.size(); ++a) {
      std::string v = p.values[a];
      v.erase(std::remove(v.begin(), v.end(), '"'), v.end());
      p.name += (a == 0 ? "" : "__") + axes[a].key + "=" + v;
    }
  }
  return points;
}

}  // namespace jeugdsim::experiment
