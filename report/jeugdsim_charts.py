"""Shared reading and charts for jeugdsim results: used by the notebooks and by make_report.py.

Reads only the outputs contract (README "Outputs"): comparison.csv, summary.csv, timeseries.csv,
provenance.json, run-info.json, scenario.resolved.toml, sensitivity.csv; and two documented
formats the C++ tool does not write yet: plan.csv (capacity planning) and fit.csv (calibration).
Every problem with a result file raises ResultsError with a message that names the file.
This module does not choose a matplotlib backend: notebooks draw inline, the report uses Agg.
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import math
import textwrap
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

# ---------------------------------------------------------------------------------------------
# Errors and file reading


class ResultsError(Exception):
    """A result file is missing or malformed. The message names the file and what to do."""


COMPARISON_COLUMNS = ["kpi", "group", "scenario", "mean", "ci_low", "ci_high", "n",
                      "diff_mean", "diff_ci_low", "diff_ci_high", "diff_n"]
SUMMARY_COLUMNS = ["kpi", "group", "mean", "ci_low", "ci_high", "n"]
TIMESERIES_COLUMNS = ["scenario", "replication", "day", "metric", "group", "value"]
QUEUE_TREND_COLUMNS = ["group", "first_half_mean", "second_half_mean", "growth_mean", "growth_ci_low",
                       "growth_ci_high", "n", "growing"]
SENSITIVITY_COLUMNS = ["kpi", "group", "assumption", "key", "param_low", "param_base", "param_high",
                       "base_mean", "base_ci_low", "base_ci_high", "low_mean", "low_ci_low", "low_ci_high",
                       "high_mean", "high_ci_low", "high_ci_high", "low_diff_mean", "low_diff_ci_low",
                       "low_diff_ci_high", "high_diff_mean", "high_diff_ci_low", "high_diff_ci_high", "n"]
EQUAL_SERVICE_COLUMNS = ["scenario", "team", "sized", "workers", "fte_per_worker", "fte", "file_workers", "file_fte",
                         "fte_diff", "cost_eur_per_year_mean", "cost_ci_low", "cost_ci_high", "cost_diff_mean",
                         "cost_diff_ci_low", "cost_diff_ci_high", "n"]
PLAN_COLUMNS = ["team", "fte", "kpi", "mean", "ci_low", "ci_high", "target"]
FIT_COLUMNS = ["target", "kpi", "observed", "simulated_mean", "simulated_ci_low", "simulated_ci_high",
               "within_tolerance"]


def _number(text: str) -> float:
    # The C++ writer prints NaN for undefined values (e.g. a team that does not exist in a scenario).
    value = float(text)
    return value


def read_csv(path: Path, columns: list[str], numeric: list[str], hint: str,
             booleans: tuple[str, ...] = ()) -> pd.DataFrame:
    """Reads a CSV with a header holding at least `columns`; `numeric` columns must parse as numbers.

    Errors name the file and line: "comparison.csv line 3: column mean is not a number ('abc')".
    """
    path = Path(path)
    if not path.is_file():
        raise ResultsError(f"{path} is missing: {hint}")
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            try:
                header = next(reader)
            except StopIteration:
                raise ResultsError(f"{path} is empty: {hint}") from None
            missing = [c for c in columns if c not in header]
            if missing:
                raise ResultsError(f"{path} line 1: missing column{'s' if len(missing) > 1 else ''} "
                                   f"{', '.join(missing)} (expected {','.join(columns)})")
            index = {c: header.index(c) for c in columns}
            data: dict[str, list] = {c: [] for c in columns}
            for line_no, row in enumerate(reader, start=2):
                if not row:
                    continue
                if len(row) != len(header):
                    raise ResultsError(f"{path} line {line_no}: {len(row)} fields, the header has {len(header)}")
                for c in columns:
                    text = row[index[c]]
                    if c in numeric:
                        try:
                            data[c].append(_number(text))
                        except ValueError:
                            raise ResultsError(f"{path} line {line_no}: column {c} is not a number "
                                               f"({text!r})") from None
                    elif c in booleans:
                        low = text.strip().lower()
                        if low not in ("true", "false", "1", "0", "yes", "no"):
                            raise ResultsError(f"{path} line {line_no}: column {c} is not true/false ({text!r})")
                        data[c].append(low in ("true", "1", "yes"))
                    else:
                        data[c].append(text)
    except UnicodeDecodeError as e:
        raise ResultsError(f"{path} is not UTF-8 text ({e.reason} at byte {e.start})") from None
    except csv.Error as e:
        raise ResultsError(f"{path}: not a valid CSV file ({e})") from None
    except OSError as e:
        raise ResultsError(f"{path} cannot be read ({e.strerror})") from None
    frame = pd.DataFrame(data, columns=columns)
    if frame.empty:
        raise ResultsError(f"{path} has a header but no rows: {hint}")
    return frame


def read_json(path: Path, hint: str) -> dict:
    path = Path(path)
    if not path.is_file():
        raise ResultsError(f"{path} is missing: {hint}")
    try:
        with open(path, encoding="utf-8") as f:
            value = json.load(f)
    except json.JSONDecodeError as e:
        raise ResultsError(f"{path} line {e.lineno}: not valid JSON ({e.msg})") from None
    except UnicodeDecodeError as e:
        raise ResultsError(f"{path} is not UTF-8 text ({e.reason})") from None
    except OSError as e:
        raise ResultsError(f"{path} cannot be read ({e.strerror})") from None
    if not isinstance(value, dict):
        raise ResultsError(f"{path}: expected a JSON object")
    return value


def read_toml(path: Path) -> dict:
    """The resolved scenario; optional (an empty dict when absent)."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ResultsError(f"{path}: not valid TOML ({e})") from None
    except OSError as e:
        raise ResultsError(f"{path} cannot be read ({e.strerror})") from None


# ---------------------------------------------------------------------------------------------
# Results folders


@dataclass
class ScenarioRun:
    id: str
    folder: Path
    provenance: dict
    resolved: dict
    run_info: dict
    _timeseries: pd.DataFrame | None = None
    hint: str = ""

    @property
    def name(self) -> str:
        meta = self.resolved.get("meta", {}) if isinstance(self.resolved.get("meta"), dict) else {}
        return str(self.provenance.get("scenario_name") or meta.get("name") or self.id)

    def display_name(self, lang: str) -> str:
        meta = self.resolved.get("meta", {}) if isinstance(self.resolved.get("meta"), dict) else {}
        if lang == "en" and meta.get("name_en"):
            return str(meta["name_en"])
        return self.name

    @property
    def intake_norm_days(self) -> float:
        sim = self.resolved.get("simulation", {})
        value = sim.get("intake_norm_days", 28) if isinstance(sim, dict) else 28
        return float(value) if isinstance(value, (int, float)) else 28.0

    @property
    def horizon_days(self) -> float:
        sim = self.resolved.get("simulation", {})
        value = self.provenance.get("horizon_days") or (sim.get("horizon_days") if isinstance(sim, dict) else None)
        return float(value) if isinstance(value, (int, float)) and value > 0 else 1825.0

    @property
    def start_date(self) -> _dt.date | None:
        """simulation.start_date: the calendar date of day 0 of the measured period, or None."""
        sim = self.resolved.get("simulation", {})
        value = sim.get("start_date") if isinstance(sim, dict) else None
        if isinstance(value, _dt.datetime):
            return value.date()
        return value if isinstance(value, _dt.date) else None

    def year_label(self, year: int) -> str:
        """Measured year 1, 2, ... as a calendar year ('2027') when the scenario has a start date on
        1 January, as a span ('2027/28') when it starts within a year, else as the number itself."""
        start = self.start_date
        if start is None:
            return str(year)
        first = start.year + year - 1
        if (start.month, start.day) == (1, 1):
            return str(first)
        return f"{first}/{(first + 1) % 100:02d}"

    def queue_trends(self) -> pd.DataFrame:
        """queue-trends.csv: per waiting list, first- and second-half mean length and whether it is
        still growing; no rows for folders of older versions that have no such file."""
        path = self.folder / "queue-trends.csv"
        columns = QUEUE_TREND_COLUMNS
        if not path.is_file():
            return pd.DataFrame(columns=columns)
        with open(path, encoding="utf-8", errors="replace") as f:
            if sum(1 for line in f if line.strip()) <= 1:  # a header only: no waiting list sampled
                return pd.DataFrame(columns=columns)
        return read_csv(path, columns, [c for c in columns if c not in ("group", "growing")], self.hint,
                        booleans=("growing",))

    def growing_queues(self) -> pd.DataFrame:
        """The waiting lists of queue_trends() that are still growing."""
        table = self.queue_trends()
        return table[table.growing.astype(bool)]

    def timeseries(self) -> pd.DataFrame:
        if self._timeseries is None:
            self._timeseries = read_csv(self.folder / "timeseries.csv", TIMESERIES_COLUMNS,
                                        ["replication", "day", "value"], self.hint)
        return self._timeseries


def common_start_date(results) -> _dt.date | None:
    """The start date shared by every scenario of a results folder, else None."""
    dates = {s.start_date for s in results.scenarios}
    return dates.pop() if len(dates) == 1 else None


def time_axis(results, days):
    """x values and axis label for days after the warm-up: calendar years when the scenarios share a
    start date, else years since the start of the measured period."""
    start = common_start_date(results)
    years = np.asarray(days, dtype=float) / 365.0
    if start is None:
        return years, None
    offset = start.year + (start.timetuple().tm_yday - 1) / 365.0
    return offset + years, start


def label_time_axis(ax, results, lang: str):
    start = common_start_date(results)
    if start is None:
        ax.set_xlabel(tr(lang, "years_after_warmup"))
        return
    ax.set_xlabel(tr(lang, "calendar_year"))
    from matplotlib.ticker import MaxNLocator, FormatStrFormatter
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FormatStrFormatter("%d"))


@dataclass
class Results:
    """A compare folder (several scenarios, paired differences) or a single run folder."""
    kind: str                      # "compare" or "run"
    folder: Path
    provenance: dict
    scenarios: list[ScenarioRun]
    table: pd.DataFrame            # comparison.csv columns; for a run the diff columns are NaN
    extra: dict = field(default_factory=dict)

    @property
    def reference(self) -> ScenarioRun:
        return self.scenarios[0]

    def scenario(self, sid: str) -> ScenarioRun:
        for s in self.scenarios:
            if s.id == sid:
                return s
        raise KeyError(sid)

    def row(self, kpi: str, group: str, scenario: str) -> pd.Series | None:
        t = self.table
        sel = t[(t.kpi == kpi) & (t.group == group) & (t.scenario == scenario)]
        return None if sel.empty else sel.iloc[0]

    def equal_service(self) -> pd.DataFrame | None:
        """equal-service.csv of a `compare --equal-service` folder (staffing and cost per design at
        equal service), or None for any other folder."""
        path = self.folder / "equal-service.csv"
        if self.kind != "compare" or not path.is_file():
            return None
        numeric = [c for c in EQUAL_SERVICE_COLUMNS if c not in ("scenario", "team", "sized")]
        table = read_csv(path, EQUAL_SERVICE_COLUMNS, numeric, COMPARE_HINT)
        table["team"] = table["team"].astype(str)
        table["sized"] = table["sized"].fillna("").astype(str)
        return table

    @property
    def seed(self):
        return self.provenance.get("seed", self.reference.provenance.get("seed"))

    @property
    def replications(self):
        return self.provenance.get("replications", self.reference.provenance.get("replications"))

    @property
    def version(self) -> str:
        v = self.provenance.get("version") or self.reference.provenance.get("version") or "?"
        commit = self.provenance.get("git_commit") or self.reference.provenance.get("git_commit")
        return f"{v} ({commit})" if commit and commit != "unknown" else str(v)

    @property
    def date(self) -> str:
        started = str(self.reference.run_info.get("started_utc", ""))
        if len(started) >= 10:
            return started[:10]
        return _dt.date.today().isoformat()


COMPARE_HINT = "run `jeugdsim compare SCENARIO.toml ... --out FOLDER` first"
RUN_HINT = "run `jeugdsim run SCENARIO.toml --out FOLDER` first"


def _load_scenario_run(folder: Path, sid: str, hint: str) -> ScenarioRun:
    if not folder.is_dir():
        raise ResultsError(f"{folder} is missing (the results folder of scenario {sid}): {hint}")
    prov = read_json(folder / "provenance.json", hint)
    resolved = read_toml(folder / "scenario.resolved.toml")
    run_info_path = folder / "run-info.json"
    run_info = read_json(run_info_path, hint) if run_info_path.exists() else {}
    return ScenarioRun(id=sid, folder=folder, provenance=prov, resolved=resolved, run_info=run_info, hint=hint)


def load_results(folder) -> Results:
    """Reads a compare folder (comparison.csv) or a run folder (summary.csv)."""
    folder = Path(folder)
    if not folder.exists():
        raise ResultsError(f"{folder} does not exist: {COMPARE_HINT}")
    if not folder.is_dir():
        raise ResultsError(f"{folder} is not a folder: give the results folder of `jeugdsim compare` or `jeugdsim run`")
    has_comparison = (folder / "comparison.csv").exists()
    has_summary = (folder / "summary.csv").exists()
    prov_path = folder / "provenance.json"
    if not has_comparison and not has_summary:
        if prov_path.exists():
            prov = read_json(prov_path, COMPARE_HINT)
            if "scenario_id" in prov:
                raise ResultsError(f"{folder / 'summary.csv'} is missing: {RUN_HINT}")
            if prov.get("kind") in ("one-way", "grid"):
                raise ResultsError(f"{folder} is a sweep folder: give its base/ folder, or a compare folder")
        raise ResultsError(f"{folder / 'comparison.csv'} is missing (and there is no summary.csv of a single run): "
                           f"{COMPARE_HINT}")
    if has_comparison:
        prov = read_json(prov_path, COMPARE_HINT)
        table = read_csv(folder / "comparison.csv", COMPARISON_COLUMNS,
                         ["mean", "ci_low", "ci_high", "n", "diff_mean", "diff_ci_low", "diff_ci_high", "diff_n"],
                         COMPARE_HINT)
        ids = prov.get("scenarios")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            # Fall back on the order of first appearance in comparison.csv.
            ids = list(dict.fromkeys(table.scenario))
        unknown = sorted(set(table.scenario) - set(ids))
        if unknown:
            raise ResultsError(f"{folder / 'comparison.csv'}: scenario {unknown[0]} is not listed in "
                               f"{prov_path}")
        scenarios = [_load_scenario_run(folder / sid, sid, COMPARE_HINT) for sid in ids]
        return Results("compare", folder, prov, scenarios, table)
    prov = read_json(prov_path, RUN_HINT)
    summary = read_csv(folder / "summary.csv", SUMMARY_COLUMNS, ["mean", "ci_low", "ci_high", "n"], RUN_HINT)
    sid = str(prov.get("scenario_id") or folder.name)
    run = _load_scenario_run(folder, sid, RUN_HINT)
    table = summary.copy()
    table.insert(2, "scenario", sid)
    for c in ["diff_mean", "diff_ci_low", "diff_ci_high"]:
        table[c] = np.nan
    table["diff_n"] = 0.0
    return Results("run", folder, prov, [run], table[COMPARISON_COLUMNS])


SWEEP_HINT = "run `jeugdsim sweep SCENARIO.toml --one-way --out FOLDER` first"


DIFFERENCE_COLUMNS = ["kpi", "group", "scenario", "reference", "assumption", "key", "param_low", "param_base",
                      "param_high", "base_diff_mean", "base_diff_ci_low", "base_diff_ci_high", "low_diff_mean",
                      "low_diff_ci_low", "low_diff_ci_high", "high_diff_mean", "high_diff_ci_low",
                      "high_diff_ci_high", "n"]


def sweep_scenario_folder(folder) -> Path:
    """The folder holding sensitivity.csv: the sweep folder itself, or for a sweep of several
    scenarios (sweep-differences.csv) the folder of its first scenario."""
    folder = Path(folder)
    if not (folder / "sensitivity.csv").exists() and (folder / "sweep-differences.csv").exists():
        ids = read_json(folder / "provenance.json", SWEEP_HINT).get("scenarios")
        if isinstance(ids, list) and ids and isinstance(ids[0], str):
            return folder / ids[0]
    return folder


def load_sensitivity(folder):
    """sensitivity.csv and provenance.json of a one-way sweep folder (for a sweep of several
    scenarios: those of the first scenario)."""
    folder = sweep_scenario_folder(folder)
    table = read_csv(folder / "sensitivity.csv", SENSITIVITY_COLUMNS,
                     [c for c in SENSITIVITY_COLUMNS if c not in ("kpi", "group", "assumption", "key")], SWEEP_HINT)
    prov = read_json(folder / "provenance.json", SWEEP_HINT)
    base_info = folder / "base" / "run-info.json"
    run_info = read_json(base_info, SWEEP_HINT) if base_info.exists() else {}
    return table, prov, run_info


def load_sweep_differences(folder) -> pd.DataFrame:
    """sweep-differences.csv of `jeugdsim sweep --one-way A.toml B.toml ...`: the paired difference
    (scenario minus reference) of the headline KPIs at the base and at each assumption's low and high."""
    return read_csv(Path(folder) / "sweep-differences.csv", DIFFERENCE_COLUMNS,
                    [c for c in DIFFERENCE_COLUMNS if c not in ("kpi", "group", "scenario", "reference", "assumption",
                                                                 "key")], SWEEP_HINT)


def load_plan(folder):
    """plan.csv (team,fte,kpi,mean,ci_low,ci_high,target) or None when the folder has none."""
    path = Path(folder) / "plan.csv"
    if not path.exists():
        return None
    return read_csv(path, PLAN_COLUMNS, ["fte", "mean", "ci_low", "ci_high", "target"],
                    "capacity planning writes it")


def load_fit(folder):
    """fit.csv (target,kpi,observed,simulated_mean,simulated_ci_low,simulated_ci_high,within_tolerance) or None."""
    path = Path(folder) / "fit.csv"
    if not path.exists():
        return None
    return read_csv(path, FIT_COLUMNS, ["observed", "simulated_mean", "simulated_ci_low", "simulated_ci_high"],
                    "calibration writes it", booleans=("within_tolerance",))


# ---------------------------------------------------------------------------------------------
# Words

TEXT = {
    "nl": {
        "scenario": "scenario", "scenarios": "scenario's", "seed": "startgetal (seed)", "replications": "herhalingen",
        "version": "jeugdsim", "date": "datum", "source": "Bron",
        "waits_title": "Wachttijd tot intake per scenario",
        "waits_mean": "gemiddeld", "waits_p90": "9 van de 10 gezinnen wachten korter dan",
        "days": "dagen", "norm": "norm {norm:g} dagen",
        "wl_title": "Wachtlijsten door de tijd (lijn: gemiddelde; band: de middelste 80% van de uitkomsten)",
        "wl_teams": "Wachtend op een intake bij de teams", "wl_providers": "Wachtend op specialistische zorg",
        "families": "gezinnen", "year": "jaar", "years_after_warmup": "jaren sinds het begin van de meetperiode",
        "calendar_year": "kalenderjaar",
        "cl_title": "Gezinnen per medewerker door de tijd (lijn: gemiddelde; band: de middelste 80%)",
        "cl_y": "gezinnen per medewerker",
        "cls_title": "Spreiding van de caseload tussen medewerkers (standaardafwijking, 95%-BI)",
        "cls_x": "standaardafwijking van de caseload (gezinnen)",
        "cont_title": "Continuïteit per gezin (gemiddelde, 95%-BI)", "per_family": "aantal per gezin",
        "professionals_per_family": "professionals", "handoffs_per_family": "overdrachten",
        "intakes_per_family": "intakes", "plans_per_family": "plannen",
        "cost_title": "Kosten per jaar naar team en soort zorg (gemiddelde van de herhalingen)",
        "cost_y": "miljoen euro", "total": "totaal",
        "tornado_title": "Gevoeligheid voor aannames: {kpi}",
        "tornado_low": "aanname laag", "tornado_high": "aanname hoog", "tornado_base": "uitgangspunt",
        "tornado_values": "laag / uitgangspunt / hoog",
        "tornado_diff_title": "Gevoeligheid van het verschil tussen de ontwerpen voor aannames: {kpi}",
        "tornado_diff_x": ("verschil in {kpi} tussen ‘{name}’ en ‘{ref}’ (dagen; rechts van 0 wachten gezinnen in "
                           "‘{name}’ langer); uitgangspunt {base}"),
        "no_difference": "geen verschil",
        "plan_title": "Capaciteitsplanning: {kpi} per team bij meer of minder fte",
        "plan_target": "doel", "fte": "fte",
        "fit_title": "Kalibratie: gesimuleerd ten opzichte van waargenomen",
        "fit_ratio": "gesimuleerd / waargenomen (95%-BI)", "fit_ok": "binnen tolerantie",
        "fit_bad": "buiten tolerantie",
        "team": "team", "provider": "aanbieder",
    },
    "en": {
        "scenario": "scenario", "scenarios": "scenarios", "seed": "seed", "replications": "runs",
        "version": "jeugdsim", "date": "date", "source": "Source",
        "waits_title": "Wait to intake per scenario",
        "waits_mean": "mean", "waits_p90": "9 in 10 families wait less than",
        "days": "days", "norm": "norm {norm:g} days",
        "wl_title": "Waiting lists over time (line: mean; band: the middle 80% of outcomes)",
        "wl_teams": "Waiting for an intake at the teams", "wl_providers": "Waiting for specialist care",
        "families": "families", "year": "year", "years_after_warmup": "years since the start of the measured period",
        "calendar_year": "calendar year",
        "cl_title": "Families per worker over time (line: mean; band: the middle 80%)",
        "cl_y": "families per worker",
        "cls_title": "Spread of caseload between workers (standard deviation, 95% CI)",
        "cls_x": "standard deviation of caseload (families)",
        "cont_title": "Continuity per family (mean, 95% CI)", "per_family": "number per family",
        "professionals_per_family": "professionals", "handoffs_per_family": "hand-offs",
        "intakes_per_family": "intakes", "plans_per_family": "plans",
        "cost_title": "Cost per year by team and type of care (mean of the runs)",
        "cost_y": "EUR million", "total": "total",
        "tornado_title": "Sensitivity to assumptions: {kpi}",
        "tornado_low": "assumption low", "tornado_high": "assumption high", "tornado_base": "base case",
        "tornado_values": "low / base / high",
        "tornado_diff_title": "Sensitivity of the difference between the designs to assumptions: {kpi}",
        "tornado_diff_x": ("difference in {kpi} between ‘{name}’ and ‘{ref}’ (days; right of 0 families wait longer "
                           "in ‘{name}’); base case {base}"),
        "no_difference": "no difference",
        "plan_title": "Capacity planning: {kpi} per team with more or fewer FTE",
        "plan_target": "target", "fte": "FTE",
        "fit_title": "Calibration: simulated against observed",
        "fit_ratio": "simulated / observed (95% CI)", "fit_ok": "within tolerance",
        "fit_bad": "outside tolerance",
        "team": "team", "provider": "provider",
    },
}

def _read_kpi_names() -> dict[str, dict[str, str]]:
    """KPI display names per language from kpis.json next to this file: the output of
    `jeugdsim kpis --json`, i.e. the program's KPI registry (model/experiment/KpiRegistry.cpp),
    kept in step by a unit test."""
    with open(Path(__file__).with_name("kpis.json"), encoding="utf-8") as f:
        kpis = json.load(f)["kpis"]
    return {"nl": {k["name"]: k["name_nl"] for k in kpis}, "en": {k["name"]: k["name_en"] for k in kpis}}


KPI_LABELS = _read_kpi_names()

CARE_LABELS = {
    "nl": {
        "addiction_care": "verslavingszorg", "adult_mental_health": "ggz volwassenen",
        "ambulant": "ambulante jeugdhulp", "closed_care": "gesloten jeugdzorg", "crisis": "crisishulp",
        "day_treatment": "dagbehandeling", "debt_counselling": "schuldhulpverlening",
        "family_home": "gezinshuis", "foster_care": "pleegzorg", "lvb": "lvb-zorg",
        "residential": "residentiële jeugdhulp", "wmo_support": "Wmo-ondersteuning",
        "youth_mental_health": "jeugd-ggz",
    },
    "en": {
        "addiction_care": "addiction care", "adult_mental_health": "adult mental health",
        "ambulant": "ambulant youth care", "closed_care": "closed youth care", "crisis": "crisis care",
        "day_treatment": "day treatment", "debt_counselling": "debt counselling",
        "family_home": "family home", "foster_care": "foster care", "lvb": "care for mild intellectual disability",
        "residential": "residential youth care", "wmo_support": "Wmo support",
        "youth_mental_health": "youth mental health",
    },
}


# Display names of the teams of the shipped scenarios (the scenario files name a team by its
# table key only). A team not listed here reads as its key with spaces, see team_label().
TEAM_LABELS = {
    "nl": {"wijkteam": "Wijkteam", "gi": "Gecertificeerde instelling (GI)", "jeugd": "Jeugdteam",
           "ouder": "Ouderteam", "jot": "Jeugd- en opvoedteam (JOT)", "gezinsregisseurs": "Gezinsregisseurs",
           "jg_noord": "Jeugd- en gezinsteam Noord", "jg_zuid": "Jeugd- en gezinsteam Zuid"},
    "en": {"wijkteam": "Neighbourhood team (wijkteam)", "gi": "Certified institution (GI)", "jeugd": "Youth team",
           "ouder": "Parent team", "jot": "Youth and parenting team (JOT)", "gezinsregisseurs": "Family regisseurs",
           "jg_noord": "Youth and family team North", "jg_zuid": "Youth and family team South"},
}
TEAM_PREFIXES = {"nl": {"jg": "Jeugd- en gezinsteam"}, "en": {"jg": "Youth and family team"}}
# The same teams inside a sentence ("de wachtlijst bij het wijkteam"); others keep their display name.
TEAM_PHRASES = {
    "nl": {"wijkteam": "het wijkteam", "gi": "de gecertificeerde instelling (GI)", "jeugd": "het jeugdteam",
           "ouder": "het ouderteam", "jot": "het jeugd- en opvoedteam (JOT)", "gezinsregisseurs": "de gezinsregisseurs",
           "jg_noord": "het jeugd- en gezinsteam Noord", "jg_zuid": "het jeugd- en gezinsteam Zuid"},
    "en": {"wijkteam": "the neighbourhood team (wijkteam)", "gi": "the certified institution (GI)",
           "jeugd": "the youth team", "ouder": "the parent team", "jot": "the youth and parenting team (JOT)",
           "gezinsregisseurs": "the family regisseurs", "jg_noord": "the youth and family team North",
           "jg_zuid": "the youth and family team South"},
}

# Plain names of the [assumptions.NAME] tables of the shipped scenarios, for the tornado and the
# sensitivity section (the scenario files describe them in an English `note` for analysts).
# report_tests.py checks that every shipped assumption has a label in both languages.
ASSUMPTION_LABELS = {
    "nl": {
        "unaddressed_parent_relapse_factor": "factor waarmee een onbehandeld probleem van een ouder het risico op "
                                             "terugval verhoogt",
        "reentry_base_probability": "kans dat een gezin na afsluiting opnieuw hulp nodig heeft",
        "reneging_per_year": "kans per jaar dat een wachtend gezin afhaakt",
        "parent_mental_health_presented": "deel van de psychische problemen van ouders dat bij de aanmelding genoemd wordt",
        "discovery_per_contact": "kans per contact dat een verborgen probleem aan het licht komt",
        "consent_delay_days": "dagen tot ouders toestemming geven om informatie te delen",
        "hand_off_loss_share": "deel van de doorverwijzingen tussen teams dat nooit aankomt",
    },
    "en": {
        "unaddressed_parent_relapse_factor": "factor by which an untreated parent's problem raises the risk of "
                                             "relapse",
        "reentry_base_probability": "chance that a family needs help again after closure",
        "reneging_per_year": "chance per year that a waiting family drops out",
        "parent_mental_health_presented": "share of parents' mental health problems named at the door",
        "discovery_per_contact": "chance per contact that a hidden problem comes to light",
        "consent_delay_days": "days until parents consent to share information",
        "hand_off_loss_share": "share of referrals between teams that never arrive",
    },
}


def check_lang(lang: str) -> str:
    if lang not in TEXT:
        raise ResultsError(f"unknown language {lang!r}: choose nl or en")
    return lang


def tr(lang: str, key: str, **kw) -> str:
    return TEXT[check_lang(lang)][key].format(**kw)


def kpi_label(lang: str, kpi: str) -> str:
    return KPI_LABELS[lang].get(kpi, kpi)


def capitalised(text: str) -> str:
    """A label as the first word of a legend entry or axis label: 'jeugd-ggz' -> 'Jeugd-ggz'."""
    return text[:1].upper() + text[1:]


def _readable(key: str) -> str:
    """A table key as words: 'jg_noord' -> 'Jg noord'."""
    text = key.replace("_", " ").replace(".", " ").strip()
    return text[:1].upper() + text[1:]


def team_label(lang: str, name: str) -> str:
    """The display name of a team; a numbered team such as jg_07 reads 'Jeugd- en gezinsteam 07'."""
    if name in TEAM_LABELS[lang]:
        return TEAM_LABELS[lang][name]
    prefix, _, rest = name.partition("_")
    if rest and prefix in TEAM_PREFIXES[lang]:
        return f"{TEAM_PREFIXES[lang][prefix]} {_readable(rest)}"
    return f"{tr(lang, 'team')[:1].upper()}{tr(lang, 'team')[1:]} {name.replace('_', ' ')}"


def group_phrase(lang: str, group: str) -> str:
    """A team or type of care as it reads inside a sentence: 'het wijkteam', 'ambulante jeugdhulp'."""
    kind, _, name = group.partition(":")
    if kind == "team" and name in TEAM_PHRASES[lang]:
        return TEAM_PHRASES[lang][name]
    return group_label(lang, group)


def assumption_label(lang: str, name: str) -> str:
    return ASSUMPTION_LABELS[lang].get(name) or _readable(name)


def group_label(lang: str, group: str) -> str:
    kind, _, name = group.partition(":")
    if kind == "provider":
        return CARE_LABELS[lang].get(name, name.replace("_", " "))
    if kind == "team":
        return team_label(lang, name)
    return group


def fmt_value(value: float, lang: str = "nl") -> str:
    """A parameter value with as many decimals as it needs (0,05 / 1,5 / 42)."""
    for decimals in range(0, 4):
        if abs(value - round(value, decimals)) < 1e-9:
            return fmt_num(value, decimals, lang)
    return fmt_num(value, 3, lang)


def fmt_num(value: float, decimals: int, lang: str = "nl", signed: bool = False) -> str:
    """A number for readers: Dutch decimal comma, a real minus sign."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:+.{decimals}f}" if signed else f"{value:.{decimals}f}"
    if text.lstrip("+-") == f"{0:.{decimals}f}":
        text = f"{0:.{decimals}f}"  # no "-0"
    if lang == "nl":
        text = text.replace(".", ",")
    return text.replace("-", "\u2212")


# ---------------------------------------------------------------------------------------------
# Provenance and figure plumbing

PALETTE = ["#1b6ca8", "#e07b1a", "#3a923a", "#c03d3e", "#8c62aa", "#7f7f7f", "#bcbd22", "#17becf"]


def scenario_colors(results: Results) -> dict[str, str]:
    return {s.id: PALETTE[i % len(PALETTE)] for i, s in enumerate(results.scenarios)}


def provenance_note(results: Results, lang: str) -> str:
    ids = [s.id for s in results.scenarios]
    label = tr(lang, "scenarios") if len(ids) > 1 else tr(lang, "scenario")
    label = label[0].upper() + label[1:]
    return (f"{label}: {', '.join(ids)} · {tr(lang, 'seed')} {results.seed} · "
            f"{results.replications} {tr(lang, 'replications')} · jeugdsim {results.version} · "
            f"{tr(lang, 'date')} {results.date}")


def sweep_note(prov: dict, run_info: dict, lang: str) -> str:
    version = prov.get("version", "?")
    if prov.get("git_commit") and prov.get("git_commit") != "unknown":
        version = f"{version} ({prov['git_commit']})"
    date = str(run_info.get("started_utc", ""))[:10] or _dt.date.today().isoformat()
    ids = prov.get("scenarios")
    several = isinstance(ids, list) and len(ids) > 1
    scen = ", ".join(map(str, ids)) if several else Path(str(prov.get("scenario_file", "?"))).stem
    label = tr(lang, "scenarios" if several else "scenario")
    return (f"{label[0].upper() + label[1:]}: {scen} · {tr(lang, 'seed')} {prov.get('seed', '?')} · "
            f"{prov.get('replications', '?')} {tr(lang, 'replications')} · jeugdsim {version} · "
            f"{tr(lang, 'date')} {date}")


def folder_note(folder, lang: str, file: str) -> str:
    """Provenance footnote for a folder with a plan.csv or fit.csv: from its provenance.json when present."""
    folder = Path(folder)
    prov_path = folder / "provenance.json"
    if prov_path.exists():
        try:
            return provenance_note(load_results(folder), lang)
        except ResultsError:
            prov = read_json(prov_path, "")
            info = folder / "run-info.json"
            return sweep_note(prov, read_json(info, "") if info.exists() else {}, lang)
    return f"{tr(lang, 'source')}: {folder / file} · {tr(lang, 'date')} {_dt.date.today().isoformat()}"


def finish(fig, note: str):
    """Lays the figure out with its provenance footnote underneath (part of the image)."""
    width, height = fig.get_size_inches()
    lines = textwrap.wrap(note, width=max(40, int(width * 15)))
    foot = (0.08 + 0.14 * len(lines)) / height
    fig.tight_layout(rect=(0, foot, 1, 1))
    fig.text(0.01, 0.02 / height, "\n".join(lines), ha="left", va="bottom", fontsize=7, color="#555555")
    fig.jeugdsim_note = note
    return fig


def localise_ticks(fig, lang: str):
    """Dutch charts write decimals with a comma, like the text around them (0,25 rather than 0.25);
    axes with their own labels (scenario names, years) are left alone."""
    if lang != "nl":
        return fig
    from matplotlib.ticker import FuncFormatter, ScalarFormatter
    comma = FuncFormatter(lambda v, _pos: f"{v:.10g}".replace(".", ",").replace("-", "\u2212"))
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if isinstance(axis.get_major_formatter(), ScalarFormatter):
                axis.set_major_formatter(comma)
    return fig


def save_figure(fig, folder, name: str) -> dict[str, Path]:
    """Writes NAME.png (150 dpi) and NAME.svg (text kept as text, editable on slides) into folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    png, svg = folder / f"{name}.png", folder / f"{name}.svg"
    fig.savefig(png, dpi=150, metadata={"Software": None}, pil_kwargs={"optimize": True})
    # A salt per chart keeps clip-path ids distinct when several SVGs end up in one document.
    with plt.rc_context({"svg.hashsalt": f"jeugdsim-{name}", "svg.fonttype": "none"}):
        fig.savefig(svg, metadata={"Date": None, "Creator": None})
    return {"png": png, "svg": svg}


def png_bytes(fig, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (for embedding in a page)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None}, pil_kwargs={"optimize": True})
    return buffer.getvalue()


def _band(values: pd.DataFrame, column: str = "value") -> pd.DataFrame:
    """Mean, P10 and P90 over replications per day."""
    g = values.groupby("day")[column]
    out = pd.DataFrame({"mean": g.mean(), "p10": g.quantile(0.1), "p90": g.quantile(0.9)})
    return out.reset_index()


def _err(rows: pd.DataFrame):
    lo = (rows["mean"] - rows["ci_low"]).clip(lower=0).fillna(0)
    hi = (rows["ci_high"] - rows["mean"]).clip(lower=0).fillna(0)
    return np.vstack([lo.to_numpy(), hi.to_numpy()])


# ---------------------------------------------------------------------------------------------
# Charts (each returns a matplotlib Figure with its provenance footnote)


def chart_waits(results: Results, lang: str = "nl"):
    """Mean and 90th-percentile wait to intake per scenario with 95% CIs; the intake norm marked."""
    names = [s.display_name(lang) for s in results.scenarios]
    colors = scenario_colors(results)
    fig, ax = plt.subplots(figsize=(9, 1.6 + 0.75 * len(names)))
    y = np.arange(len(names))
    for k, (kpi, marker, offset, key) in enumerate([("intake_wait_days_mean", "o", -0.15, "waits_mean"),
                                                    ("intake_wait_days_p90", "D", 0.15, "waits_p90")]):
        rows = pd.DataFrame([results.row(kpi, "all", s.id) for s in results.scenarios])
        if rows.empty or "mean" not in rows:
            continue
        for i, s in enumerate(results.scenarios):
            r = rows.iloc[i]
            ax.errorbar(r["mean"], y[i] + offset, xerr=_err(rows.iloc[[i]]), fmt=marker, color=colors[s.id],
                        mfc=colors[s.id] if k == 0 else "white", capsize=4, ms=7,
                        label=tr(lang, key) if i == 0 else None)
            ax.annotate(fmt_num(r["mean"], 0, lang), (r["ci_high"] if np.isfinite(r["ci_high"]) else r["mean"],
                                                      y[i] + offset),
                        xytext=(6, 0), textcoords="offset points", va="center", fontsize=8)
    norms = sorted({s.intake_norm_days for s in results.scenarios})
    for norm in norms:
        ax.axvline(norm, color="#c03d3e", ls="--", lw=1.2)
        ax.text(norm, len(names) - 0.45, " " + tr(lang, "norm", norm=norm), color="#c03d3e", fontsize=8,
                va="bottom")
    ax.set_yticks(y, [textwrap.fill(n, 34) for n in names])
    ax.invert_yaxis()
    ax.set_ylim(len(names) - 0.3, -0.7)
    ax.set_xlim(left=0)
    ax.set_xlabel(tr(lang, "days"))
    ax.set_title(tr(lang, "waits_title"), loc="left", fontweight="bold")
    ax.grid(axis="x", alpha=0.3)
    handles, labels = ax.get_legend_handles_labels()
    for h in handles:  # legend markers in neutral grey: colours stand for scenarios
        try:
            h[0].set_color("#444444")
        except (TypeError, AttributeError):
            pass
    ax.legend(handles, labels, loc="lower right", fontsize=8)
    return finish(fig, provenance_note(results, lang))


def _team_groups(ts: pd.DataFrame, metric: str, prefix: str) -> pd.DataFrame:
    sel = ts[(ts.metric == metric) & ts.group.str.startswith(prefix)]
    return sel.groupby(["replication", "day"], as_index=False)["value"].sum()


def chart_waiting_list(results: Results, lang: str = "nl"):
    """Waiting list length over time: teams (intake) and specialist care, band over replications."""
    colors = scenario_colors(results)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.6), sharex=True)
    for ax, prefix, key in [(axes[0], "team:", "wl_teams"), (axes[1], "provider:", "wl_providers")]:
        for s in results.scenarios:
            ts = s.timeseries()
            total = _team_groups(ts, "waiting_list_length", prefix)
            if total.empty:
                continue
            b = _band(total)
            x, _ = time_axis(results, b["day"])
            ax.fill_between(x, b["p10"], b["p90"], color=colors[s.id], alpha=0.18, lw=0)
            ax.plot(x, b["mean"], color=colors[s.id], lw=1.8, label=textwrap.fill(s.display_name(lang), 40))
        ax.set_title(tr(lang, key), fontsize=10)
        label_time_axis(ax, results, lang)
        ax.set_ylabel(tr(lang, "families"))
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=7, loc="upper left")
    fig.suptitle(tr(lang, "wl_title"), x=0.01, ha="left", fontweight="bold", fontsize=11)
    return finish(fig, provenance_note(results, lang))


def chart_caseload(results: Results, lang: str = "nl"):
    """Caseload per worker over time per team, one panel per scenario, band over replications."""
    n = len(results.scenarios)
    cols = min(n, 2)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(11, 1.2 + 3.2 * rows), sharex=True, sharey=True, squeeze=False)
    teams = sorted({g for s in results.scenarios for g in
                    s.timeseries().loc[lambda d: d.metric == "caseload_per_worker", "group"].unique()})
    team_color = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(teams)}
    for i, s in enumerate(results.scenarios):
        ax = axes[i // cols][i % cols]
        ts = s.timeseries()
        sel = ts[ts.metric == "caseload_per_worker"]
        for team, part in sel.groupby("group"):
            b = _band(part)
            x, _ = time_axis(results, b["day"])
            ax.fill_between(x, b["p10"], b["p90"], color=team_color[team], alpha=0.18, lw=0)
            ax.plot(x, b["mean"], color=team_color[team], lw=1.6, label=group_label(lang, team))
        ax.set_title(textwrap.fill(s.display_name(lang), 55), fontsize=9)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="lower right", ncol=2)
        ax.set_ylim(bottom=0)
        if i % cols == 0:
            ax.set_ylabel(tr(lang, "cl_y"))
        if i // cols == rows - 1:
            label_time_axis(ax, results, lang)
    for j in range(n, rows * cols):
        axes[j // cols][j % cols].set_visible(False)
    fig.suptitle(tr(lang, "cl_title"), x=0.01, ha="left", fontweight="bold", fontsize=11)
    return finish(fig, provenance_note(results, lang))


def chart_caseload_spread(results: Results, lang: str = "nl"):
    """Standard deviation of the time-averaged caseload between workers, per team and scenario."""
    colors = scenario_colors(results)
    t = results.table
    rows = t[(t.kpi == "caseload_per_worker_sd") & t["mean"].notna()].copy()
    order = {s.id: i for i, s in enumerate(results.scenarios)}
    rows["order"] = rows.scenario.map(order)
    rows = rows.sort_values(["order", "group"])
    fig, ax = plt.subplots(figsize=(9, 1.4 + 0.38 * max(len(rows), 1)))
    y = np.arange(len(rows))
    ax.barh(y, rows["mean"], xerr=_err(rows), color=[colors[s] for s in rows.scenario], alpha=0.85,
            capsize=3, error_kw={"lw": 1})
    ax.set_yticks(y, [f"{textwrap.shorten(results.scenario(s).display_name(lang), 42, placeholder='…')} · "
                      f"{group_label(lang, g)}" for s, g in zip(rows.scenario, rows.group)], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(tr(lang, "cls_x"))
    ax.set_title(tr(lang, "cls_title"), loc="left", fontweight="bold", fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    return finish(fig, provenance_note(results, lang))


CONTINUITY_KPIS = ["professionals_per_family", "handoffs_per_family", "intakes_per_family", "plans_per_family"]


def chart_continuity(results: Results, lang: str = "nl"):
    """Professionals, hand-offs, intakes and plans per family, per scenario with 95% CIs."""
    colors = scenario_colors(results)
    n = len(results.scenarios)
    fig, ax = plt.subplots(figsize=(10, 4.8))
    width = 0.8 / n
    x = np.arange(len(CONTINUITY_KPIS))
    for i, s in enumerate(results.scenarios):
        rows = pd.DataFrame([results.row(k, "all", s.id) for k in CONTINUITY_KPIS])
        pos = x - 0.4 + width * (i + 0.5)
        ax.bar(pos, rows["mean"], width * 0.92, yerr=_err(rows), color=colors[s.id], capsize=3,
               label=textwrap.fill(s.display_name(lang), 45), error_kw={"lw": 1})
        for p, v in zip(pos, rows["mean"]):
            ax.annotate(fmt_num(v, 2, lang), (p, v), xytext=(0, 3), textcoords="offset points", ha="center",
                        va="bottom", fontsize=7)
    ax.set_xticks(x, [tr(lang, k) for k in CONTINUITY_KPIS])
    ax.set_ylabel(tr(lang, "per_family"))
    ax.set_title(tr(lang, "cont_title"), loc="left", fontweight="bold", fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    # Head room above the bars for the legend.
    ax.set_ylim(0, ax.get_ylim()[1] * (1.12 + 0.06 * n))
    ax.legend(fontsize=7, loc="upper center", ncol=2)
    return finish(fig, provenance_note(results, lang))


def cost_by_year(run: ScenarioRun) -> pd.DataFrame:
    """Mean cost (EUR) per year and group over replications; columns year, group, value."""
    ts = run.timeseries()
    cost = ts[ts.metric == "cost_eur"].copy()
    cost["year"] = np.ceil(cost["day"] / 365.0 - 1e-9).astype(int)
    return cost.groupby(["year", "group"], as_index=False)["value"].mean()


def chart_costs(results: Results, lang: str = "nl"):
    """Cost per year stacked by team and care type, one panel per scenario; the total marked."""
    n = len(results.scenarios)
    per = {s.id: cost_by_year(s) for s in results.scenarios}
    allc = pd.concat(per.values()) if per else pd.DataFrame(columns=["year", "group", "value"])
    parts = allc[allc.group != "total"].groupby("group")["value"].sum().sort_values(ascending=False)
    parts = parts[parts.abs() > 0]  # a kind of care that costs nothing in every scenario has no place in the legend
    groups = [g for g in parts.index if g.startswith("team:")] + [g for g in parts.index if not g.startswith("team:")]
    colors = list(plt.get_cmap("tab20").colors) + list(plt.get_cmap("tab20b").colors)
    gcolor = {g: colors[i % len(colors)] for i, g in enumerate(groups)}
    fig, axes = plt.subplots(1, n, figsize=(2.6 + 2.6 * n, 5.2), sharey=True, squeeze=False)
    for ax, s in zip(axes[0], results.scenarios):
        c = per[s.id]
        years = sorted(c.year.unique())
        bottom = np.zeros(len(years))
        for g in groups:
            vals = np.array([c[(c.year == yv) & (c.group == g)]["value"].sum() for yv in years]) / 1e6
            ax.bar(years, vals, 0.75, bottom=bottom, color=gcolor[g], label=capitalised(group_label(lang, g)))
            bottom += vals
        tot = c[c.group == "total"]
        if not tot.empty:
            ax.plot(tot.year, tot.value / 1e6, "k_", ms=18, mew=2, label=tr(lang, "total"))
        ax.set_title(textwrap.fill(s.display_name(lang), 26), fontsize=8)
        ax.set_xticks(years, [s.year_label(int(yv)) for yv in years], fontsize=8 if s.start_date else None)
        ax.set_xlabel(tr(lang, "calendar_year" if s.start_date else "year"))
        ax.grid(axis="y", alpha=0.3)
    axes[0][0].set_ylabel(tr(lang, "cost_y"))
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles[::-1], labels[::-1], loc="center right", fontsize=7, frameon=False)
    fig.suptitle(tr(lang, "cost_title"), x=0.01, ha="left", fontweight="bold", fontsize=11)
    fig = finish(fig, provenance_note(results, lang))
    fig.subplots_adjust(right=1 - 2.2 / fig.get_size_inches()[0])
    return fig


def chart_tornado(table: pd.DataFrame, prov: dict, run_info: dict, lang: str = "nl",
                  kpi: str = "intake_wait_days_mean", group: str = "all"):
    """Tornado: the KPI at each assumption's low and high value, against the base, with paired 95% CIs."""
    rows = table[(table.kpi == kpi) & (table.group == group)].copy()
    if rows.empty:
        raise ResultsError(f"sensitivity.csv has no rows for kpi {kpi}, group {group}")
    rows["span"] = (rows.high_diff_mean - rows.low_diff_mean).abs()
    rows = rows.sort_values("span", ascending=True)
    base = float(rows.base_mean.iloc[0])
    fig, ax = plt.subplots(figsize=(9, 1.6 + 0.55 * len(rows)))
    y = np.arange(len(rows))
    for side, color, key in [("low", "#1b6ca8", "tornado_low"), ("high", "#e07b1a", "tornado_high")]:
        d = rows[f"{side}_diff_mean"].to_numpy()
        lo = (d - rows[f"{side}_diff_ci_low"].to_numpy()).clip(min=0)
        hi = (rows[f"{side}_diff_ci_high"].to_numpy() - d).clip(min=0)
        off = -0.18 if side == "low" else 0.18
        ax.barh(y + off, d, 0.36, left=base, color=color, label=tr(lang, key))
        ax.errorbar(base + d, y + off, xerr=[lo, hi], fmt="none", ecolor="#333333", capsize=2, lw=0.8)
    ax.axvline(base, color="black", lw=1)
    ax.set_yticks(y, [f"{textwrap.fill(capitalised(assumption_label(lang, a)), 44)}\n({tr(lang, 'tornado_values')}: "
                      f"{fmt_value(lo_, lang)} / {fmt_value(b_, lang)} / {fmt_value(hi_, lang)})"
                      for a, lo_, b_, hi_ in zip(rows.assumption, rows.param_low, rows.param_base, rows.param_high)],
                  fontsize=8)
    ax.set_xlabel(f"{kpi_label(lang, kpi)}; {tr(lang, 'tornado_base')} {fmt_num(base, 1, lang)}")
    fig.suptitle(tr(lang, "tornado_title", kpi=kpi_label(lang, kpi)), x=0.01, ha="left", fontweight="bold", fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    return finish(fig, sweep_note(prov, run_info, lang))


def chart_difference_tornado(rows: pd.DataFrame, note: str, lang: str, kpi: str, name: str, ref: str):
    """Tornado of a paired difference between two designs: per assumption the difference at its low
    and high value against the difference in the base case, with 95% CIs, and the line of no
    difference. `rows` hold one assumption each, oriented as `name` minus `ref`."""
    rows = rows.copy()
    rows["span"] = (rows.high_diff_mean - rows.low_diff_mean).abs()
    rows = rows.sort_values("span", ascending=True)
    base = float(rows.base_diff_mean.iloc[0])
    fig, ax = plt.subplots(figsize=(9, 2.0 + 0.55 * len(rows)))
    y = np.arange(len(rows))
    for side, color, key in [("low", "#1b6ca8", "tornado_low"), ("high", "#e07b1a", "tornado_high")]:
        d = rows[f"{side}_diff_mean"].to_numpy()
        lo = (d - rows[f"{side}_diff_ci_low"].to_numpy()).clip(min=0)
        hi = (rows[f"{side}_diff_ci_high"].to_numpy() - d).clip(min=0)
        off = -0.18 if side == "low" else 0.18
        ax.barh(y + off, d - base, 0.36, left=base, color=color, label=tr(lang, key))
        ax.errorbar(d, y + off, xerr=[lo, hi], fmt="none", ecolor="#333333", capsize=2, lw=0.8)
    ax.axvline(base, color="black", lw=1)
    ax.axvline(0, color="#c03d3e", ls="--", lw=1.2, label=tr(lang, "no_difference"))
    ax.set_yticks(y, [f"{textwrap.fill(capitalised(assumption_label(lang, a)), 44)}\n({tr(lang, 'tornado_values')}: "
                      f"{fmt_value(lo_, lang)} / {fmt_value(b_, lang)} / {fmt_value(hi_, lang)})"
                      for a, lo_, b_, hi_ in zip(rows.assumption, rows.param_low, rows.param_base, rows.param_high)],
                  fontsize=8)
    ax.set_xlabel(textwrap.fill(tr(lang, "tornado_diff_x", kpi=kpi_label(lang, kpi), name=name, ref=ref,
                                   base=fmt_num(base, 1, lang)), 110), fontsize=8)
    fig.suptitle(textwrap.fill(tr(lang, "tornado_diff_title", kpi=kpi_label(lang, kpi)), 90), x=0.01, ha="left",
                 fontweight="bold", fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    return finish(fig, note)


def chart_plan(plan: pd.DataFrame, note: str, lang: str = "nl"):
    """Capacity planning: each KPI against FTE per team with 95% CI and the target line."""
    kpis = list(dict.fromkeys(plan.kpi))
    fig, axes = plt.subplots(1, len(kpis), figsize=(4.5 * len(kpis) + 1, 4.4), squeeze=False)
    for ax, k in zip(axes[0], kpis):
        part = plan[plan.kpi == k]
        for i, (team, rows) in enumerate(part.groupby("team", sort=False)):
            rows = rows.sort_values("fte")
            color = PALETTE[i % len(PALETTE)]
            ax.fill_between(rows.fte, rows.ci_low, rows.ci_high, color=color, alpha=0.2, lw=0)
            ax.plot(rows.fte, rows["mean"], "o-", color=color, label=team, ms=4)
        for target in sorted(set(part.target.dropna())):
            ax.axhline(target, color="#c03d3e", ls="--", lw=1.1)
            ax.text(ax.get_xlim()[0], target, f" {tr(lang, 'plan_target')} {fmt_num(target, 0, lang)}",
                    color="#c03d3e", va="bottom", fontsize=8)
        ax.set_title(kpi_label(lang, k), fontsize=9)
        ax.set_xlabel(tr(lang, "fte"))
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle(tr(lang, "plan_title", kpi=", ".join(kpi_label(lang, k) for k in kpis)), x=0.01, ha="left",
                 fontweight="bold", fontsize=11)
    return finish(fig, note)


def chart_fit(fit: pd.DataFrame, note: str, lang: str = "nl"):
    """Calibration fit: simulated / observed per target with 95% CI; colour by tolerance."""
    fig, ax = plt.subplots(figsize=(9, 1.6 + 0.45 * len(fit)))
    y = np.arange(len(fit))
    obs = fit.observed.replace(0, np.nan)
    ratio, lo, hi = fit.simulated_mean / obs, fit.simulated_ci_low / obs, fit.simulated_ci_high / obs
    for i in range(len(fit)):
        ok = bool(fit.within_tolerance.iloc[i])
        color = "#3a923a" if ok else "#c03d3e"
        ax.errorbar(ratio.iloc[i], y[i], xerr=[[max(ratio.iloc[i] - lo.iloc[i], 0)], [max(hi.iloc[i] - ratio.iloc[i], 0)]],
                    fmt="o", color=color, capsize=3,
                    label=tr(lang, "fit_ok" if ok else "fit_bad"))
    ax.axvline(1.0, color="black", lw=1)
    ax.set_yticks(y, [f"{t} ({k})" for t, k in zip(fit.target, fit.kpi)], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(tr(lang, "fit_ratio"))
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    ax.legend(unique.values(), unique.keys(), fontsize=8)
    ax.set_title(tr(lang, "fit_title"), loc="left", fontweight="bold", fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    return finish(fig, note)


# ---------------------------------------------------------------------------------------------
# The charts of a results folder, in report order

def results_charts(results: Results, lang: str = "nl"):
    """(name, title, figure) for every chart the report shows for a compare or run folder."""
    return [(name, title, localise_ticks(fig, lang)) for name, title, fig in [
        ("waits", tr(lang, "waits_title"), chart_waits(results, lang)),
        ("waiting_list", tr(lang, "wl_title"), chart_waiting_list(results, lang)),
        ("caseload", tr(lang, "cl_title"), chart_caseload(results, lang)),
        ("caseload_spread", tr(lang, "cls_title"), chart_caseload_spread(results, lang)),
        ("continuity", tr(lang, "cont_title"), chart_continuity(results, lang)),
        ("costs", tr(lang, "cost_title"), chart_costs(results, lang)),
    ]]
