"""jeugdsim for notebooks: run, compare and plan scenarios in-process, results as pandas DataFrames.

The tables are those of the outputs contract (docs/outputs.md), in long format with the CSV
files' column names: ``kpis`` (kpis.csv), ``summary`` (summary.csv), ``queue_trends``
(queue-trends.csv) and, for ``compare``, ``comparison`` (comparison.csv). The numbers are
those of ``jeugdsim run`` / ``jeugdsim compare`` for the same scenario, seed and replications.

A scenario is a path to a TOML file (its includes resolve relative to its folder), TOML text
(includes resolve relative to ``base_dir``, default the working directory), or a pair
``(name, text)``. Invalid input raises :class:`ScenarioError` (a ValueError) whose message
names file:line: key: message; ``.errors`` lists the errors as dicts.
"""
import io
import os
import types

import pandas as pd

from . import _jeugdsim
from ._jeugdsim import ScenarioError

import json

__all__ = ["run", "compare", "plan", "ScenarioError"]


def _scenario(scenario, base_dir):
    """(text, base_dir, name) for the C++ API."""
    if isinstance(scenario, tuple):
        name, text = scenario
        return (text, str(base_dir or os.getcwd()), str(name))
    if isinstance(scenario, os.PathLike) or ("\n" not in scenario and scenario.strip().endswith(".toml")):
        path = os.fspath(scenario)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"{path}: no such scenario file")
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        return (text, os.path.dirname(path) or ".", path)
    return (scenario, str(base_dir or os.getcwd()), "scenario")


def _table(csv_text):
    # "NaN" is the contract's only missing value; other text (a group named "NA") stays text.
    return pd.read_csv(io.StringIO(csv_text), keep_default_na=False, na_values=["NaN"])


def _result(d):
    return types.SimpleNamespace(
        id=d["id"],
        kpis=_table(d["kpis_csv"]),
        summary=_table(d["summary_csv"]),
        queue_trends=_table(d["queue_trends_csv"]),
        provenance=dict(d["provenance"]),
    )


def run(scenario, overrides=None, seed=None, replications=None, threads=0, base_dir=None):
    """Run one scenario as ``jeugdsim run`` does.

    overrides: list of "KEY=VALUE" (as ``--set``); seed, replications: as ``--seed``, ``-r N``
    (default: the scenario's); threads: 0 for every core (results do not depend on it).
    Returns an object with DataFrames ``kpis``, ``summary``, ``queue_trends`` and the dict
    ``provenance``.
    """
    return _result(_jeugdsim.run(_scenario(scenario, base_dir), list(overrides or []), seed, replications, threads))


def compare(scenarios, overrides=None, seed=None, replications=None, threads=0, base_dir=None):
    """Run scenarios on common random numbers and compare them with the first, as ``jeugdsim compare``.

    overrides may name one scenario as "ID:KEY=VALUE" (ID: the file's stem). Returns an object
    with ``comparison`` (comparison.csv), ``kpis``, ``summary`` and ``queue_trends`` of all
    scenarios (summary and queue_trends with a leading ``scenario`` column), ``scenarios`` (id to
    the per-scenario result as from :func:`run`) and ``provenance`` (a list, one per scenario).
    """
    d = _jeugdsim.compare([_scenario(s, base_dir) for s in scenarios], list(overrides or []), seed, replications,
                          threads)
    each = [_result(s) for s in d["scenarios"]]

    def stacked(name):
        return pd.concat([getattr(r, name).assign(scenario=r.id)[["scenario"] + list(getattr(r, name).columns)]
                          for r in each], ignore_index=True)

    return types.SimpleNamespace(
        comparison=_table(d["comparison_csv"]),
        kpis=pd.concat([r.kpis for r in each], ignore_index=True),
        summary=stacked("summary"),
        queue_trends=stacked("queue_trends"),
        scenarios={r.id: r for r in each},
        provenance=[r.provenance for r in each],
    )


def plan(scenario, teams, targets, whole_workers=False, max_fte=0.0, overrides=None, seed=None, replications=None,
         threads=0, base_dir=None):
    """The least FTE per team for which every target holds with 95% confidence, as ``jeugdsim plan``.

    teams: team names to size (jointly); targets: "KPI <= VALUE" / "KPI >= VALUE" strings as for
    ``--target``; replications: at least 2. Returns an object with ``feasible``, ``messages``,
    ``plan`` (plan.csv as a DataFrame), ``plan_json`` (dict), ``answer_overrides`` and ``answer``
    (the answer's results as from :func:`run`, or None).
    """
    if isinstance(teams, str):
        teams = [teams]
    if isinstance(targets, str):
        targets = [targets]
    d = _jeugdsim.plan(_scenario(scenario, base_dir), list(teams), list(targets), bool(whole_workers),
                       float(max_fte), list(overrides or []), seed, replications, threads)
    return types.SimpleNamespace(
        feasible=d["feasible"],
        evaluations=d["evaluations"],
        messages=list(d["messages"]),
        plan=_table(d["plan_csv"]),
        plan_json=json.loads(d["plan_json"]),
        answer_overrides=list(d["answer_overrides"]),
        answer=_result(d["answer"]) if d["answer"] is not None else None,
    )
