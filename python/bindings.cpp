// _jeugdsim: the embedding API (model/api/Embedding.hpp) for Python. The tables travel as the
// outputs contract's CSV text (the same writers as the results folder), which the package's
// __init__.py reads into pandas DataFrames; errors become jeugdsim.ScenarioError.
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "api/Embedding.hpp"

namespace py = pybind11;
using namespace jeugdsim;

namespace {

using Text = std::tuple<std::string, std::string, std::string>;  // (text, base_dir, name)

api::ScenarioText scenario_text(const Text& t) {
  return api::ScenarioText{std::get<0>(t), std::get<1>(t), std::get<2>(t)};
}

api::RunOptions options(const std::vector<std::string>& overrides, std::optional<std::uint64_t> seed,
                        std::optional<std::uint32_t> replications, unsigned threads) {
  api::RunOptions o;
  o.overrides = overrides;
  o.seed = seed;
  o.replications = replications;
  o.threads = threads;
  return o;
}

py::dict to_dict(const api::ScenarioResult& r) {
  const api::Provenance& p = r.provenance;
  py::dict prov;
  prov["program"] = "jeugdsim";
  prov["version"] = p.version;
  prov["git_commit"] = p.git_commit;
  prov["scenario_id"] = p.scenario_id;
  prov["scenario_name"] = p.scenario_name;
  prov["seed"] = p.seed;
  prov["first_replication"] = p.first_replication;
  prov["replications"] = p.replications;
  prov["warmup_days"] = p.warmup_days;
  prov["warmup_method"] = p.warmup_method;
  prov["horizon_days"] = p.horizon_days;
  prov["overrides"] = p.overrides;
  prov["events"] = p.events;
  prov["resolved_toml"] = p.resolved_toml;
  py::dict d;
  d["id"] = r.id;
  d["kpis_csv"] = r.kpis_csv;
  d["summary_csv"] = r.summary_csv;
  d["queue_trends_csv"] = r.queue_trends_csv;
  d["provenance"] = prov;
  return d;
}

}  // namespace

PYBIND11_MODULE(_jeugdsim, m) {
  m.doc() = "jeugdsim embedding API (use the jeugdsim package, which returns pandas DataFrames)";
  // ScenarioError(ValueError): str() is every error as file:line: key: message, one per line;
  // .errors lists them as dicts (scenario, file, line, key, message, allowed).
  static py::handle error_type = py::exception<api::ScenarioError>(m, "ScenarioError", PyExc_ValueError).release();
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const api::ScenarioError& e) {
      py::list errors;
      for (const auto& err : e.errors()) {
        py::dict d;
        d["scenario"] = err.scenario;
        d["file"] = err.file;
        d["line"] = err.line;
        d["key"] = err.key;
        d["message"] = err.message;
        d["allowed"] = err.allowed;
        errors.append(d);
      }
      py::object instance = py::reinterpret_borrow<py::object>(error_type)(e.what());
      instance.attr("errors") = errors;
      PyErr_SetObject(error_type.ptr(), instance.ptr());
    }
  });
  m.def(
      "run",
      [](const Text& scenario, const std::vector<std::string>& overrides, std::optional<std::uint64_t> seed,
         std::optional<std::uint32_t> replications, unsigned threads) {
        api::ScenarioResult r;
        {
          py::gil_scoped_release release;  // the replications run on their own threads
          r = api::run(scenario_text(scenario), options(overrides, seed, replications, threads));
        }
        return to_dict(r);
      },
      py::arg("scenario"), py::arg("overrides"), py::arg("seed"), py::arg("replications"), py::arg("threads"));
  m.def(
      "compare",
      [](const std::vector<Text>& scenarios, const std::vector<std::string>& overrides,
         std::optional<std::uint64_t> seed, std::optional<std::uint32_t> replications, unsigned threads) {
        std::vector<api::ScenarioText> texts;
        for (const auto& s : scenarios) texts.push_back(scenario_text(s));
        api::CompareResult c;
        {
          py::gil_scoped_release release;
          c = api::compare(texts, options(overrides, seed, replications, threads));
        }
        py::list each;
        for (const auto& r : c.scenarios) each.append(to_dict(r));
        py::dict d;
        d["scenarios"] = each;
        d["comparison_csv"] = c.comparison_csv;
        return d;
      },
      py::arg("scenarios"), py::arg("overrides"), py::arg("seed"), py::arg("replications"), py::arg("threads"));
  m.def(
      "plan",
      [](const Text& scenario, const std::vector<std::string>& teams, const std::vector<std::string>& targets,
         bool whole_workers, double max_fte, const std::vector<std::string>& overrides,
         std::optional<std::uint64_t> seed, std::optional<std::uint32_t> replications, unsigned threads) {
        api::PlanResult p;
        {
          py::gil_scoped_release release;
          p = api::plan(scenario_text(scenario), api::PlanRequest{teams, targets, whole_workers, max_fte},
                        options(overrides, seed, replications, threads));
        }
        py::dict d;
        d["feasible"] = p.feasible;
        d["evaluations"] = p.evaluations;
        d["messages"] = p.messages;
        d["plan_csv"] = p.plan_csv;
        d["plan_json"] = p.plan_json;
        d["answer_overrides"] = p.answer_overrides;
        d["answer"] = p.answer ? py::object(to_dict(*p.answer)) : py::object(py::none());
        return d;
      },
      py::arg("scenario"), py::arg("teams"), py::arg("targets"), py::arg("whole_workers"), py::arg("max_fte"),
      py::arg("overrides"), py::arg("seed"), py::arg("replications"), py::arg("threads"));
}
