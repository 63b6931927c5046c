#!/usr/bin/python3
"""Writes RUN_DIR/report.html (one self-contained file) and RUN_DIR/charts/*.png|svg for a jeugdsim
compare folder (preferred) or a single run folder.

Usage: /usr/bin/python3 report/make_report.py RUN_DIR [--lang nl|en] [--sensitivity SWEEP_DIR]
Exit codes: 0 written, 2 bad input (a missing or malformed result file, a bad argument),
1 an internal failure. Never prints a Python traceback. Called by `jeugdsim report`.
"""
from __future__ import annotations

import argparse
import base64
import html
import math
import os
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


# ---------------------------------------------------------------------------------------------
# Summary sentences: text with numbers that carry where they come from (data-* attributes), so
# a reader can trust them and a test can check them against comparison.csv.

@dataclass
class Num:
    value: float      # the CSV value, before scale and sign
    decimals: int
    kpi: str
    group: str
    scenario: str
    field: str        # comparison.csv column
    scale: float = 1.0
    sign: int = 1     # -1 when the sentence states a decrease as a positive amount

    def text(self, lang: str) -> str:
        from jeugdsim_charts import fmt_num
        return fmt_num(self.value * self.scale * self.sign, self.decimals, lang)

    def html(self, lang: str) -> str:
        return (f'<span class="num" data-kpi="{html.escape(self.kpi)}" data-group="{html.escape(self.group)}" '
                f'data-scenario="{html.escape(self.scenario)}" data-field="{self.field}" '
                f'data-scale="{self.scale:g}" data-sign="{self.sign}">{self.text(lang)}</span>')


@dataclass
class EsNum:
    """A number from equal-service.csv (row: scenario and team; column: field), as Num is for comparison.csv."""
    value: float
    decimals: int
    scenario: str
    team: str
    field: str
    scale: float = 1.0
    sign: int = 1

    def text(self, lang: str) -> str:
        from jeugdsim_charts import fmt_num
        return fmt_num(self.value * self.scale * self.sign, self.decimals, lang)

    def html(self, lang: str) -> str:
        return (f'<span class="esnum" data-scenario="{html.escape(self.scenario)}" data-team="{html.escape(self.team)}" '
                f'data-field="{self.field}" data-scale="{self.scale:g}" data-sign="{self.sign}">{self.text(lang)}</span>')


def words(lang: str) -> dict:
    from report_words import WORDS  # imported late, like jeugdsim_charts: report/ joins sys.path in main()
    return WORDS[lang]


def count_word(n: int, lang: str) -> str:
    from report_words import count_word as words_for_count
    return words_for_count(n, lang)


def _ok(*values) -> bool:
    return all(v is not None and isinstance(v, float) and math.isfinite(v) for v in values)


def _interleave(parts: list[str], nums: list) -> list:
    out: list = []
    for i, p in enumerate(parts):
        if p:
            out.append(p)
        if i < len(nums):
            out.append(nums[i])
    return out


def _diff_nums(row, kpi: str, group: str, sid: str, decimals: int, scale: float):
    """(magnitude, bound1, bound2, direction index) for a signed paired difference."""
    d, lo, hi = float(row["diff_mean"]), float(row["diff_ci_low"]), float(row["diff_ci_high"])
    sign = 1 if d >= 0 else -1
    mk = lambda v, f: Num(v, decimals, kpi, group, sid, f, scale, sign)  # noqa: E731
    first, second = (mk(lo, "diff_ci_low"), mk(hi, "diff_ci_high")) if sign > 0 else \
        (mk(hi, "diff_ci_high"), mk(lo, "diff_ci_low"))
    return mk(d, "diff_mean"), first, second, 0 if sign > 0 else 1, (lo <= 0 <= hi)


def _nil_pp(row) -> bool:
    """A difference of shares that reads 0,0 percentage points with an interval of 0,0 to 0,0."""
    return all(abs(float(v)) * 100 < 0.05 for v in (row.diff_mean, row.diff_ci_low, row.diff_ci_high))


def _fmt_parts(parts: list[str], **kw) -> list[str]:
    return [p.format(**kw) for p in parts]


def summary_compare(results, lang: str) -> list[tuple[str, list[list]]]:
    """Per non-reference scenario: (heading, paragraphs); a paragraph is a list of str and Num."""
    w = words(lang)
    ref = results.reference
    rn = ref.display_name(lang)
    out = []
    for s in results.scenarios[1:]:
        nm = s.display_name(lang)
        paras: list[list] = []

        def row(kpi, sid=s.id, group="all"):
            r = results.row(kpi, group, sid)
            return r

        r = row("intake_wait_days_mean")
        if r is not None and _ok(float(r.diff_mean), float(r.diff_ci_low), float(r.diff_ci_high)):
            dec = 0 if abs(r.diff_mean) >= 10 else 1
            m, a, b, di, nz = _diff_nums(r, "intake_wait_days_mean", "all", s.id, dec, 1.0)
            if all(abs(float(v)) < 0.05 for v in (r.diff_mean, r.diff_ci_low, r.diff_ci_high)):
                # "0,0 dagen langer (95%-BI 0,0 tot 0,0)" says nothing: the designs are equally fast.
                para = [w["wait_equal"].format(name=nm, ref=rn)]
            else:
                para = _interleave(_fmt_parts(w["wait"], name=nm, ref=rn, dir=w["wait_dir"][di]), [m, a, b])
                if nz:
                    para.append(w["not_sig"])
            rs, rr = row("intake_wait_within_norm_share"), row("intake_wait_within_norm_share", ref.id)
            if rs is not None and rr is not None and _ok(float(rs["mean"]), float(rr["mean"])):
                para.append(" ")
                para += _interleave(_fmt_parts(w["norm"], norm=s.intake_norm_days, ref=rn),
                                    [Num(rs["mean"], 0, rs.kpi, "all", s.id, "mean", 100),
                                     Num(rr["mean"], 0, rr.kpi, "all", ref.id, "mean", 100)])
            paras.append(para)

        rp, ri = row("professionals_per_family"), row("intakes_per_family")
        if rp is not None and ri is not None and _ok(float(rp.diff_mean), float(ri.diff_mean),
                                                      float(rp.diff_ci_low), float(ri.diff_ci_low)):
            m1, a1, b1, d1, _ = _diff_nums(rp, "professionals_per_family", "all", s.id, 2, 1.0)
            m2, a2, b2, d2, _ = _diff_nums(ri, "intakes_per_family", "all", s.id, 2, 1.0)
            paras.append(_interleave(_fmt_parts(w["prof"], dir=w["more_less"][d1], dir2=w["more_less"][d2]),
                                     [m1, a1, b1, m2, a2, b2]))

        rs, rr = row("single_regisseur_share"), row("single_regisseur_share", ref.id)
        if rs is not None and rr is not None and _ok(float(rs["mean"]), float(rr["mean"]), float(rs.diff_mean)):
            m, a, b, di, nz = _diff_nums(rs, "single_regisseur_share", "all", s.id, 1, 100.0)
            shares = [Num(rs["mean"], 0, rs.kpi, "all", s.id, "mean", 100),
                      Num(rr["mean"], 0, rr.kpi, "all", ref.id, "mean", 100)]
            if _nil_pp(rs):
                para = _interleave(_fmt_parts(w["regie_equal"], ref=rn), shares)
            else:
                para = _interleave(_fmt_parts(w["regie"], ref=rn, dir=w["pp_dir"][di]), shares + [m, a, b])
                if nz:
                    para.append(w["not_sig"])
            paras.append(para)

        rs, rr = row("never_assessed_share"), row("never_assessed_share", ref.id)
        if rs is not None and rr is not None and _ok(float(rs["mean"]), float(rr["mean"]), float(rs.diff_mean)):
            m, a, b, di, nz = _diff_nums(rs, "never_assessed_share", "all", s.id, 1, 100.0)
            shares = [Num(rs["mean"], 1, rs.kpi, "all", s.id, "mean", 100),
                      Num(rr["mean"], 1, rr.kpi, "all", ref.id, "mean", 100)]
            if _nil_pp(rs):
                para = _interleave(_fmt_parts(w["safety_equal"], ref=rn), shares)
            else:
                para = _interleave(_fmt_parts(w["safety"], ref=rn, dir=w["pp_dir"][di]), shares + [m, a, b])
                if nz:
                    para.append(w["not_sig"])
            paras.append(para)

        rs, rr = row("cost_eur_per_year", group="total"), row("cost_eur_per_year", ref.id, "total")
        if rs is not None and rr is not None and _ok(float(rs["mean"]), float(rr["mean"]), float(rs.diff_mean)):
            m, a, b, di, nz = _diff_nums(rs, "cost_eur_per_year", "total", s.id, 2, 1e-6)
            para = _interleave(_fmt_parts(w["cost"], dir=w["cost_dir"][di]),
                               [m, a, b, Num(rs["mean"], 2, rs.kpi, "total", s.id, "mean", 1e-6),
                                Num(rr["mean"], 2, rr.kpi, "total", ref.id, "mean", 1e-6)])
            if nz:
                para.append(w["not_sig"])
            paras.append(para)
        out.append((w["vs"].format(name=nm, ref=rn), paras))
    return out


def _fte_decimals(*values: float) -> int:
    """Whole posts read as whole numbers; fractions of FTE with one decimal."""
    return 0 if all(abs(v - round(v)) < 1e-9 for v in values) else 1


def summary_equal_service(results, lang: str) -> list[list]:
    """With equal-service.csv (`compare --equal-service`): per design after the first one sentence on
    the FTE and the yearly cost it needs to meet the norm, and the norm share at that staffing."""
    table = results.equal_service()
    if table is None:
        return []
    w = words(lang)
    ref = results.reference
    rn = ref.display_name(lang)
    totals = table[table.team == "total"]
    ref_total = totals[totals.scenario == ref.id]
    if ref_total.empty:
        return []
    rt = ref_total.iloc[0]
    paras = []
    for s in results.scenarios[1:]:
        own = totals[totals.scenario == s.id]
        if own.empty or not _ok(float(own.iloc[0].fte), float(own.iloc[0].cost_diff_mean)):
            continue
        t = own.iloc[0]
        nm = s.display_name(lang)
        dfte = float(t.fte_diff)
        dec = _fte_decimals(float(t.fte), float(rt.fte), dfte)
        fte = EsNum(float(t.fte), dec, s.id, "total", "fte")
        ref_fte = EsNum(float(rt.fte), dec, ref.id, "total", "fte")
        d, lo, hi = float(t.cost_diff_mean), float(t.cost_diff_ci_low), float(t.cost_diff_ci_high)
        sign = 1 if d >= 0 else -1
        cost = [EsNum(d, 2, s.id, "total", "cost_diff_mean", 1e-6, sign)]
        bounds = [("cost_diff_ci_low", lo), ("cost_diff_ci_high", hi)]
        cost += [EsNum(v, 2, s.id, "total", f, 1e-6, sign) for f, v in (bounds if sign > 0 else bounds[::-1])]
        cdir = w["es_cost_dir"][0 if sign > 0 else 1]
        if abs(dfte) < 0.05:
            para = _interleave(_fmt_parts(w["es_lead_same"], name=nm, ref=rn, cdir=cdir), [fte] + cost)
        else:
            diff = EsNum(dfte, dec, s.id, "total", "fte_diff", 1.0, 1 if dfte >= 0 else -1)
            para = _interleave(_fmt_parts(w["es_lead"], name=nm, ref=rn, dir=w["es_dir"][0 if dfte >= 0 else 1],
                                          cdir=cdir), [diff, fte, ref_fte] + cost)
        if lo <= 0 <= hi:
            para.append(w["es_cost_nil"])
        rs, rr = results.row("intake_wait_within_norm_share", "all", s.id), \
            results.row("intake_wait_within_norm_share", "all", ref.id)
        if rs is not None and rr is not None and _ok(float(rs["mean"]), float(rr["mean"])):
            from jeugdsim_charts import fmt_num
            para += _interleave(_fmt_parts(w["es_then"], name=nm, ref=rn, norm=fmt_num(s.intake_norm_days, 0, lang)),
                                [Num(rs["mean"], 0, rs.kpi, "all", s.id, "mean", 100),
                                 Num(rr["mean"], 0, rr.kpi, "all", ref.id, "mean", 100)])
        else:
            para.append(w["es_then_plain"])
        paras.append(para)
    return paras


def summary_run(results, lang: str) -> list[tuple[str, list[list]]]:
    w = words(lang)
    s = results.reference
    paras: list[list] = []

    def nums(kpi, group, dec, scale, fields=("mean", "ci_low", "ci_high")):
        r = results.row(kpi, group, s.id)
        if r is None or not _ok(*[float(r[f]) for f in fields]):
            return None
        return [Num(float(r[f]), dec, kpi, group, s.id, f, scale) for f in fields]

    wait, norm = nums("intake_wait_days_mean", "all", 0, 1), nums("intake_wait_within_norm_share", "all", 0, 100,
                                                                  ("mean",))
    if wait and norm:
        paras.append(_interleave(_fmt_parts(w["run_wait"], norm=s.intake_norm_days), wait + norm))
    prof, intk = nums("professionals_per_family", "all", 2, 1, ("mean",)), nums("intakes_per_family", "all", 2, 1,
                                                                              ("mean",))
    if prof and intk:
        paras.append(_interleave(w["run_prof"], prof + intk))
    regie = nums("single_regisseur_share", "all", 0, 100, ("mean",))
    if regie:
        paras.append(_interleave(w["run_regie"], regie))
    safety = nums("never_assessed_share", "all", 1, 100, ("mean",))
    if safety:
        paras.append(_interleave(w["run_safety"], safety))
    cost = nums("cost_eur_per_year", "total", 2, 1e-6)
    if cost:
        paras.append(_interleave(w["run_cost"], cost))
    return [("", paras)]


# ---------------------------------------------------------------------------------------------
# Headline table

HEADLINE = [("intake_wait_days_mean", "all", 1, 1.0, ""), ("intake_wait_days_p90", "all", 1, 1.0, ""),
            ("intake_wait_within_norm_share", "all", 1, 100.0, "%"),
            ("specialist_from_signal_days_mean", "all", 1, 1.0, ""),
            ("professionals_per_family", "all", 2, 1.0, ""), ("intakes_per_family", "all", 2, 1.0, ""),
            ("plans_per_family", "all", 2, 1.0, ""), ("handoffs_per_family", "all", 2, 1.0, ""),
            ("single_regisseur_share", "all", 1, 100.0, "%"), ("never_assessed_share", "all", 1, 100.0, "%"),
            ("reentry_12m_share", "all", 1, 100.0, "%"), ("cost_eur_per_year", "total", 2, 1e-6, "")]


def headline_table(results, lang: str) -> str:
    from jeugdsim_charts import fmt_num, kpi_label
    w = words(lang)
    to = " – "
    ref = results.reference
    head = [f"<th scope=\"col\">{html.escape(w['kpi'])}</th>"]
    head += [f"<th scope=\"col\">{html.escape(s.display_name(lang))}</th>" for s in results.scenarios]
    if results.kind == "compare":
        head += [f"<th scope=\"col\" class=\"diff\">{html.escape(w['diff_head'].format(name=s.display_name(lang)))}</th>"
                 for s in results.scenarios[1:]]
    body = []
    for kpi, group, dec, scale, unit in HEADLINE:
        label = kpi_label(lang, kpi)
        cells = [f"<th scope=\"row\">{html.escape(label[:1].upper() + label[1:])}</th>"]
        any_value = False
        for s in results.scenarios:
            r = results.row(kpi, group, s.id)
            if r is None or not _ok(float(r["mean"])):
                cells.append("<td>–</td>")
                continue
            any_value = True
            cells.append(f"<td>{fmt_num(r['mean'] * scale, dec, lang)}{unit} <small class=\"ci\">("
                         f"{fmt_num(r.ci_low * scale, dec, lang)}{to}{fmt_num(r.ci_high * scale, dec, lang)})</small>"
                         "</td>")
        if results.kind == "compare":
            for s in results.scenarios[1:]:
                r = results.row(kpi, group, s.id)
                if r is None or not _ok(float(r.diff_mean)):
                    cells.append("<td>–</td>")
                    continue
                u = " pp" if unit == "%" else ""
                cells.append(f"<td>{fmt_num(r.diff_mean * scale, dec, lang, signed=True)}{u} <small class=\"ci\">("
                             f"{fmt_num(r.diff_ci_low * scale, dec, lang)}{to}"
                             f"{fmt_num(r.diff_ci_high * scale, dec, lang)})</small></td>")
        if any_value:
            body.append("<tr>" + "".join(cells) + "</tr>")
    note = (w["table_note"].format(reps=results.replications, ref=ref.display_name(lang)) if results.kind == "compare"
            else w["table_note_run"].format(reps=results.replications))
    return ("<table class=\"headline\">\n<thead><tr>" + "".join(head) + "</tr></thead>\n<tbody>\n" + "\n".join(body) +
            "\n</tbody>\n</table>\n" + f"<p class=\"note\">{html.escape(note)}</p>")


# ---------------------------------------------------------------------------------------------
# The page

CSS = """
body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ccc}h3{font-size:1.05em;margin-bottom:.3em}
.summary{background:#f4f7fa;border-left:4px solid #1b6ca8;padding:.6em 1.2em}
.caution{background:#fff6e5;border-left:4px solid #c77700;padding:.3em 1em;margin:1em 0}
.caution ul{padding-left:1.2em;margin:.3em 0}.caution li{margin:.3em 0}
.findings li{margin:.4em 0}
td.text{text-align:left}table.kv th{width:22em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1.2em}dt{font-weight:bold}dd{margin:0}
#appendix{font-size:.95em}
.summary ul{padding-left:1.2em}.summary li{margin:.35em 0}
.num,.esnum{font-weight:bold}
.equal{background:#fff;border:1px solid #c9d6e2;padding:.3em 1em;margin:.6em 0}.equal td{text-align:left}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:right;vertical-align:top}
th[scope=row]{text-align:left;font-weight:normal}thead th{background:#eef2f6;text-align:center;vertical-align:bottom}
table.headline thead th{max-width:13em}small.ci{display:block;white-space:nowrap;color:#555}
th[scope=rowgroup]{text-align:left;font-weight:normal;vertical-align:top}
tr.group td{background:#f6f6f6;font-weight:bold;text-align:left}
figure{margin:1.5em 0;page-break-inside:avoid}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption,.note{font-size:.8em;color:#555}
@media print{body{max-width:none}h2{page-break-before:auto}}
"""


def render_paragraph(parts: list, lang: str) -> str:
    return "".join(p.html(lang) if isinstance(p, (Num, EsNum)) else html.escape(p) for p in parts)


def render_sens_sentence(parts: list[str], assumption: str, values: list[tuple[str, float]], lang: str) -> str:
    """A sentence of the sensitivity section; its numbers say where in sensitivity.csv they come from."""
    from jeugdsim_charts import fmt_num
    from report_sections import SENS_GROUP, SENS_KPI
    nums = [f'<span class="snum" data-kpi="{SENS_KPI}" data-group="{SENS_GROUP}" '
            f'data-assumption="{html.escape(assumption)}" data-field="{field}">{fmt_num(v, 0, lang)}</span>'
            for field, v in values]
    return "".join(html.escape(p) + (nums[i] if i < len(nums) else "") for i, p in enumerate(parts))


def render_diff_sentence(parts: list[str], pair, assumption: str, nums: list[tuple[str, float, int]],
                         lang: str) -> str:
    """A sentence on the difference between designs; each number says where in sweep-differences.csv
    it comes from (row: kpi, group, scenario, reference, assumption; column; the sign it is shown with)."""
    from jeugdsim_charts import fmt_num
    from report_sections import SENS_GROUP, SENS_KPI
    scenario, reference = (pair.sid, pair.ref_id) if pair.orient > 0 else (pair.ref_id, pair.sid)
    magnitude = abs(nums[0][1])
    decimals = 0 if magnitude >= 10 else 1
    spans = [f'<span class="snum" data-kpi="{SENS_KPI}" data-group="{SENS_GROUP}" '
             f'data-scenario="{html.escape(scenario)}" data-reference="{html.escape(reference)}" '
             f'data-assumption="{html.escape(assumption)}" data-field="{field}" data-sign="{sign}">'
             f"{fmt_num(value * sign, decimals, lang)}</span>" for field, value, sign in nums]
    return "".join(html.escape(p) + (spans[i] if i < len(spans) else "") for i, p in enumerate(parts))


def figure_html(name: str, ctitle: str, note: str, png: bytes, lang: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f'<figure id="chart-{name}">\n<img src="data:image/png;base64,{data}" '
            f'alt="{html.escape(ctitle)}" width="1100">\n'
            f"<figcaption>{html.escape(ctitle)}. {html.escape(words(lang)['provenance'])}: {html.escape(note)}"
            "</figcaption>\n</figure>")


APPENDIX_CHARTS = {"caseload_spread"}  # standard deviations are for analysts


def build_html(results, lang: str, charts: list[tuple[str, str, str, bytes]], sens=None,
               tornado: list[tuple[str, str, str, bytes]] | None = None) -> str:
    """charts and tornado: (name, title, footnote, png bytes); sens: a report_sections.Sensitivity or None."""
    import report_sections as rs
    w = words(lang)
    ref = results.reference
    n_words = count_word(len(results.scenarios), lang)
    if results.kind == "compare":
        title = w["title"]
        intro = w["intro_compare"].format(n=n_words, reps=results.replications, ref=ref.display_name(lang))
        sections = summary_compare(results, lang)
    else:
        title = w["title_run"].format(name=ref.display_name(lang))
        intro = w["intro_run"].format(reps=results.replications)
        sections = summary_run(results, lang)
    summary_html = []
    for heading, paras in sections:
        if not paras:
            continue
        if heading:
            summary_html.append(f"<h3>{html.escape(heading)}</h3>")
        summary_html.append("<ul>" + "".join(f"<li>{render_paragraph(p, lang)}</li>" for p in paras) + "</ul>")
    if not summary_html:
        summary_html.append(f"<p>{html.escape(w['no_summary'])}</p>")
    caution = rs.caution_box(results, lang)
    # At equal service the summary leads with what each design needs to meet the norm.
    equal = ""
    if results.kind == "compare" and results.equal_service() is not None:
        lead = summary_equal_service(results, lang)
        equal = ('<div class="equal" id="equal-service">\n'
                 + ("<ul>" + "".join(f"<li>{render_paragraph(p, lang)}</li>" for p in lead) + "</ul>\n" if lead else "")
                 + rs.equal_service_table(results, lang) + "\n</div>")
    main_figures = [figure_html(*c, lang) for c in charts if c[0] not in APPENDIX_CHARTS]
    appendix_figures = [figure_html(*c, lang) for c in charts if c[0] in APPENDIX_CHARTS]
    tornado_figures = [figure_html(*t, lang) for t in tornado or []]
    if sens is not None and sens.differences is not None:
        sensitivity = rs.difference_section(
            results, sens, lang, tornado_figures,
            lambda parts, pair, a, nums: render_diff_sentence(parts, pair, a, nums, lang))
    else:
        sensitivity = rs.sensitivity_section(results, sens, lang, tornado_figures[0] if tornado_figures else "",
                                             lambda parts, a, values: render_sens_sentence(parts, a, values, lang))
    byline = w["byline"].format(date=results.date)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jeugdsim {html.escape(results.version)}">
<title>{html.escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{html.escape(title)}</h1>
<p class="note">{html.escape(byline)}</p>
</header>
<main>
<section class="summary" id="summary">
<h2>{html.escape(w['summary'])}</h2>
{equal}
<p>{html.escape(intro)}</p>
{caution}
{chr(10).join(summary_html)}
</section>
{sensitivity}
<section id="table">
<h2>{html.escape(w['table'])}</h2>
{headline_table(results, lang)}
{rs.years_table(results, lang)}
</section>
<section id="charts">
<h2>{html.escape(w['charts'])}</h2>
{chr(10).join(main_figures)}
</section>
{rs.glossary(lang)}
{rs.appendix(results, lang, sens, chr(10).join(appendix_figures))}
</main>
</body>
</html>
"""


def make_report(run_dir: Path, lang: str, sensitivity_dir: Path | None = None) -> Path:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import jeugdsim_charts as jc
    import report_sections as rs

    results = jc.load_results(run_dir)
    sens = rs.load_sensitivity(sensitivity_dir) if sensitivity_dir is not None else None
    chart_dir = run_dir / "charts"
    charts = []
    for name, title, fig in jc.results_charts(results, lang):
        jc.save_figure(fig, chart_dir, name)
        charts.append((name, title, fig.jeugdsim_note, jc.png_bytes(fig, dpi=100)))
        plt.close(fig)
    tornado = []
    if sens is not None and sens.differences is not None:
        # One tornado per difference between designs: tornado.png, then tornado-2.png, ...
        note = jc.sweep_note(sens.provenance, sens.run_info, lang)
        for k, pair in enumerate(rs.difference_pairs(results, sens, lang)):
            fig = jc.localise_ticks(jc.chart_difference_tornado(rs.oriented(pair), note, lang, rs.SENS_KPI,
                                                                pair.name, pair.ref), lang)
            title = jc.tr(lang, "tornado_diff_title", kpi=jc.kpi_label(lang, rs.SENS_KPI))
            name = "tornado" if k == 0 else f"tornado-{k + 1}"
            jc.save_figure(fig, chart_dir, name)
            tornado.append((name, title, fig.jeugdsim_note, jc.png_bytes(fig, dpi=100)))
            plt.close(fig)
    elif sens is not None:
        fig = jc.localise_ticks(jc.chart_tornado(sens.table, sens.provenance, sens.run_info, lang, kpi=rs.SENS_KPI,
                                                 group=rs.SENS_GROUP), lang)
        title = jc.tr(lang, "tornado_title", kpi=jc.kpi_label(lang, rs.SENS_KPI))
        jc.save_figure(fig, chart_dir, "tornado")
        tornado.append(("tornado", title, fig.jeugdsim_note, jc.png_bytes(fig, dpi=100)))
        plt.close(fig)
    page = build_html(results, lang, charts, sens, tornado)
    target = run_dir / "report.html"
    tmp = run_dir / ".report.html.tmp"
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, target)
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="jeugdsim report",
                                     description="Write RUN_DIR/report.html and RUN_DIR/charts/ from jeugdsim results")
    parser.add_argument("run_dir", help="a compare folder (comparison.csv) or a run folder (summary.csv)")
    parser.add_argument("--lang", default="nl", choices=["nl", "en"], help="language of the report (default nl)")
    parser.add_argument("--sensitivity", metavar="SWEEP_DIR", type=Path,
                        help="folder of `jeugdsim sweep --one-way` (sensitivity.csv, or sweep-differences.csv of a "
                             "sweep of several scenarios): adds the section on the assumptions that could change "
                             "the conclusion")
    args = parser.parse_args(argv)  # exits 2 with a usage message on a bad argument
    warnings.simplefilter("ignore")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        import jeugdsim_charts as jc  # noqa: F401  (fails here when a package is missing)
    except ImportError as e:
        print(f"report: Python package missing ({e}): run `scripts/setup --with-report`", file=sys.stderr)
        return EXIT_FAILURE
    try:
        target = make_report(Path(args.run_dir), args.lang, args.sensitivity)
    except jc.ResultsError as e:
        print(f"report: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as e:
        print(f"report: cannot write the report: {e}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"report: {target} and charts in {target.parent / 'charts'}")
    return EXIT_OK


if __name__ == "__main__":
    try:
        code = main()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("report: interrupted", file=sys.stderr)
        code = EXIT_FAILURE
    except BaseException as e:  # a genuine internal error: one line, no traceback
        print(f"report: internal error: {type(e).__name__}: {e}".splitlines()[0], file=sys.stderr)
        code = EXIT_FAILURE
    sys.exit(code)
