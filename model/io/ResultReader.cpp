#include "io/ResultReader.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

namespace jeugdsim::io {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

double parse_number(const std::string& text) {
  if (text == "NaN") return std::nan("");
  if (text == "Inf") return HUGE_VAL;
  if (text == "-Inf") return -HUGE_VAL;
  if (text.empty()) throw std::invalid_argument("empty number");
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE) throw std::invalid_argument("not a number: " + text);
  return v;
}

namespace {

// Calls `row(fields, line_number)` for every data row after checking the header.
template <class RowHandler>
void read_csv(const std::filesystem::path& file, const std::string& header, RowHandler row) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot open file", file.string()));
  std::string line;
  std::size_t number = 1;
  if (!std::getline(in, line) || line != header)
    throw std::runtime_error(fmt::format("{}:1: expected the header {}", file.string(), header));
  const std::size_t columns = split_csv_line(header).size();
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    auto fields = split_csv_line(line);
    if (fields.size() != columns)
      throw std::runtime_error(fmt::format("{}:{}: {} fields, expected {}", file.string(), number, fields.size(), columns));
    try {
      row(fields);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(fmt::format("{}:{}: {}", file.string(), number, e.what()));
    }
  }
}

std::uint32_t parse_replication(const std::string& text) {
  const double v = parse_number(text);
  if (!(v >= 0) || v != std::floor(v) || v > 4e9) throw std::invalid_argument("bad replication number: " + text);
  return static_cast<std::uint32_t>(v);
}

}  // namespace

ReadResults read_run_results(const std::filesystem::path& folder) {
  ReadResults out;
  std::map<std::uint32_t, care::ReplicationResult> by_replication;
  auto result_for = [&](std::uint32_t r) -> care::ReplicationResult& {
    auto& res = by_replication[r];
    res.replication = r;
    return res;
  };
  read_csv(folder / "kpis.csv", "scenario,replication,kpi,group,value", [&](const std::vector<std::string>& f) {
    if (out.scenario_id.empty()) out.scenario_id = f[0];
    result_for(parse_replication(f[1])).kpis.push_back({f[2], f[3], parse_number(f[4])});
  });
  read_csv(folder / "timeseries.csv", "scenario,replication,day,metric,group,value",
           [&](const std::vector<std::string>& f) {
             care::ReplicationResult& res = result_for(parse_replication(f[1]));
             const std::uint32_t series = res.series_index(f[3], f[4]);
             res.timeseries.push_back({parse_number(f[2]), series, parse_number(f[5])});
           });
  for (auto& [r, res] : by_replication) out.results.push_back(std::move(res));
  return out;
}

}  // namespace jeugdsim::io
