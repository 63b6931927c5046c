#pragma once
#include <filesystem>
#include <string>

namespace jeugdsim::io {

// Excel workbooks for people, beside the CSV files (which stay the exact, byte-identical record).
// One sheet per table, every number a numeric cell (so Dutch Excel never reads "3823.05" as text
// or as a date) with a display format by kind: days 1 decimal, shares as %, costs in euro with
// thousands separators, counts as integers. Headings in Dutch (lang "nl") or English ("en"); the
// provenance on a sheet of its own. The sheets are read from the CSV files already written in
// `folder`, so the workbook holds exactly their values. Throws std::runtime_error naming the
// file when a table is missing or malformed, or the workbook cannot be written.

// FOLDER/results.xlsx of a run folder: summary.csv, kpis.csv, timeseries.csv, queue-trends.csv
// and provenance.json.
void write_run_workbook(const std::filesystem::path& folder, const std::string& lang);

// FOLDER/comparison.xlsx of a compare folder: comparison.csv and provenance.json.
void write_comparison_workbook(const std::filesystem::path& folder, const std::string& lang);

// The Excel number format of a KPI or time-series metric, by what its name says it counts:
// "_share" -> 0.0%, "cost_eur" -> euro, "_days" -> 0.0, "per_family"/"caseload" -> 0.00,
// "hours_"/"fte"/"per_year"/"_mean" -> #,##0.0, anything else a count (#,##0).
std::string number_format_for(const std::string& name);

}  // namespace jeugdsim::io
