#!/usr/bin/python3
"""Writes RUN_DIR/report.html (one self-contained file) and RUN_DIR/charts/*.png|svg for a jeugdsim
compare folder (preferred) or a single run folder.

Usage: /usr/bin/python3 report/make_report.py RUN_DIR [--lang nl|en]
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


WORDS = {
    "nl": {
        "title": "Jeugdhulp anders organiseren: wat betekent het voor gezinnen?",
        "title_run": "Jeugdhulp in het scenario ‘{name}’",
        "summary": "Samenvatting",
        "intro_compare": ("Dit rapport vergelijkt {n} manieren om de jeugdhulp te organiseren. Elk scenario is "
                          "{reps} keer gesimuleerd met dezelfde gezinnen, die op hetzelfde moment met dezelfde "
                          "vragen binnenkomen. Verschillen komen dus door de organisatie, niet door toeval. "
                          "Elk getal is een gemiddelde met een 95%-betrouwbaarheidsinterval (95%-BI), "
                          "vergeleken met ‘{ref}’."),
        "intro_run": ("Dit rapport beschrijft één scenario, {reps} keer gesimuleerd. Elk getal is een gemiddelde "
                      "met een 95%-betrouwbaarheidsinterval (95%-BI)."),
        "vs": "‘{name}’ vergeleken met ‘{ref}’",
        "wait": ["In het scenario ‘{name}’ wachten gezinnen gemiddeld ", " dagen {dir} op een intake dan in "
                 "‘{ref}’ (95%-BI ", " tot ", ")."],
        "wait_dir": ("langer", "korter"),
        "norm": ["", "% van de intakes valt binnen de norm van {norm:g} dagen, tegen ", "% in het referentiescenario."],
        "prof": ["Een gezin krijgt gemiddeld met ", " {dir} professionals te maken (95%-BI ", " tot ",
                 ") en heeft ", " {dir2} intakes (95%-BI ", " tot ", ")."],
        "more_less": ("meer", "minder"),
        "pp_dir": ("meer", "minder"),
        "regie": ["", "% van de gezinnen met een regisseur houdt die van begin tot eind, tegen ",
                  "% in het referentiescenario: ", " procentpunt {dir} (95%-BI ", " tot ", ")."],
        "safety": ["Bij ", "% van de gezinnen met een veiligheidsrisico wordt de veiligheid nooit beoordeeld, "
                   "tegen ", "% in het referentiescenario (", " procentpunt {dir}, 95%-BI ", " tot ", ")."],
        "cost": ["De kosten zijn gemiddeld ", " miljoen euro per jaar {dir} (95%-BI ", " tot ", "): ",
                 " tegen ", " miljoen euro."],
        "cost_dir": ("hoger", "lager"),
        "not_sig": " Dit verschil is niet met zekerheid van nul te onderscheiden.",
        "run_wait": ["Gezinnen wachten gemiddeld ", " dagen op een intake (95%-BI ", " tot ", "); ",
                     "% van de intakes valt binnen de norm van {norm:g} dagen."],
        "run_prof": ["Een gezin krijgt gemiddeld met ", " professionals te maken en heeft ", " intakes."],
        "run_regie": ["", "% van de gezinnen met een regisseur houdt die van begin tot eind."],
        "run_safety": ["Bij ", "% van de gezinnen met een veiligheidsrisico wordt de veiligheid nooit beoordeeld."],
        "run_cost": ["De kosten zijn gemiddeld ", " miljoen euro per jaar (95%-BI ", " tot ", ")."],
        "no_summary": "De resultaten bevatten geen kerncijfers om samen te vatten.",
        "caution": ("Let op: bij deze capaciteit groeien wachtlijsten aan het eind van de gesimuleerde periode "
                    "nog. De wachttijden gelden daarom alleen voor deze periode; over een langere periode worden "
                    "ze langer. Gemiddelde lengte in de eerste en de tweede helft van de periode: {items}."),
        "caution_item": "{queue} {first} → {second} gezinnen",
        "table": "Kerncijfers", "kpi": "kerncijfer", "diff": "verschil met ‘{ref}’",
        "table_note": "Gemiddelde (95%-BI) over replicaties; verschillen gepaard (zelfde gezinnen).",
        "charts": "Grafieken", "about": "Over deze resultaten",
        "about_text": ("Berekend met jeugdsim {version} uit de resultatenmap {folder}. Seed {seed}, {reps} "
                       "replicaties. De grafieken staan ook los in de map charts/ (PNG en SVG) voor presentaties. "
                       "Dit is een simulatie met aannames; lees de verschillen als richting en orde van grootte."),
        "provenance": "Herkomst",
    },
    "en": {
        "title": "Organising youth care differently: what does it mean for families?",
        "title_run": "Youth care in the scenario ‘{name}’",
        "summary": "Summary",
        "intro_compare": ("This report compares {n} ways of organising youth care. Each scenario was simulated "
                          "{reps} times with the same families, arriving at the same moment with the same needs. "
                          "Differences therefore come from the organisation, not from chance. Every number is a "
                          "mean with a 95% confidence interval (95% CI), compared with ‘{ref}’."),
        "intro_run": ("This report describes one scenario, simulated {reps} times. Every number is a mean with a "
                      "95% confidence interval (95% CI)."),
        "vs": "‘{name}’ compared with ‘{ref}’",
        "wait": ["In the scenario ‘{name}’, families wait on average ", " days {dir} for an intake than in "
                 "‘{ref}’ (95% CI ", " to ", ")."],
        "wait_dir": ("longer", "shorter"),
        "norm": ["", "% of intakes happen within the norm of {norm:g} days, against ", "% in the reference scenario."],
        "prof": ["A family deals on average with ", " {dir} professionals (95% CI ", " to ", ") and has ",
                 " {dir2} intakes (95% CI ", " to ", ")."],
        "more_less": ("more", "fewer"),
        "pp_dir": ("higher", "lower"),
        "regie": ["", "% of families with a regisseur keep the same one throughout, against ", "% in the reference scenario: ",
                  " percentage points {dir} (95% CI ", " to ", ")."],
        "safety": ["For ", "% of families with a safety risk, safety is never assessed, against ", "% in the reference scenario (",
                   " percentage points {dir}, 95% CI ", " to ", ")."],
        "cost": ["Costs are on average EUR ", " million per year {dir} (95% CI ", " to ", "): EUR ",
                 " million against EUR ", " million."],
        "cost_dir": ("higher", "lower"),
        "not_sig": " This difference cannot be told apart from zero with confidence.",
        "run_wait": ["Families wait on average ", " days for an intake (95% CI ", " to ", "); ",
                     "% of intakes happen within the norm of {norm:g} days."],
        "run_prof": ["A family deals on average with ", " professionals and has ", " intakes."],
        "run_regie": ["", "% of families with a regisseur keep the same one throughout."],
        "run_safety": ["For ", "% of families with a safety risk, safety is never assessed."],
        "run_cost": ["Costs are on average EUR ", " million per year (95% CI ", " to ", ")."],
        "no_summary": "The results hold no headline figures to summarise.",
        "caution": ("Note: at this capacity some waiting lists are still growing at the end of the simulated "
                    "period. The waits therefore hold for this period only; over a longer period they are "
                    "longer. Mean length in the first and the second half of the period: {items}."),
        "caution_item": "{queue} {first} → {second} families",
        "table": "Headline figures", "kpi": "figure", "diff": "difference with ‘{ref}’",
        "table_note": "Mean (95% CI) over replications; differences paired (same families).",
        "charts": "Charts", "about": "About these results",
        "about_text": ("Computed with jeugdsim {version} from the results folder {folder}. Seed {seed}, {reps} "
                       "replications. The charts are also in the folder charts/ (PNG and SVG) for slides. "
                       "This is a simulation built on assumptions; read differences as direction and size."),
        "provenance": "Provenance",
    },
}

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


def _fmt_parts(parts: list[str], **kw) -> list[str]:
    return [p.format(**kw) for p in parts]


def summary_compare(results, lang: str) -> list[tuple[str, list[list]]]:
    """Per non-reference scenario: (heading, paragraphs); a paragraph is a list of str and Num."""
    w = WORDS[lang]
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
            para = _interleave(_fmt_parts(w["regie"], ref=rn, dir=w["pp_dir"][di]),
                               [Num(rs["mean"], 0, rs.kpi, "all", s.id, "mean", 100),
                                Num(rr["mean"], 0, rr.kpi, "all", ref.id, "mean", 100), m, a, b])
            if nz:
                para.append(w["not_sig"])
            paras.append(para)

        rs, rr = row("never_assessed_share"), row("never_assessed_share", ref.id)
        if rs is not None and rr is not None and _ok(float(rs["mean"]), float(rr["mean"]), float(rs.diff_mean)):
            m, a, b, di, nz = _diff_nums(rs, "never_assessed_share", "all", s.id, 1, 100.0)
            para = _interleave(_fmt_parts(w["safety"], ref=rn, dir=w["pp_dir"][di]),
                               [Num(rs["mean"], 1, rs.kpi, "all", s.id, "mean", 100),
                                Num(rr["mean"], 1, rr.kpi, "all", ref.id, "mean", 100), m, a, b])
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


def summary_run(results, lang: str) -> list[tuple[str, list[list]]]:
    w = WORDS[lang]
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
    w = WORDS[lang]
    to = " tot " if lang == "nl" else " to "
    ref = results.reference
    head = [f"<th scope=\"col\">{html.escape(w['kpi'])}</th>"]
    head += [f"<th scope=\"col\">{html.escape(s.display_name(lang))}</th>" for s in results.scenarios]
    if results.kind == "compare":
        head += [f"<th scope=\"col\">Δ {html.escape(s.id)}</th>" for s in results.scenarios[1:]]
    body = []
    for kpi, group, dec, scale, unit in HEADLINE:
        cells = [f"<th scope=\"row\">{html.escape(kpi_label(lang, kpi))}</th>"]
        any_value = False
        for s in results.scenarios:
            r = results.row(kpi, group, s.id)
            if r is None or not _ok(float(r["mean"])):
                cells.append("<td>–</td>")
                continue
            any_value = True
            cells.append(f"<td>{fmt_num(r['mean'] * scale, dec, lang)}{unit} <small>("
                         f"{fmt_num(r.ci_low * scale, dec, lang)}{to}{fmt_num(r.ci_high * scale, dec, lang)})</small>"
                         "</td>")
        if results.kind == "compare":
            for s in results.scenarios[1:]:
                r = results.row(kpi, group, s.id)
                if r is None or not _ok(float(r.diff_mean)):
                    cells.append("<td>–</td>")
                    continue
                u = " pp" if unit == "%" else ""
                cells.append(f"<td>{fmt_num(r.diff_mean * scale, dec, lang, signed=True)}{u} <small>("
                             f"{fmt_num(r.diff_ci_low * scale, dec, lang)}{to}"
                             f"{fmt_num(r.diff_ci_high * scale, dec, lang)})</small></td>")
        if any_value:
            body.append("<tr>" + "".join(cells) + "</tr>")
    return ("<table>\n<thead><tr>" + "".join(head) + "</tr></thead>\n<tbody>\n" + "\n".join(body) +
            "\n</tbody>\n</table>\n" + f"<p class=\"note\">{html.escape(w['table_note'])}"
            + (f" {html.escape(w['diff'].format(ref=ref.display_name(lang)))}: Δ." if results.kind == "compare" else "")
            + "</p>")


# ---------------------------------------------------------------------------------------------
# The page

CSS = """
body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ccc}h3{font-size:1.05em;margin-bottom:.3em}
.summary{background:#f4f7fa;border-left:4px solid #1b6ca8;padding:.6em 1.2em}
.caution{background:#fff6e5;border-left:4px solid #c77700;padding:.5em 1em}
.summary ul{padding-left:1.2em}.summary li{margin:.35em 0}
.num{font-weight:bold}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:right;vertical-align:top}
th[scope=row]{text-align:left;font-weight:normal}thead th{background:#eef2f6;text-align:center}
figure{margin:1.5em 0;page-break-inside:avoid}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption,.note{font-size:.8em;color:#555}
@media print{body{max-width:none}h2{page-break-before:auto}}
"""


def render_paragraph(parts: list, lang: str) -> str:
    return "".join(p.html(lang) if isinstance(p, Num) else html.escape(p) for p in parts)


def caution_paragraph(results, lang: str) -> str:
    """A warning when a waiting list is still growing (queue-trends.csv): the waits then depend on
    the length of the simulated period, which a council should know before quoting them."""
    from jeugdsim_charts import fmt_num, group_label
    w = WORDS[lang]
    items = []
    for s in results.scenarios:
        for _, row in s.growing_queues().iterrows():
            queue = group_label(lang, row["group"])
            if results.kind == "compare":
                queue = f"{s.display_name(lang)}: {queue}"
            items.append(w["caution_item"].format(queue=queue, first=fmt_num(row["first_half_mean"], 1, lang),
                                                  second=fmt_num(row["second_half_mean"], 1, lang)))
    if not items:
        return ""
    return f'<p class="caution" id="caution">{html.escape(w["caution"].format(items="; ".join(items)))}</p>'


def build_html(results, lang: str, charts: list[tuple[str, str, str, bytes]]) -> str:
    """charts: (name, title, footnote, png bytes)."""
    w = WORDS[lang]
    from jeugdsim_charts import provenance_note
    ref = results.reference
    if results.kind == "compare":
        title = w["title"]
        intro = w["intro_compare"].format(n=len(results.scenarios), reps=results.replications,
                                          ref=ref.display_name(lang))
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
    caution = caution_paragraph(results, lang)
    figures = []
    for name, ctitle, note, png in charts:
        data = base64.b64encode(png).decode("ascii")
        figures.append(f'<figure id="chart-{name}">\n<img src="data:image/png;base64,{data}" '
                       f'alt="{html.escape(ctitle)}" width="1100">\n'
                       f"<figcaption>{html.escape(ctitle)}. {html.escape(w['provenance'])}: {html.escape(note)}"
                       "</figcaption>\n</figure>")
    about = w["about_text"].format(version=results.version, folder=results.folder.name, seed=results.seed,
                                   reps=results.replications)
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
<p class="note">{html.escape(provenance_note(results, lang))}</p>
</header>
<main>
<section class="summary" id="summary">
<h2>{html.escape(w['summary'])}</h2>
<p>{html.escape(intro)}</p>
{caution}
{chr(10).join(summary_html)}
</section>
<section id="table">
<h2>{html.escape(w['table'])}</h2>
{headline_table(results, lang)}
</section>
<section id="charts">
<h2>{html.escape(w['charts'])}</h2>
{chr(10).join(figures)}
</section>
<section id="about">
<h2>{html.escape(w['about'])}</h2>
<p>{html.escape(about)}</p>
</section>
</main>
</body>
</html>
"""


def make_report(run_dir: Path, lang: str) -> Path:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import jeugdsim_charts as jc

    results = jc.load_results(run_dir)
    chart_dir = run_dir / "charts"
    charts = []
    for name, title, fig in jc.results_charts(results, lang):
        jc.save_figure(fig, chart_dir, name)
        charts.append((name, title, fig.jeugdsim_note, jc.png_bytes(fig, dpi=100)))
        plt.close(fig)
    page = build_html(results, lang, charts)
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
    args = parser.parse_args(argv)  # exits 2 with a usage message on a bad argument
    warnings.simplefilter("ignore")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        import jeugdsim_charts as jc  # noqa: F401  (fails here when a package is missing)
    except ImportError as e:
        print(f"report: Python package missing ({e}): run `scripts/setup --with-report`", file=sys.stderr)
        return EXIT_FAILURE
    try:
        target = make_report(Path(args.run_dir), args.lang)
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
