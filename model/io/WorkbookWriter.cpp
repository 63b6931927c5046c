#include "io/WorkbookWriter.hpp"

#include <xlsxwriter.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/ResultReader.hpp"

namespace jeugdsim::io {

namespace fs = std::filesystem;

std::string number_format_for(const std::string& name) {
  const auto has = [&](std::string_view part) { return name.find(part) != std::string::npos; };
  const auto starts = [&](std::string_view part) { return name.rfind(part, 0) == 0; };
  const auto ends = [&](std::string_view part) {
    return name.size() >= part.size() && name.compare(name.size() - part.size(), part.size(), part) == 0;
  };
  if (ends("_share") || has("_share_")) return "0.0%";
  if (starts("cost_eur")) return "\"\u20ac\" #,##0";
  if (has("_days")) return "0.0";
  if (has("per_family") || starts("caseload")) return "0.00";
  if (starts("hours_") || has("fte") || has("per_year") || ends("_mean")) return "#,##0.0";
  return "#,##0";
}

namespace {

// What a column holds: text, a whole number, a KPI value formatted by the row's KPI (or metric)
// name, days, a number of families (queue lengths), or yes/no.
enum class Kind { text, integer, value, days, families, yes_no };

struct Column {
  const char* key;  // the CSV heading
  const char* nl;
  const char* en;
  Kind kind;
  double width;
};

struct Table {
  const char* file;
  const char* sheet_nl;
  const char* sheet_en;
  const char* name_column;  // the column whose text decides a Kind::value format
  std::vector<Column> columns;
};

const Table kSummary{"summary.csv",
                     "samenvatting",
                     "summary",
                     "kpi",
                     {{"kpi", "indicator", "KPI", Kind::text, 34},
                      {"group", "groep", "group", Kind::text, 24},
                      {"mean", "gemiddelde", "mean", Kind::value, 14},
                      {"ci_low", "95%-BI laag", "95% CI low", Kind::value, 14},
                      {"ci_high", "95%-BI hoog", "95% CI high", Kind::value, 14},
                      {"n", "replicaties", "replications", Kind::integer, 12}}};

const Table kKpis{"kpis.csv",
                  "kpis per replicatie",
                  "kpis per replication",
                  "kpi",
                  {{"scenario", "scenario", "scenario", Kind::text, 20},
                   {"replication", "replicatie", "replication", Kind::integer, 12},
                   {"kpi", "indicator", "KPI", Kind::text, 34},
                   {"group", "groep", "group", Kind::text, 24},
                   {"value", "waarde", "value", Kind::value, 14}}};

const Table kTimeseries{"timeseries.csv",
                        "tijdreeksen",
                        "time series",
                        "metric",
                        {{"scenario", "scenario", "scenario", Kind::text, 20},
                         {"replication", "replicatie", "replication", Kind::integer, 12},
                         {"day", "dag na opwarmperiode", "day after warm-up", Kind::days, 14},
                         {"metric", "reeks", "metric", Kind::text, 24},
                         {"group", "groep", "group", Kind::text, 24},
                         {"value", "waarde", "value", Kind::value, 14}}};

const Table kQueueTrends{"queue-trends.csv",
                         "wachtlijsttrends",
                         "queue trends",
                         "group",
                         {{"group", "wachtlijst", "waiting list", Kind::text, 24},
                          {"first_half_mean", "gem. lengte eerste helft", "mean length first half", Kind::families, 16},
                          {"second_half_mean", "gem. lengte tweede helft", "mean length second half", Kind::families,
                           16},
                          {"growth_mean", "groei", "growth", Kind::families, 12},
                          {"growth_ci_low", "groei 95%-BI laag", "growth 95% CI low", Kind::families, 14},
                          {"growth_ci_high", "groei 95%-BI hoog", "growth 95% CI high", Kind::families, 14},
                          {"n", "replicaties", "replications", Kind::integer, 12},
                          {"growing", "groeit nog", "still growing", Kind::yes_no, 12}}};

const Table kComparison{"comparison.csv",
                        "vergelijking",
                        "comparison",
                        "kpi",
                        {{"kpi", "indicator", "KPI", Kind::text, 34},
                         {"group", "groep", "group", Kind::text, 24},
                         {"scenario", "scenario", "scenario", Kind::text, 20},
                         {"mean", "gemiddelde", "mean", Kind::value, 14},
                         {"ci_low", "95%-BI laag", "95% CI low", Kind::value, 14},
                         {"ci_high", "95%-BI hoog", "95% CI high", Kind::value, 14},
                         {"n", "replicaties", "replications", Kind::integer, 12},
                         {"diff_mean", "verschil met referentie", "difference with reference", Kind::value, 16},
                         {"diff_ci_low", "verschil 95%-BI laag", "difference 95% CI low", Kind::value, 16},
                         {"diff_ci_high", "verschil 95%-BI hoog", "difference 95% CI high", Kind::value, 16},
                         {"diff_n", "paren", "pairs", Kind::integer, 10}}};

// Excel's last row is 1,048,576; the header takes one.
constexpr std::uint64_t kMaxDataRows = 1048575;

// An open workbook; freed without writing when an exception leaves before close().
class Workbook {
 public:
  explicit Workbook(const fs::path& path) : path_(path) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to disk as written: big time series fit
    book_ = workbook_new_opt(path.c_str(), &options);
    if (book_ == nullptr) throw std::runtime_error(fmt::format("{}: cannot create the workbook", path.string()));
    // A fixed creation date (1980-01-01, the zip format's epoch) keeps the file identical for
    // identical results, like the CSV files; when the results were made is in run-info.json.
    std::string title = "jeugdsim";
    lxw_doc_properties properties{};
    properties.title = title.data();
    properties.created = 315532800;
    workbook_set_properties(book_, &properties);
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    format_set_text_wrap(bold_);
    format_set_align(bold_, LXW_ALIGN_VERTICAL_TOP);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (book_ != nullptr) lxw_workbook_free(book_);
  }

  lxw_worksheet* add_sheet(const std::string& name) {
    lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
    if (sheet == nullptr) throw std::runtime_error(fmt::format("{}: cannot add sheet '{}'", path_.string(), name));
    return sheet;
  }

  // One format object per number format code.
  lxw_format* number(const std::string& code) {
    auto it = formats_.find(code);
    if (it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(book_);
    format_set_num_format(f, code.c_str());
    return formats_.emplace(code, f).first->second;
  }

  lxw_format* bold() const { return bold_; }

  void close() {
    lxw_workbook* book = book_;
    book_ = nullptr;  // workbook_close frees it, whatever it returns
    const lxw_error error = workbook_close(book);
    if (error != LXW_NO_ERROR)
      throw std::runtime_error(fmt::format("{}: cannot write the workbook: {}", path_.string(), lxw_strerror(error)));
  }

 private:
  fs::path path_;
  lxw_workbook* book_ = nullptr;
  lxw_format* bold_ = nullptr;
  std::map<std::string, lxw_format*> formats_;
};

void check(lxw_error error, const fs::path& file, std::uint64_t line) {
  if (error != LXW_NO_ERROR)
    throw std::runtime_error(fmt::format("{}:{}: cannot put the row in the workbook: {}", file.string(), line,
                                         lxw_strerror(error)));
}

std::uint64_t count_data_lines(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::uint64_t lines = 0;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) ++lines;
  return lines > 0 ? lines - 1 : 0;
}

// Copies one CSV table into a new sheet. Returns a note for the provenance sheet when the table
// has more rows than a sheet holds (only the first ones are copied), else "".
std::string write_table(Workbook& book, const fs::path& folder, const Table& table, bool dutch) {
  const fs::path file = folder / table.file;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read it for the workbook", file.string()));
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split_csv_line(line);
  if (header.size() != table.columns.size())
    throw std::runtime_error(fmt::format("{}:1: expected {} columns for the workbook, found {}", file.string(),
                                         table.columns.size(), header.size()));
  std::size_t name_index = 0;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] != table.columns[c].key)
      throw std::runtime_error(fmt::format("{}:1: column {} is '{}', expected '{}'", file.string(), c + 1, header[c],
                                           table.columns[c].key));
    if (header[c] == table.name_column) name_index = c;
  }
  const std::uint64_t total = count_data_lines(file);

  lxw_worksheet* sheet = book.add_sheet(dutch ? table.sheet_nl : table.sheet_en);
  const auto last_col = static_cast<lxw_col_t>(table.columns.size() - 1);
  for (lxw_col_t c = 0; c <= last_col; ++c) {
    const Column& col = table.columns[c];
    worksheet_set_column(sheet, c, c, col.width, nullptr);
    worksheet_write_string(sheet, 0, c, dutch ? col.nl : col.en, book.bold());
  }
  worksheet_freeze_panes(sheet, 1, 0);
  const std::uint64_t rows = std::min(total, kMaxDataRows);
  if (rows > 0) worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(rows), last_col);

  lxw_format* integer = book.number("0");
  lxw_format* days = book.number("0.0");
  lxw_format* families = book.number("#,##0.0");
  std::map<std::string, lxw_format*, std::less<>> by_name;
  std::uint64_t line_no = 1;
  lxw_row_t row = 0;
  while (row < rows && std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const std::vector<std::string> fields = split_csv_line(line);
    if (fields.size() != table.columns.size())
      throw std::runtime_error(fmt::format("{}:{}: expected {} fields, found {}", file.string(), line_no,
                                           table.columns.size(), fields.size()));
    ++row;
    lxw_format* value_format = nullptr;
    for (lxw_col_t c = 0; c <= last_col; ++c) {
      const std::string& text = fields[c];
      const Kind kind = table.columns[c].kind;
      if (kind == Kind::text) {
        check(worksheet_write_string(sheet, row, c, text.c_str(), nullptr), file, line_no);
        continue;
      }
      if (kind == Kind::yes_no) {
        const std::string shown = !dutch ? text : text == "yes" ? "ja" : text == "no" ? "nee" : text;
        check(worksheet_write_string(sheet, row, c, shown.c_str(), nullptr), file, line_no);
        continue;
      }
      double v = 0;
      try {
        v = parse_number(text);
      } catch (const std::invalid_argument&) {
        throw std::runtime_error(fmt::format("{}:{}: {}: '{}' is not a number", file.string(), line_no,
                                             table.columns[c].key, text));
      }
      if (!std::isfinite(v)) continue;  // NaN (undefined, e.g. the reference's own difference): an empty cell
      lxw_format* format = integer;
      if (kind == Kind::days) format = days;
      if (kind == Kind::families) format = families;
      if (kind == Kind::value) {
        if (value_format == nullptr) {
          const std::string& name = fields[name_index];
          auto it = by_name.find(name);
          if (it == by_name.end()) it = by_name.emplace(name, book.number(number_format_for(name))).first;
          value_format = it->second;
        }
        format = value_format;
      }
      check(worksheet_write_number(sheet, row, c, v, format), file, line_no);
    }
  }
  if (total <= rows) return "";
  if (dutch)
    return fmt::format("{}: alleen de eerste {} van {} rijen (de grens van een werkblad); alle rijen staan in {}",
                       table.sheet_nl, rows, total, table.file);
  return fmt::format("{}: only the first {} of {} rows (a sheet's limit); every row is in {}", table.sheet_en, rows,
                     total, table.file);
}

std::string json_text(const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) out += (out.empty() ? "" : "; ") + json_text(item);
    return out;
  }
  return v.dump();
}

// provenance.json as key/value rows, plus where the sheets come from and any cut table.
void write_provenance(Workbook& book, const fs::path& folder, bool dutch, const std::vector<std::string>& sources,
                      const std::vector<std::string>& notes) {
  const fs::path file = folder / "provenance.json";
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read it for the workbook", file.string()));
  nlohmann::ordered_json prov;
  try {
    prov = nlohmann::ordered_json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(fmt::format("{}: {}", file.string(), e.what()));
  }
  lxw_worksheet* sheet = book.add_sheet(dutch ? "herkomst" : "provenance");
  worksheet_set_column(sheet, 0, 0, 28, nullptr);
  worksheet_set_column(sheet, 1, 1, 90, nullptr);
  worksheet_write_string(sheet, 0, 0, dutch ? "gegeven" : "item", book.bold());
  worksheet_write_string(sheet, 0, 1, dutch ? "waarde" : "value", book.bold());
  lxw_row_t row = 0;
  for (const auto& [key, value] : prov.items()) {
    ++row;
    worksheet_write_string(sheet, row, 0, key.c_str(), nullptr);
    if (value.is_number()) {
      worksheet_write_number(sheet, row, 1, value.get<double>(), nullptr);
    } else {
      worksheet_write_string(sheet, row, 1, json_text(value).c_str(), nullptr);
    }
  }
  ++row;
  std::string from;
  for (const auto& s : sources) from += (from.empty() ? "" : ", ") + s;
  worksheet_write_string(sheet, ++row, 0, dutch ? "bron van dit werkboek" : "source of this workbook", nullptr);
  worksheet_write_string(sheet, row, 1,
                         (dutch ? "de CSV-bestanden in deze map (" + from + "); die blijven de exacte uitkomsten"
                                : "the CSV files in this folder (" + from + "); they stay the exact results")
                             .c_str(),
                         nullptr);
  for (const auto& note : notes) {
    worksheet_write_string(sheet, ++row, 0, dutch ? "let op" : "note", nullptr);
    worksheet_write_string(sheet, row, 1, note.c_str(), nullptr);
  }
}

void write_workbook(const fs::path& folder, const std::string& lang, const std::string& name,
                    const std::vector<const Table*>& tables) {
  if (lang != "nl" && lang != "en")
    throw std::invalid_argument("workbook language '" + lang + "': expected nl or en");
  const bool dutch = lang == "nl";
  Workbook book(folder / name);
  std::vector<std::string> sources, notes;
  for (const Table* table : tables) {
    sources.emplace_back(table->file);
    std::string note = write_table(book, folder, *table, dutch);
    if (!note.empty()) notes.push_back(std::move(note));
  }
  sources.emplace_back("provenance.json");
  write_provenance(book, folder, dutch, sources, notes);
  book.close();
}

}  // namespace

void write_run_workbook(const fs::path& folder, const std::string& lang) {
  write_workbook(folder, lang, "results.xlsx", {&kSummary, &kKpis, &kTimeseries, &kQueueTrends});
}

void write_comparison_workbook(const fs::path& folder, const std::string& lang) {
  write_workbook(folder, lang, "comparison.xlsx", {&kComparison});
}

}  // namespace jeugdsim::io
