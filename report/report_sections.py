"""The sections of the council report besides the summary and the headline table: the waiting-list
box, the sensitivity section, the results per calendar year, the glossary and the appendix for
analysts. Each returns HTML (an empty string when it has nothing to say). Used by make_report.py.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

import jeugdsim_charts as jc
from report_words import WORDS


def _esc(text) -> str:
    return html.escape(str(text))


def _join(items: list[str], lang: str) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {WORDS[lang]['and']} {items[-1]}"


def _about(value: float) -> str:
    """A count for 'about N': whole numbers, at least 1."""
    return str(max(1, int(round(value))))


# ---------------------------------------------------------------------------------------------
# Waiting lists: one plain sentence per scenario from queue-trends.csv


def growth_per_year(run: jc.ScenarioRun, growth: float) -> float:
    """queue-trends.csv compares the means of the two halves of the measured period, whose middles
    lie half a horizon apart: growth per year is the difference divided by that many years."""
    return growth / (run.horizon_days / 2.0 / 365.0)


def queue_sentence(run: jc.ScenarioRun, lang: str) -> str | None:
    """'De wachtlijst blijft ongeveer gelijk op zo'n N gezinnen' or '... bij TEAM groeit met ongeveer N
    gezinnen per jaar; ...'; None when the folder has no queue-trends.csv (older versions)."""
    w = WORDS[lang]
    trends = run.queue_trends()
    if trends.empty:
        return None
    teams = trends[trends.group.str.startswith("team:")]
    growing = teams[teams.growing.astype(bool)].sort_values("growth_mean", ascending=False)
    if len(growing) == 1:
        row = growing.iloc[0]
        n = _about(growth_per_year(run, row.growth_mean))
        return w["queue_grows"].format(team=jc.group_phrase(lang, row.group), n=n, families=w["family"][n != "1"])
    if len(growing) > 1:
        items = []
        for g, growth in zip(growing.group, growing.growth_mean):
            n = _about(growth_per_year(run, growth))
            items.append(w["queues_item"].format(team=jc.group_phrase(lang, g), n=n, families=w["family"][n != "1"]))
        return w["queues_grow"].format(items=", ".join(items))
    level = float(teams.second_half_mean.sum())
    care = trends[trends.group.str.startswith("provider:") & trends.growing.astype(bool)]
    if not care.empty:
        row = care.sort_values("growth_mean", ascending=False).iloc[0]
        m = _about(growth_per_year(run, row.growth_mean))
        if level < 0.5:
            return w["queue_empty_but"].format(care=jc.group_phrase(lang, row.group), m=m, families=w["family"][m != "1"])
        n = _about(level)
        return w["queue_stable_but"].format(n=n, families_n=w["family"][n != "1"], care=jc.group_phrase(lang, row.group),
                                            m=m, families=w["family"][m != "1"])
    if level < 0.5:
        return w["queue_stable_empty"]
    n = _about(level)
    return w["queue_stable"].format(n=n, families=w["family"][n != "1"])


def _goal_text(targets, lang: str) -> str:
    """'intake_wait_days_p90 <= 28' as words: 'wachttijd tot intake (90e percentiel) ≤ 28'."""
    import re
    symbols = {"<=": "≤", ">=": "≥", "<": "<", ">": ">"}
    out = []
    for target in targets if isinstance(targets, list) else [targets]:
        m = re.match(r"^\s*([A-Za-z0-9_]+)(?::(\S+))?\s*(<=|>=|<|>)\s*(\S+)\s*$", str(target))
        if not m:
            out.append(str(target))
            continue
        kpi, group, op, value = m.groups()
        label = jc.kpi_label(lang, kpi) + (f" ({jc.group_label(lang, group)})" if group else "")
        try:
            # As many decimals as written: '0.5' reads '0,5' in Dutch.
            value = jc.fmt_num(float(value), len(value.split(".")[1]) if "." in value else 0, lang)
        except ValueError:
            pass
        out.append(f"{label} {symbols[op]} {value}")
    return WORDS[lang]["es_and"].join(out)


def equal_service_table(results: jc.Results, lang: str) -> str:
    """equal-service.csv as a small table: per team and design the sized staffing (workers and FTE,
    the scenario's own FTE underneath), the total FTE and the yearly cost with its 95% CI."""
    table = results.equal_service()
    if table is None:
        return ""
    w = WORDS[lang]
    ids = [s.id for s in results.scenarios]
    teams = list(dict.fromkeys(t for t in table.team if t != "total"))

    def fte(v: float) -> str:
        return jc.fmt_num(v, 0 if abs(v - round(v)) < 1e-9 else 1, lang)

    head = f'<th scope="col">{_esc(w["es_team"])}</th>' + "".join(
        f'<th scope="col">{_esc(s.display_name(lang))}</th>' for s in results.scenarios)
    rows = []
    for team in teams + ["total"]:
        label = w["es_total"] if team == "total" else jc.team_label(lang, team)
        cells = [f'<th scope="row">{_esc(label)}</th>']
        for sid in ids:
            sel = table[(table.scenario == sid) & (table.team == team)]
            if sel.empty:
                cells.append("<td>–</td>")
                continue
            r = sel.iloc[0]
            note = w["es_file"].format(fte=fte(float(r.file_fte)))
            if team != "total" and r.sized != "true":
                note = w["es_not_sized"]
            cells.append(f"<td>{_esc(w['es_cell'].format(fte=fte(float(r.fte)), workers=int(r.workers)))}"
                         f'<small class="ci">{_esc(note)}</small></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cost = [f'<th scope="row">{_esc(w["es_cost"])}</th>']
    for sid in ids:
        sel = table[(table.scenario == sid) & (table.team == "total")]
        if sel.empty:
            cost.append("<td>–</td>")
            continue
        r = sel.iloc[0]
        cost.append(f"<td>{jc.fmt_num(r.cost_eur_per_year_mean / 1e6, 2, lang)} <small class=\"ci\">("
                    f"{jc.fmt_num(r.cost_ci_low / 1e6, 2, lang)} – {jc.fmt_num(r.cost_ci_high / 1e6, 2, lang)})</small></td>")
    rows.append("<tr>" + "".join(cost) + "</tr>")
    goal = results.provenance.get("equal_service_targets")
    goal_p = f'<p>{_esc(w["es_goal"].format(goal=_goal_text(goal, lang)))}</p>\n' if goal else ""
    return (goal_p + f'<table class="equal-service"><caption>{_esc(w["es_table_caption"])}</caption>\n<thead><tr>{head}'
            "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
            f'<p class="note">{_esc(w["es_note"])}</p>')


def caution_box(results: jc.Results, lang: str) -> str:
    w = WORDS[lang]
    items, any_growing = [], False
    for s in results.scenarios:
        sentence = queue_sentence(s, lang)
        if sentence is None:
            continue
        any_growing |= not s.growing_queues().empty
        if results.kind == "compare":
            items.append(f"<li><strong>{_esc(s.display_name(lang))}.</strong> {_esc(sentence)}</li>")
        else:
            items.append(f"<li>{_esc(sentence)}</li>")
    if not items:
        return ""
    title = w["caution_title"] if any_growing else w["caution_title_calm"]
    return (f'<div class="caution" id="caution">\n<p><strong>{_esc(title)}</strong></p>\n<ul>\n' + "\n".join(items)
            + f'\n</ul>\n<p class="note">{_esc(w["caution_more"])}</p>\n</div>')


# ---------------------------------------------------------------------------------------------
# Sensitivity (a `jeugdsim sweep --one-way` folder)

SENS_KPI, SENS_GROUP = "intake_wait_days_mean", "all"


@dataclass
class Sensitivity:
    folder: Path
    table: pd.DataFrame
    provenance: dict
    run_info: dict
    differences: pd.DataFrame | None = None  # sweep-differences.csv of a sweep of several scenarios

    @property
    def scenario_file(self) -> str:
        files = self.provenance.get("scenario_files")
        if self.differences is not None and isinstance(files, list):
            return ", ".join(map(str, files))
        return str(self.provenance.get("scenario_file", "?"))


def load_sensitivity(folder) -> Sensitivity:
    folder = Path(folder)
    if not folder.is_dir():
        raise jc.ResultsError(f"{folder} (--sensitivity) is not a folder: {jc.SWEEP_HINT}")
    if (folder / "sweep-differences.csv").exists():
        prov = jc.read_json(folder / "provenance.json", jc.SWEEP_HINT)
        differences = jc.load_sweep_differences(folder)
        if differences[(differences.kpi == SENS_KPI) & (differences.group == SENS_GROUP)].empty:
            raise jc.ResultsError(f"{folder / 'sweep-differences.csv'} has no rows for kpi {SENS_KPI}, "
                                  f"group {SENS_GROUP}")
        table, _, info = jc.load_sensitivity(folder)
        return Sensitivity(folder, table, prov, info, differences)
    table, prov, info = jc.load_sensitivity(folder)
    if prov.get("kind") not in (None, "one-way"):
        raise jc.ResultsError(f"{folder / 'provenance.json'}: kind is {prov.get('kind')!r}, expected a one-way sweep: "
                              f"{jc.SWEEP_HINT}")
    rows = table[(table.kpi == SENS_KPI) & (table.group == SENS_GROUP)]
    if rows.empty:
        raise jc.ResultsError(f"{folder / 'sensitivity.csv'} has no rows for kpi {SENS_KPI}, group {SENS_GROUP}")
    return Sensitivity(folder, table, prov, info)


def swept_scenario(results: jc.Results, sens: Sensitivity) -> jc.ScenarioRun | None:
    """The scenario of the results folder that the sweep varied (matched by scenario file)."""
    stem = Path(sens.scenario_file).stem
    for s in results.scenarios:
        files = s.provenance.get("scenario_files") or []
        if s.id == stem or (files and Path(str(files[-1])).stem == stem):
            return s
    return None


def design_differences(results: jc.Results, swept: jc.ScenarioRun | None) -> list[tuple[jc.ScenarioRun, float]]:
    """(other design, |paired difference| of the headline KPI) for the comparisons in comparison.csv
    that involve the swept scenario."""
    if results.kind != "compare" or swept is None:
        return []
    if swept.id == results.reference.id:
        pairs = [(s, s.id) for s in results.scenarios[1:]]
    else:
        pairs = [(results.reference, swept.id)]
    out = []
    for other, sid in pairs:
        r = results.row(SENS_KPI, SENS_GROUP, sid)
        if r is not None and math.isfinite(float(r.diff_mean)):
            out.append((other, abs(float(r.diff_mean))))
    return out


def sensitivity_section(results: jc.Results, sens: Sensitivity | None, lang: str, figure_html: str,
                        render_sentence) -> str:
    """Words on which assumptions could change the conclusion, with the tornado (figure_html).
    render_sentence(parts, values) renders a sentence with numbers traced to sensitivity.csv."""
    if sens is None:
        return ""
    w = WORDS[lang]
    swept = swept_scenario(results, sens)
    scen = swept.display_name(lang) if swept is not None else Path(sens.scenario_file).stem
    reps = sens.provenance.get("replications", "?")
    paras = [_esc(w["sens_intro"].format(scen=scen, reps=reps))]
    rows = sens.table[(sens.table.kpi == SENS_KPI) & (sens.table.group == SENS_GROUP)].copy()
    rows["swing"] = np.maximum(rows.low_diff_mean.abs(), rows.high_diff_mean.abs())
    rows = rows.sort_values("swing", ascending=False)
    pairs = design_differences(results, swept)
    diffs = [d for _, d in pairs]
    items, small = [], []
    for _, r in rows.iterrows():
        label = jc.assumption_label(lang, r.assumption)
        fmt = dict(label=label, low=jc.fmt_value(r.param_low, lang), high=jc.fmt_value(r.param_high, lang),
                   base=jc.fmt_value(r.param_base, lang))
        order = ["low_mean", "high_mean"] if r.low_mean <= r.high_mean else ["high_mean", "low_mean"]
        values = [(f, float(r[f])) for f in order] + [("base_mean", float(r.base_mean))]
        if diffs:
            if r.swing > min(diffs):
                if r.swing > max(diffs):
                    than = w["sens_than_all"].format(dmin=jc.fmt_num(min(diffs), 0, lang),
                                                     dmax=jc.fmt_num(max(diffs), 0, lang))
                    if len(diffs) == 1:
                        than = w["sens_than_some"].format(names=w["sens_than_item"].format(
                            name=pairs[0][0].display_name(lang), d=jc.fmt_num(diffs[0], 0, lang)))
                else:
                    than = w["sens_than_some"].format(names=_join(
                        [w["sens_than_item"].format(name=o.display_name(lang), d=jc.fmt_num(d, 0, lang))
                         for o, d in pairs if d < r.swing], lang))
                fmt["than"] = than
                items.append(render_sentence([p.format(**fmt) for p in w["sens_changes"]], r.assumption, values))
            else:
                small.append(label)
        else:
            items.append(render_sentence([p.format(**fmt) for p in w["sens_range"]], r.assumption, values))
    body = "".join(f"<li>{i}</li>" for i in items)
    if diffs and not items:
        paras.append(_esc(w["sens_none"].format(dmin=jc.fmt_num(min(diffs), 0, lang),
                                                dmax=jc.fmt_num(max(diffs), 0, lang))))
    tail = []
    if diffs and items and small:
        tail.append(_esc(w["sens_small"].format(labels="; ".join(small), dmin=jc.fmt_num(min(diffs), 0, lang))))
    if swept is None and results.kind == "compare":
        tail.append(_esc(w["sens_unmatched"].format(file=sens.scenario_file)))
    elif results.kind == "compare":
        tail.append(_esc(w["sens_other"].format(scen=scen)))
    return (f'<section id="sensitivity">\n<h2>{_esc(w["sens"])}</h2>\n'
            + "".join(f"<p>{p}</p>\n" for p in paras)
            + (f'<ul class="findings">{body}</ul>\n' if body else "")
            + "".join(f"<p>{t}</p>\n" for t in tail) + figure_html + "\n</section>")


# ---------------------------------------------------------------------------------------------
# Sensitivity of the difference between designs (a sweep of several scenarios)


@dataclass
class DifferencePair:
    """The difference of scenario `sid` with `ref_id` in the sweep, oriented as the report reads it
    (sid minus ref_id): `orient` is -1 when sweep-differences.csv holds ref_id minus sid."""
    sid: str
    ref_id: str
    name: str
    ref: str
    orient: int
    rows: pd.DataFrame  # SENS_KPI rows of sweep-differences.csv as written


def _sweep_display_name(results: jc.Results, sens: Sensitivity, sid: str, lang: str) -> str:
    for s in results.scenarios:
        if s.id == sid:
            return s.display_name(lang)
    try:
        run = jc._load_scenario_run(sens.folder / sid / "base", sid, jc.SWEEP_HINT)
        return run.display_name(lang)
    except jc.ResultsError:
        return sid


def difference_pairs(results: jc.Results, sens: Sensitivity, lang: str) -> list[DifferencePair]:
    """The differences of the comparison that the sweep also computed, in the comparison's direction
    (each scenario against the reference); without any, the sweep's own pairs."""
    d = sens.differences
    d = d[(d.kpi == SENS_KPI) & (d.group == SENS_GROUP)]
    have = set(zip(d.scenario, d.reference))
    wanted: list[tuple[str, str, int]] = []
    if results.kind == "compare":
        ref = results.reference.id
        for s in results.scenarios[1:]:
            if (s.id, ref) in have:
                wanted.append((s.id, ref, 1))
            elif (ref, s.id) in have:
                wanted.append((s.id, ref, -1))
    if not wanted:
        wanted = [(sid, ref, 1) for sid, ref in dict.fromkeys(zip(d.scenario, d.reference))]
    pairs = []
    for sid, ref, orient in wanted:
        written = (sid, ref) if orient > 0 else (ref, sid)
        rows = d[(d.scenario == written[0]) & (d.reference == written[1])]
        pairs.append(DifferencePair(sid, ref, _sweep_display_name(results, sens, sid, lang),
                                    _sweep_display_name(results, sens, ref, lang), orient, rows))
    return pairs


def oriented(pair: DifferencePair) -> pd.DataFrame:
    """The pair's rows with the differences as sid minus ref_id."""
    out = pair.rows.copy()
    if pair.orient < 0:
        for side in ("base", "low", "high"):
            out[f"{side}_diff_mean"] = -pair.rows[f"{side}_diff_mean"]
            out[f"{side}_diff_ci_low"] = -pair.rows[f"{side}_diff_ci_high"]
            out[f"{side}_diff_ci_high"] = -pair.rows[f"{side}_diff_ci_low"]
    return out


def _crosses_zero(low: float, high: float) -> bool:
    return low <= 0 <= high


def changing_side(r) -> str | None:
    """'low' or 'high' when the assumption at that value changes the conclusion, else None. With a
    clear difference in the base case (its 95% CI excludes zero) the conclusion changes when the
    interval at low or high includes zero or the difference changes sign; without one, when it
    becomes clear. When both sides do, the one that moves the difference most."""
    base_clear = not _crosses_zero(r.base_diff_ci_low, r.base_diff_ci_high)
    found = []
    for side in ("low", "high"):
        m, lo, hi = r[f"{side}_diff_mean"], r[f"{side}_diff_ci_low"], r[f"{side}_diff_ci_high"]
        if not all(math.isfinite(float(v)) for v in (m, lo, hi)):
            continue
        if base_clear:
            changed = _crosses_zero(lo, hi) or (m != 0 and np.sign(m) != np.sign(r.base_diff_mean))
        else:
            changed = not _crosses_zero(lo, hi)
        if changed:
            found.append((abs(m - r.base_diff_mean), side))
    return max(found)[1] if found else None


def _nil(r, side: str) -> bool:
    """The difference and its interval all read 0,0 days: the designs are equally fast."""
    return all(abs(float(r[f"{side}_diff_{c}"])) < 0.05 for c in ("mean", "ci_low", "ci_high"))


def _directed(pair: DifferencePair, r, side: str) -> tuple[list[tuple[str, float, int]], int]:
    """The numbers of a difference sentence: (magnitude, first bound, second bound) as (column of
    sweep-differences.csv, its value, sign to show it with), and the direction index (0 longer,
    1 shorter) of the difference sid minus ref_id."""
    o = pair.orient
    mean_f, low_f, high_f = f"{side}_diff_mean", f"{side}_diff_ci_low", f"{side}_diff_ci_high"
    lower, upper = ((low_f, 1), (high_f, 1)) if o > 0 else ((high_f, -1), (low_f, -1))
    d = 1 if o * float(r[mean_f]) >= 0 else -1
    bounds = [lower, upper] if d > 0 else [upper, lower]
    nums = [(mean_f, float(r[mean_f]), o * d)] + [(f, float(r[f]), sg * d) for f, sg in bounds]
    return nums, 0 if d > 0 else 1


def difference_section(results: jc.Results, sens: Sensitivity, lang: str, figures: list[str],
                       render_sentence) -> str:
    """The sensitivity section for a sweep of several scenarios: per difference between designs,
    which assumptions could change the conclusion (the difference's 95% CI at the assumption's low
    or high value includes zero, or it changes sign) and which do not, with the tornado of the
    difference. render_sentence(parts, pair, assumption, nums) renders a sentence whose numbers are
    traced to sweep-differences.csv."""
    w = WORDS[lang]
    reps = sens.provenance.get("replications", "?")
    pairs = difference_pairs(results, sens, lang)
    out = [f'<section id="sensitivity">\n<h2>{_esc(w["sens"])}</h2>\n']
    for k, pair in enumerate(pairs):
        if len(pairs) > 1:
            out.append(f"<h3>{_esc(w['vs'].format(name=pair.name, ref=pair.ref))}</h3>\n")
        names = dict(name=pair.name, ref=pair.ref)
        out.append(f"<p>{_esc(w['sens_diff_intro'].format(reps=reps, **names))}</p>\n")
        rows = pair.rows.copy()
        rows["swing"] = (rows.high_diff_mean - rows.low_diff_mean).abs()
        rows = rows.sort_values("swing", ascending=False)
        first = rows.iloc[0]
        nums, di = _directed(pair, first, "base")
        base_clear = not _crosses_zero(first.base_diff_ci_low, first.base_diff_ci_high)
        if _nil(first, "base"):
            base = _esc(w["sens_diff_base_equal"].format(**names))
        else:
            base = render_sentence([p.format(dir=w["wait_dir"][di], **names) for p in w["sens_diff_base"]], pair,
                                   first.assumption, nums)
            if not base_clear:
                base += _esc(w["not_sig"])
        out.append(f"<p>{base}</p>\n")
        items, holds = [], []
        for _, r in rows.iterrows():
            label = jc.assumption_label(lang, r.assumption)
            side = changing_side(r)
            if side is None:
                holds.append(label)
                continue
            nums, di = _directed(pair, r, side)
            effect = w["sens_diff_clear"] if not base_clear else (
                w["sens_diff_zero"] if _crosses_zero(r[f"{side}_diff_ci_low"], r[f"{side}_diff_ci_high"])
                else w["sens_diff_flip"])
            parts = [p.format(label=label, value=jc.fmt_value(r[f"param_{side}"], lang),
                              base=jc.fmt_value(r.param_base, lang), dir=w["wait_dir"][di], **names)
                     for p in w["sens_diff_changes_equal" if _nil(r, side) else "sens_diff_changes"]]
            if _nil(r, side):
                nums = []
            parts[-1] += " " + effect + " " + w["sens_diff_depends"]
            items.append(render_sentence(parts, pair, r.assumption, nums))
        if items:
            out.append('<ul class="findings">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>\n")
            if holds:
                key = "sens_diff_holds" if base_clear else "sens_diff_holds_unclear"
                out.append(f"<p>{_esc(w[key].format(labels='; '.join(holds)))}</p>\n")
        else:
            key = "sens_diff_none" if base_clear else "sens_diff_none_unclear"
            out.append(f"<p>{_esc(w[key].format(labels='; '.join(holds)))}</p>\n")
        if k < len(figures):
            out.append(figures[k] + "\n")
    return "".join(out) + "</section>"


# ---------------------------------------------------------------------------------------------
# Results per calendar year (simulation.start_date)


def values_by_year(run: jc.ScenarioRun) -> dict[str, dict[int, float]]:
    """Per headline metric of timeseries.csv: measured year (1, 2, ...) -> mean over replications.
    Costs are booked per year (cost_eur at the end of each year); waiting lists are samples, averaged
    over the samples within the year."""
    ts = run.timeseries()
    years = max(1, math.ceil(run.horizon_days / 365.0 - 1e-9))
    out: dict[str, dict[int, float]] = {}
    cost = jc.cost_by_year(run)
    total = cost[cost.group == "total"]
    if not total.empty:
        out["year_cost"] = {int(y): float(v) / 1e6 for y, v in zip(total.year, total.value) if 1 <= y <= years}
    for key, prefix in [("year_wl_teams", "team:"), ("year_wl_providers", "provider:")]:
        sel = ts[(ts.metric == "waiting_list_length") & ts.group.str.startswith(prefix)]
        if sel.empty:
            continue
        per = sel.groupby(["replication", "day"], as_index=False)["value"].sum()
        per["year"] = np.minimum(np.floor(per["day"] / 365.0).astype(int) + 1, years)
        means = per.groupby(["year", "replication"])["value"].mean().groupby("year").mean()
        out[key] = {int(y): float(v) for y, v in means.items()}
    return out


def years_table(results: jc.Results, lang: str) -> str:
    start = jc.common_start_date(results)
    if start is None:
        return ""
    w = WORDS[lang]
    per = {s.id: values_by_year(s) for s in results.scenarios}
    years = sorted({y for v in per.values() for m in v.values() for y in m})
    if not years:
        return ""
    ref = results.reference
    head = (f'<tr><th scope="col">{_esc(w["kpi"])}</th><th scope="col">{_esc(w["years_scenario"])}</th>'
            + "".join(f'<th scope="col">{_esc(ref.year_label(y))}</th>' for y in years) + "</tr>")
    body = []
    for key, decimals in [("year_cost", 2), ("year_wl_teams", 0), ("year_wl_providers", 0)]:
        runs = [s for s in results.scenarios if per[s.id].get(key)]
        for i, s in enumerate(runs):
            values = per[s.id][key]
            label = f'<th scope="rowgroup" rowspan="{len(runs)}">{_esc(w[key])}</th>' if i == 0 else ""
            cells = "".join(f"<td>{jc.fmt_num(values.get(y, float('nan')), decimals, lang)}</td>" for y in years)
            body.append(f'<tr data-metric="{key}" data-scenario="{_esc(s.id)}">{label}'
                        f'<td class="text">{_esc(s.display_name(lang))}</td>{cells}</tr>')
    note = w["years_note"].format(start=long_date(start, lang))
    if (start.month, start.day) != (1, 1):
        note += w["years_span_note"].format(start_day=f"{start.day} {MONTHS[lang][start.month - 1]}")
    return (f'<h3 id="years">{_esc(w["years"])}</h3>\n<table class="years">\n<thead>{head}</thead>\n<tbody>\n'
            + "\n".join(body) + f'\n</tbody>\n</table>\n<p class="note">{_esc(note)}</p>')


# ---------------------------------------------------------------------------------------------
# Glossary and appendix


MONTHS = {"nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                  "oktober", "november", "december"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"]}


def long_date(day, lang: str) -> str:
    """'1 januari 2027' / '1 January 2027'."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def glossary(lang: str) -> str:
    w = WORDS[lang]
    items = "\n".join(f"<dt>{_esc(t)}</dt><dd>{_esc(d)}</dd>" for t, d in w["terms"])
    return f'<section id="glossary">\n<h2>{_esc(w["glossary"])}</h2>\n<dl>\n{items}\n</dl>\n</section>'


def _kv(rows: list[tuple[str, str]]) -> str:
    return ('<table class="kv">\n' + "\n".join(f'<tr><th scope="row">{_esc(k)}</th><td class="text">{_esc(v)}</td></tr>'
                                               for k, v in rows) + "\n</table>")


def appendix(results: jc.Results, lang: str, sens: Sensitivity | None, spread_figure: str) -> str:
    w = WORDS[lang]
    prov = results.provenance
    warmup = prov.get("warmup_days", results.reference.provenance.get("warmup_days"))
    rows = [(w["app_seed"], str(results.seed)), (w["app_reps"], str(results.replications))]
    if isinstance(warmup, (int, float)):
        rows.append((w["app_warmup"], w["app_days"].format(n=jc.fmt_num(float(warmup), 0, lang))))
    rows.append((w["app_horizon"], w["app_days"].format(n=jc.fmt_num(results.reference.horizon_days, 0, lang))))
    start = jc.common_start_date(results)
    if start is not None:
        rows.append((w["app_start"], start.isoformat()))
    rows.append((w["app_intervals"], w["app_intervals_text"]))
    rows.append((w["app_version"], f"jeugdsim {results.version}, {results.date}"))
    rows.append((w["app_folder"], str(results.folder.name)))
    for s in results.scenarios:
        files = s.provenance.get("scenario_files") or []
        rows.append((f"{w['app_files']}: {s.id}", f"{s.display_name(lang)} ({', '.join(map(str, files))})"))
    overrides = results.reference.provenance.get("overrides") or []
    if overrides:
        rows.append((w["app_overrides"], "; ".join(map(str, overrides))))
    if sens is not None and sens.differences is not None:
        rows.append((w["app_sens"], w["app_sens_diff_text"].format(folder=sens.folder, files=sens.scenario_file,
                                                                   seed=sens.provenance.get("seed", "?"))))
    elif sens is not None:
        rows.append((w["app_sens"], w["app_sens_text"].format(folder=sens.folder, file=sens.scenario_file,
                                                              seed=sens.provenance.get("seed", "?"))))
    parts = [f'<section id="appendix">\n<h2>{_esc(w["appendix"])}</h2>',
             f'<h3>{_esc(w["app_method"])}</h3>', _kv(rows), f'<p class="note">{_esc(w["app_about"])}</p>']
    parts.append(queue_table(results, lang))
    parts.append(spread_table(results, lang))
    parts.append(spread_figure)
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def queue_table(results: jc.Results, lang: str) -> str:
    """Per scenario the waiting lists of queue-trends.csv; lists that stayed empty are left out."""
    w = WORDS[lang]
    body = []
    for s in results.scenarios:
        trends = s.queue_trends()
        trends = trends[(trends.first_half_mean >= 0.05) | (trends.second_half_mean >= 0.05)]
        if trends.empty:
            continue
        body.append(f'<tr class="group"><td colspan="5">{_esc(s.display_name(lang))}</td></tr>')
        for _, r in trends.iterrows():
            g = growth_per_year(s, 1.0)
            body.append(
                f'<tr data-scenario="{_esc(s.id)}" data-group="{_esc(r.group)}">'
                f'<td class="text">{_esc(_cap(jc.group_label(lang, r.group)))}</td>'
                f"<td>{jc.fmt_num(r.first_half_mean, 1, lang)}</td><td>{jc.fmt_num(r.second_half_mean, 1, lang)}</td>"
                f"<td>{jc.fmt_num(r.growth_mean * g, 1, lang, signed=True)} <small>({jc.fmt_num(r.growth_ci_low * g, 1, lang)}"
                f" – {jc.fmt_num(r.growth_ci_high * g, 1, lang)})</small></td>"
                f"<td>{_esc(w['yes'] if bool(r.growing) else w['no'])}</td></tr>")
    if not body:
        return ""
    head = "".join(f'<th scope="col">{_esc(w[k])}</th>' for k in
                   ["app_q_queue", "app_q_first", "app_q_second", "app_q_growth", "app_q_growing"])
    return (f'<h3 id="queues">{_esc(w["app_queues"])}</h3>\n<table class="queues">\n<thead><tr>{head}</tr></thead>\n'
            f'<tbody>\n' + "\n".join(body) + f'\n</tbody>\n</table>\n<p class="note">{_esc(w["app_queues_note"])}</p>')


def spread_table(results: jc.Results, lang: str) -> str:
    w = WORDS[lang]
    t = results.table
    rows = t[(t.kpi == "caseload_per_worker_sd") & t["mean"].notna()]
    if rows.empty:
        return ""
    body = []
    for s in results.scenarios:
        for _, r in rows[rows.scenario == s.id].iterrows():
            body.append(f'<tr><td class="text">{_esc(s.display_name(lang))}</td>'
                        f'<td class="text">{_esc(jc.group_label(lang, r.group))}</td>'
                        f"<td>{jc.fmt_num(r['mean'], 2, lang)} <small>({jc.fmt_num(r.ci_low, 2, lang)} – "
                        f"{jc.fmt_num(r.ci_high, 2, lang)})</small></td></tr>")
    head = "".join(f'<th scope="col">{_esc(w[k])}</th>' for k in ["app_q_scen", "app_sd_team", "app_sd_value"])
    return (f'<h3 id="spread">{_esc(w["app_sd"])}</h3>\n<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(body)
            + f'\n</tbody>\n</table>\n<p class="note">{_esc(w["app_sd_note"])}</p>')
