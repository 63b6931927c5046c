#!/usr/bin/python3
"""Tests of the notebooks, `jeugdsim report` and its error messages (run by CTest, see CMakeLists.txt).

Usage: /usr/bin/python3 tests/report/report_tests.py notebooks|html|errors|documented|workbook|equal
           --jeugdsim BIN --source-dir DIR
Each part makes its own small results in a fresh temporary folder with the built binary, checks,
prints what failed and exits 1 on any failure (never skips: a missing Chromium is a failure).
"""
from __future__ import annotations

import argparse
import csv
import html.parser
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
PYTHON = "/usr/bin/python3"
CHARTS = ["waits", "waiting_list", "caseload", "caseload_spread", "continuity", "costs"]
failures: list[str] = []


def check(condition: bool, message: str) -> bool:
    if not condition:
        failures.append(message)
        print(f"FAIL: {message}", flush=True)
    return condition


def run(cmd, env=None, timeout=240, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd)


def base_env(tmp: Path, source: Path) -> dict:
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env.update({"JEUGDSIM_REPORT_DIR": str(source / "report"), "MPLCONFIGDIR": str(tmp / "mpl"),
                "JUPYTER_RUNTIME_DIR": str(tmp / "jupyter-runtime"), "HOME": str(tmp / "home"),
                "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    (tmp / "home").mkdir(exist_ok=True)
    return env


def simulate(args, tmp: Path, kind: str, extra: tuple = (), name: str | None = None) -> Path:
    """A small compare (2 scenarios, 3 replications), sweep (2 replications) or run (2 replications)."""
    scen = args.source_dir / "scenarios"
    out = tmp / (name or kind)
    if kind == "compare":
        cmd = [args.jeugdsim, "compare", scen / "integrated.toml", scen / "split-jeugd-ouder.toml", "-r", "3"]
    elif kind == "sweep":
        cmd = [args.jeugdsim, "sweep", scen / "integrated.toml", "--one-way", "-r", "2"]
    else:
        cmd = [args.jeugdsim, "run", scen / "integrated.toml", "-r", "2"]
    p = run(cmd + list(extra) + ["--out", out, "--quiet", "--threads", "2"], cwd=args.source_dir)
    if p.returncode != 0:
        print(p.stdout, p.stderr)
        raise SystemExit(f"setup: {' '.join(map(str, cmd))} failed with exit code {p.returncode}")
    return out


# ---------------------------------------------------------------------------------------------
# (a) notebooks


def execute_notebook(notebook: Path, env: dict, out_dir: Path, label: str) -> dict | None:
    p = run([PYTHON, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", notebook,
             "--ExecutePreprocessor.timeout=180", "--output-dir", out_dir, "--output", f"{label}.ipynb"], env=env)
    if not check(p.returncode == 0, f"{label}: nbconvert --execute failed (exit {p.returncode}):\n"
                                    f"{p.stderr[-3000:]}"):
        return None
    nb = json.loads((out_dir / f"{label}.ipynb").read_text(encoding="utf-8"))
    errors = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    check(not errors, f"{label}: a cell raised {errors[0].get('ename') if errors else ''}")
    return nb


def outputs_of(nb: dict) -> tuple[int, str]:
    """(number of PNG images, all text output) of an executed notebook."""
    images, text = 0, []
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            data = o.get("data", {})
            if "image/png" in data and len(data["image/png"]) > 1000:
                images += 1
            for key in ("text/plain", "text/markdown", "text/html"):
                if key in data:
                    text.append("".join(data[key]))
            if "text" in o:
                text.append("".join(o["text"]))
    return images, "\n".join(text)


def test_notebooks(args, tmp: Path):
    compare, sweep = simulate(args, tmp, "compare"), simulate(args, tmp, "sweep")
    env = base_env(tmp, args.source_dir)
    nbdir = args.source_dir / "notebooks"
    notebooks = sorted(nbdir.glob("*.ipynb"))
    expected = {"scenario-comparison.ipynb", "sensitivity-tornado.ipynb", "capacity-planning.ipynb",
                "calibration-fit.ipynb"}
    check(expected <= {n.name for n in notebooks}, f"notebooks/ lacks {expected - {n.name for n in notebooks}}")
    out = tmp / "executed"
    out.mkdir()
    # Every notebook against the small compare and sweep (plan.csv and fit.csv absent).
    env1 = dict(env, JEUGDSIM_RUN_DIR=str(compare), JEUGDSIM_SWEEP_DIR=str(sweep))
    minimum_images = {"scenario-comparison": 6, "sensitivity-tornado": 4, "capacity-planning": 1,
                      "calibration-fit": 0}
    for notebook in notebooks:
        # Notebooks must not force a non-interactive backend: their charts would vanish.
        source = notebook.read_text(encoding="utf-8")
        check("MPLBACKEND" not in source and "matplotlib.use(" not in source,
              f"{notebook.name} sets a matplotlib backend")
        label = notebook.stem
        nb = execute_notebook(notebook, env1, out, label)
        if nb is None:
            continue
        images, text = outputs_of(nb)
        check(images >= minimum_images.get(label, 1), f"{label}: {images} charts in the executed notebook, "
                                                       f"expected at least {minimum_images.get(label, 1)}")
        if label == "capacity-planning":
            check("No plan.csv" in text, f"{label}: no clear message about the missing plan.csv")
        if label == "calibration-fit":
            check("No fit.csv" in text, f"{label}: no clear message about the missing fit.csv")
        if label == "scenario-comparison":
            check("dagen langer" in text or "dagen korter" in text, f"{label}: no plain-language summary")
            check("first_half_mean" in text and "team:ouder" in text,
                  f"{label}: no queue-trends table naming the waiting lists")
    # The sensitivity notebook on a folder without sensitivity.csv says so.
    env_nosweep = dict(env, JEUGDSIM_RUN_DIR=str(compare), JEUGDSIM_SWEEP_DIR=str(compare))
    nb = execute_notebook(nbdir / "sensitivity-tornado.ipynb", env_nosweep, out, "sensitivity-missing")
    if nb is not None:
        check("No sensitivity.csv" in outputs_of(nb)[1], "sensitivity notebook: no message for a missing sensitivity.csv")
    # Capacity and calibration notebooks with plan.csv and fit.csv in the documented formats.
    documented = tmp / "documented"
    shutil.copytree(compare, documented)
    with open(documented / "plan.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["team", "fte", "kpi", "mean", "ci_low", "ci_high", "target"])
        for team, base in [("wijkteam", 60.0), ("gi", 35.0)]:
            for i, fte in enumerate([14, 16, 18, 20, 22]):
                m = base * (0.75 ** i)
                w.writerow([team, fte, "intake_wait_days_mean", m, m * 0.85, m * 1.15, 28])
    with open(documented / "fit.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["target", "kpi", "observed", "simulated_mean", "simulated_ci_low", "simulated_ci_high",
                    "within_tolerance"])
        w.writerow(["cbs_families_in_care", "families_in_care", 1250, 1198, 1160, 1236, "true"])
        w.writerow(["monitor_intake_wait", "intake_wait_days_mean", 30, 18, 12, 24, "false"])
    env2 = dict(env, JEUGDSIM_PLAN_DIR=str(documented), JEUGDSIM_FIT_DIR=str(documented))
    for name, needle in [("capacity-planning", "wijkteam"), ("calibration-fit", "1 of 2 targets within tolerance")]:
        nb = execute_notebook(nbdir / f"{name}.ipynb", env2, out, f"{name}-with-file")
        if nb is not None:
            images, text = outputs_of(nb)
            check(images >= 1, f"{name} with its CSV: no chart")
            check(needle in text, f"{name} with its CSV: expected {needle!r} in the output")
            check("No plan.csv" not in text and "No fit.csv" not in text, f"{name}: claims the file is missing")


# ---------------------------------------------------------------------------------------------
# (b) the HTML report in headless Chromium

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(html.parser.HTMLParser):
    """Collects what the checks need and whether the tags nest."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.doctype, self.lang, self.charset, self.title = None, None, False, ""
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.images: list[dict] = []
        self.svgs = 0
        self.urls: list[str] = []
        self.nums: list[dict] = []
        self._num: dict | None = None
        self._in_title = False
        self.items: list[str] = []
        self._li: list[str] | None = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and a.get("charset", "").lower() == "utf-8":
            self.charset = True
        if tag == "title":
            self._in_title = True
        if tag == "img":
            self.images.append(a)
        if tag == "svg":
            self.svgs += 1
        for key in ("src", "href"):
            if key in a and not str(a[key]).startswith(("data:", "#")):
                self.urls.append(a[key])
        if tag == "span" and "num" in a.get("class", "").split():
            self._num = dict(a, text="")
        if tag == "li":
            self._li = []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()
        if tag == "title":
            self._in_title = False
        if tag == "span" and self._num is not None:
            self.nums.append(self._num)
            if self._li is not None:
                self._li.append(self._num["text"])
            self._num = None
        if tag == "li" and self._li is not None:
            self.items.append("".join(self._li))
            self._li = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._num is not None:
            self._num["text"] += data
        elif self._li is not None:
            self._li.append(data)


def parse_number(text: str) -> tuple[float, int]:
    t = text.strip().replace("\u2212", "-").replace("+", "")
    t = t.replace(",", ".")
    decimals = len(t.split(".")[1]) if "." in t else 0
    return float(t), decimals


def read_table(path: Path) -> dict:
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if "scenario" in rows[0]:
        return {(r["kpi"], r["group"], r["scenario"]): r for r in rows}
    return {(r["kpi"], r["group"]): r for r in rows}


def check_numbers(page: Page, table: dict, label: str, single: str | None = None) -> int:
    """Every number in the summary equals the CSV value (after scale and sign) within its rounding."""
    checked = 0
    for n in page.nums:
        key = (n["data-kpi"], n["data-group"], n["data-scenario"]) if single is None else (n["data-kpi"], n["data-group"])
        row = table.get(key)
        if not check(row is not None, f"{label}: summary number for {key} has no row in the CSV"):
            continue
        value, decimals = parse_number(n["text"])
        expected = float(row[n["data-field"]]) * float(n["data-scale"]) * int(n["data-sign"])
        tolerance = 0.5 * 10 ** -decimals + 1e-9
        check(math.isfinite(expected) and abs(value - expected) <= tolerance,
              f"{label}: summary shows {n['text']} for {key} {n['data-field']}, the CSV gives {expected:.6g}")
        if n["data-field"] == "diff_mean":
            check(int(n["data-sign"]) == (1 if float(row["diff_mean"]) >= 0 else -1),
                  f"{label}: {key} difference stated with the wrong direction")
        checked += 1
    return checked


def check_png(data: bytes, label: str):
    import io
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.image as mpimg
    import numpy as np
    if not check(data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000, f"{label}: not a non-empty PNG"):
        return
    try:
        img = mpimg.imread(io.BytesIO(data), format="png")
    except Exception as e:  # noqa: BLE001
        check(False, f"{label}: PNG does not decode ({e})")
        return
    check(img.shape[0] > 100 and img.shape[1] > 100 and float(np.std(img)) > 0.01,
          f"{label}: PNG {img.shape} is empty or blank")


def check_report(run_dir: Path, lang: str, label: str, table: dict, single: str | None = None,
                 charts: list[str] = CHARTS, sweep: Path | None = None):
    page_path = run_dir / "report.html"
    if not check(page_path.is_file(), f"{label}: {page_path} was not written"):
        return None
    text = page_path.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    page.close()
    check(page.doctype is not None and page.doctype.lower() == "doctype html", f"{label}: no <!DOCTYPE html>")
    check(page.lang == lang, f"{label}: <html lang> is {page.lang!r}, expected {lang!r}")
    check(page.charset and page.title.strip() != "", f"{label}: no <meta charset=utf-8> or <title>")
    check(not page.errors and not page.stack, f"{label}: tags do not nest: {page.errors[:3]} open={page.stack[-3:]}")
    check(not page.urls, f"{label}: not self-contained, refers to {page.urls[:3]}")
    check("<script" not in text.lower() and "jupyter" not in text.lower() and "In [" not in text,
          f"{label}: code cells or scripts in the report")
    import base64
    check(len(page.images) == len(charts), f"{label}: {len(page.images)} chart images, expected {len(charts)}")
    for i, img in enumerate(page.images):
        src = img.get("src", "")
        ok = check(src.startswith("data:image/png;base64,") and len(src) > 3000,
                   f"{label}: image {i} has no embedded PNG")
        if ok:
            check_png(base64.b64decode(src.split(",", 1)[1]), f"{label}: embedded image {i}")
        check(bool(img.get("alt")), f"{label}: image {i} has no alt text")
    for name in charts:
        png, svg = run_dir / "charts" / f"{name}.png", run_dir / "charts" / f"{name}.svg"
        if check(png.is_file(), f"{label}: {png} missing"):
            check_png(png.read_bytes(), f"{label}: {png.name}")
        if check(svg.is_file() and svg.stat().st_size > 2000, f"{label}: {svg} missing or empty"):
            try:
                root = ET.parse(svg).getroot()
                check(root.tag.endswith("svg") and sum(1 for _ in root.iter()) > 50, f"{label}: {svg.name} has no content")
            except ET.ParseError as e:
                check(False, f"{label}: {svg.name} is not valid XML ({e})")
    # Provenance on every chart: seed, replications and version in each caption.
    # The tornado carries the provenance of the sweep it comes from.
    captions = re.findall(r'<figure id="chart-([^"]+)">.*?<figcaption>(.*?)</figcaption>', text, re.S)
    check(len(captions) == len(charts), f"{label}: {len(captions)} chart captions, expected {len(charts)}")
    for name, c in captions:
        prov = json.loads(((sweep if name == "tornado" and sweep else run_dir) / "provenance.json").read_text())
        check(str(prov["seed"]) in c and f"{prov['replications']} " in c and prov["version"] in c,
              f"{label}: chart caption of {name} lacks provenance: {c[:160]}")
    checked = check_numbers(page, table, label, single)
    check(checked >= (5 if single else 15), f"{label}: only {checked} numbers in the summary")
    return page


def chromium(page: Path, tmp: Path, label: str, extra: list[str]) -> subprocess.CompletedProcess | None:
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-", dir=tmp))
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, page.as_uri()]
    try:
        p = run(cmd, timeout=120)
    except subprocess.TimeoutExpired:
        check(False, f"{label}: chromium did not finish in 120 s")
        return None
    console = [line for line in p.stderr.splitlines()
               if re.search(r"Uncaught|ERROR:CONSOLE|:CONSOLE\(|Failed to load resource|net::ERR_", line)]
    check(not console, f"{label}: console errors in Chromium: {console[:3]}")
    return p


def charts_module(args):
    """report/jeugdsim_charts.py of the source tree (labels the report must use)."""
    sys.path.insert(0, str(args.source_dir / "report"))
    import jeugdsim_charts
    return jeugdsim_charts


def visible_text(fragment: str) -> str:
    fragment = re.sub(r'src="data:[^"]+"', "", fragment)
    fragment = re.sub(r"<(style|figcaption)\b.*?</\1>", " ", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def section(text: str, start: str, end: str | None = None) -> str:
    """The page text from the tag holding `start` up to `end` (or the end of the page)."""
    if start not in text:
        return ""
    part = text.split(start, 1)[1]
    return part.split(end, 1)[0] if end and end in part else part


def svg_text(path: Path) -> str:
    """The text of an SVG chart (written with svg.fonttype none, so labels stay text)."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError):
        return ""
    return " ".join(t for el in root.iter() if el.tag.endswith("text") for t in el.itertext())


def check_caution(args, compare: Path, text: str, lang: str, label: str):
    """One plain sentence per scenario built from queue-trends.csv, each scenario named once, no list
    of first/second-half figures; those go to the appendix table."""
    jc = charts_module(args)
    caution = section(text, 'id="caution"', "</div>")
    if not check(caution != "", f"{label}: no waiting-list box"):
        return
    prov = json.loads((compare / "provenance.json").read_text())
    items = re.findall(r"<li>(.*?)</li>", caution, re.S)
    check(len(items) == len(prov["scenarios"]), f"{label}: {len(items)} sentences in the waiting-list box, "
                                                 f"expected one per scenario ({len(prov['scenarios'])})")
    check("→" not in caution and len(visible_text(caution)) < 400 * len(prov["scenarios"]),
          f"{label}: the waiting-list box is still a wall of figures: {visible_text(caution)[:300]!r}")
    for sid, item in zip(prov["scenarios"], items):
        name = json.loads((compare / sid / "provenance.json").read_text())["scenario_name"]
        check(caution.count(html.escape(name)) == 1, f"{label}: scenario name {name!r} appears "
                                                     f"{caution.count(html.escape(name))} times in the box")
        with open(compare / sid / "queue-trends.csv", newline="") as f:
            trends = list(csv.DictReader(f))
        teams = [r for r in trends if r["group"].startswith("team:")]
        growing = [r for r in teams if r["growing"] == "yes"]
        plain = html.unescape(item)
        if growing:
            horizon = float(json.loads((compare / sid / "provenance.json").read_text())["horizon_days"])
            for r in growing:
                team = getattr(jc, "group_phrase", jc.group_label)(lang, r["group"])
                per_year = max(1, round(float(r["growth_mean"]) / (horizon / 2 / 365)))
                check(team in plain and re.search(rf"\b{per_year} (gezin|gezinnen|family|families) per (jaar|year)|"
                                                  rf"\b{per_year} (family|families) a year", plain) is not None,
                      f"{label}: {sid}: growing list {team!r} and about {per_year} a year not in {plain!r}")
            check(("hoe lang er gemeten wordt" if lang == "nl" else "how long you look") in plain,
                  f"{label}: {sid}: the sentence does not say that waits depend on the period: {plain!r}")
        else:
            check(("blijft ongeveer gelijk" if lang == "nl" else "stays roughly level") in plain,
                  f"{label}: {sid}: no team list grows, yet the sentence says {plain!r}")
        # The per-queue figures are in the appendix table.
        appendix_rows = re.findall(rf'<tr data-scenario="{re.escape(sid)}" data-group="([^"]+)"', text)
        nonempty = [r["group"] for r in trends if float(r["first_half_mean"]) >= 0.05 or float(r["second_half_mean"]) >= 0.05]
        check(appendix_rows == nonempty, f"{label}: {sid}: appendix queue table rows {appendix_rows} != {nonempty}")


JARGON = {"nl": ["seed", "replicatie", "P10", "P90", "opwarmperiode", "standaardafwijking", "percentiel", "Δ"],
          "en": ["seed", "replication", "P10", "P90", "warm-up", "standard deviation", "percentile", "Δ"]}


def check_plain_words(args, run_dir: Path, text: str, lang: str, label: str):
    """The main pages speak plainly; the analysts' figures are in the appendix, with a glossary."""
    main = visible_text(section(text, "<body>", '<section id="glossary">'))
    for word in JARGON[lang]:
        check(word.lower() not in main.lower(), f"{label}: jargon {word!r} on the main pages: "
              f"…{main[max(0, main.lower().find(word.lower()) - 80):main.lower().find(word.lower()) + 40]}…")
    for chart in ["waits", "waiting_list", "caseload", "continuity", "costs"]:
        words = svg_text(run_dir / "charts" / f"{chart}.svg")
        for word in JARGON[lang][1:]:  # the footnote names the seed: provenance, as every chart carries
            check(word.lower() not in words.lower(), f"{label}: jargon {word!r} in chart {chart}.svg")
    appendix = visible_text(section(text, '<section id="appendix">'))
    prov = json.loads((run_dir / "provenance.json").read_text())
    for needle in [str(prov["seed"]), "P10-P90", f"{prov['warmup_days']:.0f}",
                   "replicaties" if lang == "nl" else "Replications",
                   "Standaardafwijking" if lang == "nl" else "Standard deviation"]:
        check(needle in appendix, f"{label}: the appendix for analysts lacks {needle!r}")
    glossary = section(text, '<section id="glossary">', "</section>")
    terms = (["Wijkteam", "Regisseur", "95%-betrouwbaarheidsinterval", "Wachtlijst", "Herhaling"] if lang == "nl"
             else ["Wijkteam", "Regisseur", "95% confidence interval", "Waiting list", "Run"])
    for term in terms:
        check(f"<dt>{term}" in glossary, f"{label}: the glossary lacks {term!r}")


def check_language(args, run_dir: Path, text: str, lang: str, label: str):
    """Sentences start with a capital; no awkward constructions; display names instead of file stems;
    no zero-cost items in the cost legend; assumptions by name."""
    jc = charts_module(args)
    body = re.sub(r"<table\b.*?</table>", " ", text, flags=re.S)
    for block in re.findall(r"<(p|li|dd|h[1-3])\b[^>]*>(.*?)</\1>", body, re.S):
        plain = " ".join(visible_text(block[1]).split())
        if plain and plain[0].isalpha():
            check(not plain[0].islower(), f"{label}: a text block starts in lower case: {plain[:80]!r}")
        for m in re.finditer(r"[.!?]\s+(\S)", plain):
            check(not m.group(1).islower(), f"{label}: a sentence starts in lower case: "
                                            f"…{plain[max(0, m.start() - 50):m.start() + 30]}…")
    if lang == "nl":
        check(re.search(r"met <span[^>]*>[^<]*</span> (meer|minder) professionals", text) is None,
              f"{label}: 'krijgt gemiddeld met N meer professionals te maken' is still there")
    prov = json.loads((run_dir / "provenance.json").read_text())
    ids = prov.get("scenarios") or [prov.get("scenario_id")]
    table = section(text, '<section id="table">', "</table>")
    for sid in ids[1:]:
        name = json.loads((run_dir / sid / "provenance.json").read_text())["scenario_name"]
        check(html.escape(f"{'Verschil' if lang == 'nl' else 'Difference'}: {name}") in table,
              f"{label}: the difference column of {sid} is not headed by its display name")
    teams = set()
    for sid in ids:
        folder = run_dir / sid if (run_dir / sid).is_dir() else run_dir
        with open(folder / "timeseries.csv", newline="") as f:
            teams |= {r["group"] for r in csv.DictReader(f) if r["group"].startswith("team:")}
    charts = {c: svg_text(run_dir / "charts" / f"{c}.svg") for c in ["caseload", "costs", "caseload_spread"]}
    for group in sorted(teams):
        stem = group.split(":", 1)[1]
        stem_label = re.compile(rf"\bteam {re.escape(stem)}\b", re.I)
        check(stem_label.search(visible_text(text)) is None and all(stem_label.search(t) is None for t in charts.values()),
              f"{label}: the file stem 'team {stem}' is used as a label")
        check(jc.group_label(lang, group) in charts["caseload"], f"{label}: caseload chart lacks the display name "
                                                                f"{jc.group_label(lang, group)!r}")
    bars = re.split(r"Scenario's:|Scenarios:|Scenario:", charts["caseload_spread"])[0]  # not the provenance footnote
    for sid in ids:
        check(f"{sid} ·" not in bars, f"{label}: caseload_spread labels bars by file stem {sid!r}")
    # The cost legend names every team and type of care that costs something, and nothing else.
    totals: dict[str, float] = {}
    for sid in ids:
        folder = run_dir / sid if (run_dir / sid).is_dir() else run_dir
        with open(folder / "timeseries.csv", newline="") as f:
            for r in csv.DictReader(f):
                if r["metric"] == "cost_eur" and r["group"] != "total":
                    totals[r["group"]] = totals.get(r["group"], 0.0) + abs(float(r["value"]))
    legend = charts["costs"]
    zero = [g for g, v in totals.items() if v == 0]
    check(bool(zero), f"{label}: expected some kinds of care without costs in this small run")
    for group, value in totals.items():
        shown = re.search(rf"(^|\s){re.escape(jc.group_label(lang, group))}(\s|$)", legend, re.I) is not None
        check(shown == (value > 0), f"{label}: cost legend {'shows' if shown else 'lacks'} {group} (total {value:g})")


def check_assumption_labels(args):
    """Every [assumptions.X] of a shipped scenario has a plain label in both languages."""
    jc = charts_module(args)
    import tomllib
    names = set()
    for path in (args.source_dir / "scenarios").rglob("*.toml"):
        with open(path, "rb") as f:
            names |= set(tomllib.load(f).get("assumptions", {}))
    check(len(names) >= 5, f"found only {len(names)} assumptions in scenarios/")
    labels = getattr(jc, "ASSUMPTION_LABELS", {"nl": {}, "en": {}})
    for lang in ("nl", "en"):
        for name in sorted(names):
            check(name in labels[lang], f"assumption {name} has no {lang} label in ASSUMPTION_LABELS")
    fallback = getattr(jc, "assumption_label", lambda lang, name: name)("nl", "some_new_factor")
    check(fallback == "Some new factor", f"a missing label does not fall back to a readable form: {fallback!r}")


def check_sensitivity(args, tmp: Path, compare: Path, sweep: Path, env: dict):
    """`report --sensitivity SWEEP` adds the tornado of the headline KPI and names, in words, the
    assumptions that move it more than the difference between the designs."""
    jc = charts_module(args)
    p = run([args.jeugdsim, "report", compare, "--sensitivity", sweep], env=env)
    if not check(p.returncode == 0, f"report --sensitivity: exit {p.returncode}: {p.stderr[-1500:]}"):
        return
    text = (compare / "report.html").read_text(encoding="utf-8")
    table = read_table(compare / "comparison.csv")
    check_report(compare, "nl", "report --sensitivity", table, charts=CHARTS + ["tornado"], sweep=sweep)
    part = section(text, '<section id="sensitivity">', "</section>")
    if not check(part != "", "report --sensitivity: no sensitivity section"):
        return
    with open(sweep / "sensitivity.csv", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["kpi"] == "intake_wait_days_mean" and r["group"] == "all"]
    diffs = [abs(float(r["diff_mean"])) for k, r in table.items()
             if k[0] == "intake_wait_days_mean" and k[1] == "all" and k[2] != "integrated"]
    items = {html.unescape(i) for i in re.findall(r"<li>(.*?)</li>", part, re.S)}
    for r in rows:
        name = jc.assumption_label("nl", r["assumption"])
        swing = max(abs(float(r["low_diff_mean"])), abs(float(r["high_diff_mean"])))
        said = [i for i in items if f"‘{name}’" in i and "de conclusie hangt dus af van deze aanname" in i]
        check(bool(said) == (swing > min(diffs)),
              f"report --sensitivity: {r['assumption']} swings the wait by {swing:.1f} days, the designs differ by "
              f"{min(diffs):.1f}: {'not ' if not said else ''}named as changing the conclusion")
        check(r["assumption"] not in visible_text(part), f"report --sensitivity: raw name {r['assumption']} shown")
        check(name.replace(" ", "").lower() in svg_text(compare / "charts" / "tornado.svg").replace(" ", "").lower(),
              f"tornado.svg lacks the label {name!r}")  # wrapped over lines
    for span in re.findall(r'<span class="snum"[^>]*>[^<]*</span>', part):
        a = dict(re.findall(r'data-([a-z]+)="([^"]*)"', span))
        value = parse_number(re.sub(r"<[^>]+>", "", span))[0]
        row = next(r for r in rows if r["assumption"] == a["assumption"])
        check(abs(value - float(row[a["field"]])) <= 0.5 + 1e-9,
              f"report --sensitivity: {a} shows {value}, sensitivity.csv has {row[a['field']]}")
    # Without --sensitivity there is no such section; a folder without sensitivity.csv is bad input.
    p = run([args.jeugdsim, "report", compare], env=env)
    check(p.returncode == 0 and 'id="sensitivity"' not in (compare / "report.html").read_text(encoding="utf-8"),
          f"report without --sensitivity: exit {p.returncode} or a sensitivity section anyway")
    p = run([args.jeugdsim, "report", compare, "--sensitivity", compare], env=env)
    check(p.returncode == 2 and "sensitivity.csv is missing" in p.stderr and "Traceback" not in p.stderr,
          f"report --sensitivity on a folder without sensitivity.csv: exit {p.returncode}: {p.stderr[-600:]}")


DEPENDS = {"nl": "De conclusie hangt dus af van deze aanname.", "en": "So the conclusion depends on this assumption."}


def check_difference_sensitivity(args, tmp: Path, compare: Path, env: dict):
    """`report --sensitivity` with a sweep of two designs (sweep-differences.csv): the tornado of the
    difference and, in both languages, exactly those assumptions named as changing the conclusion
    whose difference at low or high has a 95% CI that includes zero or a mean of the other sign
    (with a clear difference at base; without one, those that make it clear). The sweep puts the
    split design first, so the report must turn its differences round to the comparison's direction."""
    jc = charts_module(args)
    scen = args.source_dir / "scenarios"
    sweep = tmp / "sweep-two"
    p = run([args.jeugdsim, "sweep", scen / "split-jeugd-ouder.toml", scen / "integrated.toml", "--one-way", "-r", "2",
             "--out", sweep, "--quiet", "--threads", "2"], cwd=args.source_dir)
    if not check(p.returncode == 0 and (sweep / "sweep-differences.csv").is_file(),
                 f"sweep of two designs: exit {p.returncode}: {p.stderr[-1500:]}"):
        return
    with open(sweep / "sweep-differences.csv", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["kpi"] == "intake_wait_days_mean" and r["group"] == "all"]
    check({(r["scenario"], r["reference"]) for r in rows} == {("integrated", "split-jeugd-ouder")},
          f"sweep-differences.csv pairs: {sorted({(r['scenario'], r['reference']) for r in rows})}")

    def crosses(r, side):
        return float(r[f"{side}_diff_ci_low"]) <= 0 <= float(r[f"{side}_diff_ci_high"])

    def changes(r) -> bool:
        base = float(r["base_diff_mean"])
        if crosses(r, "base"):
            return any(not crosses(r, s) for s in ("low", "high"))
        return any(crosses(r, s) or (float(r[f"{s}_diff_mean"]) != 0 and (float(r[f"{s}_diff_mean"]) > 0) != (base > 0))
                   for s in ("low", "high"))

    table = read_table(compare / "comparison.csv")
    split_name = json.loads((compare / "split-jeugd-ouder" / "provenance.json").read_text())["scenario_name"]
    for lang in ("nl", "en"):
        label = f"report --sensitivity two designs ({lang})"
        p = run([args.jeugdsim, "report", compare, "--sensitivity", sweep, "--lang", lang], env=env)
        if not check(p.returncode == 0 and "Traceback" not in p.stderr, f"{label}: exit {p.returncode}: {p.stderr[-1500:]}"):
            continue
        text = (compare / "report.html").read_text(encoding="utf-8")
        check_report(compare, lang, label, table, charts=CHARTS + ["tornado"], sweep=sweep)
        check_language(args, compare, text, lang, label)
        part = section(text, '<section id="sensitivity">', "</section>")
        if not check(part != "", f"{label}: no sensitivity section"):
            continue
        plain = " ".join(visible_text(part).split())
        lead = (f"In het uitgangspunt wachten gezinnen in ‘{split_name}’" if lang == "nl"
                else f"In the base case, families in ‘{split_name}’")
        check(lead in plain, f"{label}: the base difference is not stated for {split_name!r} against the reference: "
                             f"{plain[:400]!r}")
        items = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", i)).split())
                 for i in re.findall(r"<li>(.*?)</li>", part, re.S)]
        for r in rows:
            name = jc.assumption_label(lang, r["assumption"])
            said = [i for i in items if f"‘{name}’" in i and DEPENDS[lang] in i]
            check(bool(said) == changes(r), f"{label}: {r['assumption']} (base {r['base_diff_ci_low']}..{r['base_diff_ci_high']}, "
                                            f"low {r['low_diff_ci_low']}..{r['low_diff_ci_high']}, high {r['high_diff_ci_low']}.."
                                            f"{r['high_diff_ci_high']}) {'not ' if not said else ''}named as changing the conclusion")
            check(name in plain, f"{label}: assumption {name!r} is not mentioned at all")
            check(r["assumption"] not in plain, f"{label}: raw name {r['assumption']} shown")
            check(name.replace(" ", "").lower() in svg_text(compare / "charts" / "tornado.svg").replace(" ", "").lower(),
                  f"{label}: tornado.svg lacks the label {name!r}")
        spans = re.findall(r'<span class="snum"[^>]*>[^<]*</span>', part)
        for span in spans:
            a = dict(re.findall(r'data-([a-z]+)="([^"]*)"', span))
            shown, decimals = parse_number(re.sub(r"<[^>]+>", "", span))
            row = next(r for r in rows if r["assumption"] == a["assumption"] and r["scenario"] == a["scenario"]
                       and r["reference"] == a["reference"])
            expected = float(a["sign"]) * float(row[a["field"]])
            check(abs(shown - expected) <= 0.5 * 10 ** -decimals + 1e-9,
                  f"{label}: {a} shows {shown}, sweep-differences.csv gives {expected}")


def check_calendar_years(args, compare: Path, text: str, label: str):
    """simulation.start_date = 2027-01-01: the key figures per calendar year 2027-2031 from timeseries.csv."""
    resolved = (compare / "integrated" / "scenario.resolved.toml").read_text()
    check("start_date = 2027-01-01" in resolved, f"{label}: start_date missing from scenario.resolved.toml")
    years = section(text, 'id="years"', "</table>")
    if not check(years != "", f"{label}: no table per calendar year"):
        return
    heads = re.findall(r'<th scope="col">(\d{4})</th>', years)
    check(heads == ["2027", "2028", "2029", "2030", "2031"], f"{label}: calendar-year columns {heads}")
    with open(compare / "integrated" / "timeseries.csv", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["metric"] == "cost_eur" and r["group"] == "total"]
    for k, year in enumerate(heads, start=1):
        values = [float(r["value"]) for r in rows if round(float(r["day"])) == 365 * k]
        expected = sum(values) / len(values) / 1e6 if values else float("nan")
        row = re.search(r'<tr data-metric="year_cost" data-scenario="integrated">(.*?)</tr>', years, re.S)
        cells = re.findall(r"<td>([^<]*)</td>", row.group(1)) if row else []
        shown = parse_number(cells[k - 1])[0] if len(cells) >= k else float("nan")
        check(abs(shown - expected) <= 0.005 + 1e-9, f"{label}: cost in {year} shows {shown}, timeseries.csv gives "
                                                      f"{expected:.4f}")


def check_bad_start_date(args, tmp: Path):
    bad = tmp / "bad-start.toml"
    bad.write_text(f'include = "{args.source_dir / "scenarios" / "integrated.toml"}"\n\n[simulation]\n'
                   'start_date = "2027-01-01"\n')
    p = run([args.jeugdsim, "run", bad, "-r", "1", "--out", tmp / "bad-start", "--quiet"])
    check(p.returncode == 2 and "bad-start.toml:4" in p.stderr and "simulation.start_date" in p.stderr
          and "expected a date" in p.stderr, f"a quoted start_date: exit {p.returncode}: {p.stderr[-600:]}")


def test_html(args, tmp: Path):
    if not check(os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} is missing: install it with `scripts/setup --with-report`"):
        return
    check_assumption_labels(args)
    compare = simulate(args, tmp, "compare", ("--set", "simulation.start_date=2027-01-01"))
    single, sweep = simulate(args, tmp, "run"), simulate(args, tmp, "sweep")
    table = read_table(compare / "comparison.csv")
    env = base_env(tmp, args.source_dir)
    for lang, words in [("nl", ("langer", "korter")), ("en", ("longer", "shorter"))]:
        p = run([args.jeugdsim, "report", compare, "--lang", lang], env=env)
        check(p.returncode == 0 and "Traceback" not in p.stderr,
              f"report --lang {lang}: exit {p.returncode}: {p.stderr[-2000:]}")
        page = check_report(compare, lang, f"report ({lang})", table)
        if page is None:
            continue
        # The wait sentence states the direction that the CSV difference has.
        diff = float(table[("intake_wait_days_mean", "all", "split-jeugd-ouder")]["diff_mean"])
        wait_items = [i for i in page.items if words[0] in i or words[1] in i]
        check(bool(wait_items) and words[0 if diff >= 0 else 1] in wait_items[0],
              f"report ({lang}): the wait sentence does not say {words[0 if diff >= 0 else 1]!r}")
        text = (compare / "report.html").read_text(encoding="utf-8")
        other = "Samenvatting" if lang == "en" else "Summary"
        check(other not in text, f"report ({lang}): contains {other!r} from the other language")
        name = "Gescheiden jeugd- en ouderteams"
        check(name in text, f"report ({lang}): scenario display name {name!r} from [meta] name missing")
        check_caution(args, compare, text, lang, f"report ({lang})")
        check_plain_words(args, compare, text, lang, f"report ({lang})")
        check_language(args, compare, text, lang, f"report ({lang})")
        check_calendar_years(args, compare, text, f"report ({lang})")
        if lang == "nl":
            shutil.copy(compare / "report.html", tmp / "report-nl.html")
    check_sensitivity(args, tmp, compare, sweep, env)
    check_difference_sensitivity(args, tmp, compare, env)
    check_bad_start_date(args, tmp)
    # The waiting-list sentence of a growing list. The shipped baselines have a steady state
    # (issue 14), so this compare cuts the GI, which both scenarios share, to 1 worker, with the
    # least drop-out of its assumption range (0.2 a year, so that reneging does not level the
    # queue off within 5 years), measured from an empty start (no warm-up: the profile's 5-year
    # warm-up lets reneging level the queue off before measuring): its queue grows in both.
    overloaded = tmp / "compare-overloaded"
    scen = args.source_dir / "scenarios"
    p = run([args.jeugdsim, "compare", scen / "integrated.toml", scen / "split-jeugd-ouder.toml", "-r", "3",
             "--set", "teams.gi.workers=1", "--set", "waiting.reneging_per_year=0.2", "--set", "simulation.warmup_days=0", "--out", overloaded, "--quiet", "--threads", "2"], cwd=args.source_dir)
    check(p.returncode == 0, f"compare with 1 GI worker: exit {p.returncode}: {p.stderr[-2000:]}")
    growing = [line.split(",")[0] for line in (overloaded / "split-jeugd-ouder" / "queue-trends.csv")
               .read_text(encoding="utf-8").splitlines()[1:] if line.endswith(",yes")] if p.returncode == 0 else []
    if check(any(g.startswith("team:") for g in growing), "queue-trends.csv of split-jeugd-ouder with 1 GI worker marks no team queue as growing"):
        for lang in ("nl", "en"):
            p = run([args.jeugdsim, "report", overloaded, "--lang", lang], env=env)
            text = (overloaded / "report.html").read_text(encoding="utf-8") if p.returncode == 0 else ""
            check_caution(args, overloaded, text, lang, f"report of the overloaded compare ({lang})")
    # Rendered in headless Chromium: a screenshot and the DOM, no console errors.
    page = tmp / "report-nl.html"
    shot = tmp / "screenshot.png"
    p = chromium(page, tmp, "chromium screenshot", ["--hide-scrollbars", "--window-size=1280,4000",
                                                    f"--screenshot={shot}"])
    if p is not None and check(shot.is_file(), f"chromium wrote no screenshot (exit {p.returncode}): {p.stderr[-1500:]}"):
        check_png(shot.read_bytes(), "screenshot")
    p = chromium(page, tmp, "chromium dom", ["--dump-dom", "--virtual-time-budget=3000"])
    if p is not None:
        dom = p.stdout
        embedded = dom.count('src="data:image/png;base64,')
        check(embedded == len(CHARTS), f"rendered DOM has {embedded} chart images, expected {len(CHARTS)}")
        check('id="summary"' in dom and "dagen" in dom, "rendered DOM lacks the summary")
    # Folders of older versions have no queue-trends.csv: no caution, and no error.
    old = tmp / "compare-without-trends"
    shutil.copytree(compare, old)
    for f in old.glob("*/queue-trends.csv"):
        f.unlink()
    p = run([args.jeugdsim, "report", old], env=env)
    check(p.returncode == 0 and 'class="caution"' not in (old / "report.html").read_text(encoding="utf-8"),
          f"report without queue-trends.csv: exit {p.returncode}, or a caution anyway: {p.stderr[-2000:]}")
    # A single run folder also gets a report; its numbers come from summary.csv. No start date: no years.
    p = run([args.jeugdsim, "report", single], env=env)
    check(p.returncode == 0 and "Traceback" not in p.stderr, f"report of a run folder: exit {p.returncode}: {p.stderr[-2000:]}")
    check_report(single, "nl", "report (run folder)", read_table(single / "summary.csv"), single="integrated")
    run_text = (single / "report.html").read_text(encoding="utf-8")
    check('id="years"' not in run_text, "report of a run without start_date: a calendar-year table anyway")
    check_plain_words(args, single, run_text, "nl", "report (run folder)")


# ---------------------------------------------------------------------------------------------
# (c) errors


def test_errors(args, tmp: Path):
    compare = simulate(args, tmp, "compare")
    single = simulate(args, tmp, "run")
    env = base_env(tmp, args.source_dir)
    cases = []

    def variant(name: str, source: Path = compare) -> Path:
        target = tmp / name
        shutil.copytree(source, target)
        return target

    def edit_line(path: Path, line_no: int, column: str, value: str):
        lines = path.read_text().splitlines()
        header = lines[0].split(",")
        fields = lines[line_no - 1].split(",")
        fields[header.index(column)] = value
        lines[line_no - 1] = ",".join(fields)
        path.write_text("\n".join(lines) + "\n")

    cases.append(("a folder that does not exist", [tmp / "nothing-here"], 2, ["nothing-here", "does not exist"]))
    empty = tmp / "empty"
    empty.mkdir()
    cases.append(("an empty folder", [empty], 2, [f"{empty}/comparison.csv is missing", "jeugdsim compare"]))
    v = variant("no-comparison")
    (v / "comparison.csv").unlink()
    cases.append(("comparison.csv missing", [v], 2, [f"{v}/comparison.csv is missing", "jeugdsim compare"]))
    v = variant("bad-number")
    edit_line(v / "comparison.csv", 3, "mean", "abc")
    cases.append(("a word in a number column", [v], 2, ["comparison.csv line 3: column mean is not a number"]))
    v = variant("bad-column")
    text = (v / "comparison.csv").read_text().replace("ci_high", "ci_hi", 1)
    (v / "comparison.csv").write_text(text)
    cases.append(("a missing column", [v], 2, ["comparison.csv line 1: missing column ci_high"]))
    v = variant("short-row")
    lines = (v / "comparison.csv").read_text().splitlines()
    lines[4] = ",".join(lines[4].split(",")[:5])
    (v / "comparison.csv").write_text("\n".join(lines) + "\n")
    cases.append(("a short row", [v], 2, ["comparison.csv line 5: 5 fields"]))
    v = variant("no-timeseries")
    (v / "integrated" / "timeseries.csv").unlink()
    cases.append(("a scenario's timeseries.csv missing", [v], 2, ["integrated/timeseries.csv is missing"]))
    v = variant("bad-timeseries")
    edit_line(v / "split-jeugd-ouder" / "timeseries.csv", 7, "value", "n/a")
    cases.append(("a bad value in timeseries.csv", [v], 2, ["split-jeugd-ouder/timeseries.csv line 7: column value"]))
    v = variant("no-scenario-folder")
    shutil.rmtree(v / "split-jeugd-ouder")
    cases.append(("a scenario folder missing", [v], 2, [f"{v}/split-jeugd-ouder is missing"]))
    v = variant("bad-provenance")
    (v / "provenance.json").write_text('{\n  "program": "jeugdsim",\n  "seed": \n}\n')
    cases.append(("malformed provenance.json", [v], 2, [f"{v}/provenance.json line 4: not valid JSON"]))
    v = variant("run-no-summary", single)
    (v / "summary.csv").unlink()
    cases.append(("a run folder without summary.csv", [v], 2, [f"{v}/summary.csv is missing", "jeugdsim run"]))
    v = variant("run-bad-summary", single)
    edit_line(v / "summary.csv", 2, "ci_low", "")
    cases.append(("an empty number in summary.csv", [v], 2, ["summary.csv line 2: column ci_low is not a number"]))
    cases.append(("a file instead of a folder", [compare / "comparison.csv"], 2, ["is not a folder"]))
    cases.append(("an unknown language", [compare, "--lang", "fr"], 2, ["fr"]))

    for what, argv, code, needles in cases:
        p = run([args.jeugdsim, "report", *argv], env=env)
        out = p.stdout + p.stderr
        check(p.returncode == code, f"{what}: exit {p.returncode}, expected {code}: {out[-600:]}")
        check("Traceback" not in out, f"{what}: a Python traceback:\n{out[-1500:]}")
        for needle in needles:
            check(needle in p.stderr, f"{what}: stderr lacks {needle!r}: {p.stderr[-600:]}")
        target = argv[0]
        if isinstance(target, Path) and target.is_dir():
            check(not (target / "report.html").exists(), f"{what}: wrote a report anyway")

    # Where the script lives: $JEUGDSIM_REPORT_DIR wins; a wrong one is a failure (1), not bad input.
    p = run([args.jeugdsim, "report", compare], env=dict(env, JEUGDSIM_REPORT_DIR=str(tmp / "nowhere")))
    check(p.returncode == 1 and "make_report.py" in p.stderr, f"wrong JEUGDSIM_REPORT_DIR: exit {p.returncode}: {p.stderr}")
    # A genuine internal error: one line, exit 1, no traceback.
    broken = tmp / "broken-report"
    broken.mkdir()
    shutil.copy(args.source_dir / "report" / "make_report.py", broken)
    (broken / "jeugdsim_charts.py").write_text("class ResultsError(Exception):\n    pass\n\n\n"
                                               "def load_results(folder):\n    return 1 / 0\n")
    p = run([args.jeugdsim, "report", compare], env=dict(env, JEUGDSIM_REPORT_DIR=str(broken)))
    check(p.returncode == 1 and "internal error" in p.stderr and "Traceback" not in p.stderr
          and len(p.stderr.strip().splitlines()) == 1, f"internal error: exit {p.returncode}: {p.stderr[-1500:]}")
    # And the good folder still works (the checks above did not break the fixture).
    p = run([args.jeugdsim, "report", compare], env=env)
    check(p.returncode == 0, f"valid folder: exit {p.returncode}: {p.stderr[-1500:]}")


# ---------------------------------------------------------------------------------------------
# (d) each notebook's documented command, verbatim, from the repository root


def test_documented(args, tmp: Path):
    """The 'Run headless' command in each notebook's first cell, as a user types it from the root
    of the checkout (relative folders such as outputs/reference/compare, no JEUGDSIM_REPORT_DIR);
    only --output-dir /tmp becomes a private temporary folder. The README's command is one of them."""
    env = base_env(tmp, args.source_dir)
    env.pop("JEUGDSIM_REPORT_DIR")
    readme = (args.source_dir / "README.md").read_text(encoding="utf-8")
    for notebook in sorted((args.source_dir / "notebooks").glob("*.ipynb")):
        label = notebook.stem
        first = "".join(json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]["source"])
        found = re.search(r"Run headless: `([^`]+)`", first)
        if not check(found is not None, f"{label}: no 'Run headless: `...`' command in the first cell"):
            continue
        command = found.group(1)
        if not check(" --output-dir /tmp" in command and f"notebooks/{notebook.name}" in command,
                     f"{label}: the documented command does not run notebooks/{notebook.name} into /tmp: {command}"):
            continue
        if label == "scenario-comparison":
            check(command in readme, f"README.md does not show the notebook's command: {command}")
        out = tmp / label
        out.mkdir()
        p = run(["bash", "-c", command.replace(" --output-dir /tmp", f" --output-dir {out}")], env=env,
                cwd=args.source_dir, timeout=280)
        if not check(p.returncode == 0, f"{label}: `{command}` from the repository root failed (exit {p.returncode}):\n"
                                        f"{p.stderr[-3000:]}"):
            continue
        nb = json.loads((out / notebook.name).read_text(encoding="utf-8"))
        errors = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
                  if o.get("output_type") == "error"]
        check(not errors, f"{label}: a cell raised {errors[0].get('ename') if errors else ''}: "
                          f"{errors[0].get('evalue') if errors else ''}")
        images, text = outputs_of(nb)
        if label == "scenario-comparison":
            reference = args.source_dir / "outputs" / "reference" / "compare"
            check(f"compare folder {reference}" in text, f"{label}: did not read {reference}")
            check(images >= 6, f"{label}: {images} charts, expected at least 6")
            # The headline table is for people: each KPI in its unit, no 1.198900e+01.
            head = next(("".join(o["data"]["text/plain"]) for c in nb["cells"] if "format_kpi_table" in "".join(c["source"])
                         for o in c.get("outputs", []) if "text/plain" in o.get("data", {})), "")
            check("intake_wait_days_mean" in head, f"{label}: no headline KPI table")
            check(not re.search(r"\de[+-]\d\d", head), f"{label}: scientific notation in the KPI table:\n{head}")
            check(re.search(r"intake_wait_within_norm_share .*\d,\d%", head) is not None,
                  f"{label}: shares are not shown as percentages:\n{head}")
            check(re.search(r"cost_eur_per_year .*€ \d{1,3}(\.\d{3})+", head) is not None,
                  f"{label}: costs are not shown in euro with thousands separators:\n{head}")
            check(re.search(r"intake_wait_days_mean +\d+,\d ", head) is not None,
                  f"{label}: days are not shown with one decimal:\n{head}")
        if label == "calibration-fit":
            check("targets within tolerance" in text, f"{label}: did not read outputs/calibration/maassluis/fit.csv")
        if label == "sensitivity-tornado":
            check("No sensitivity.csv" not in text and images >= 1,
                  f"{label}: did not read outputs/reference/sensitivity")
    # A folder that does not exist is named as the user gave it, from where they stand.
    p = run(["bash", "-c", "JEUGDSIM_RUN_DIR=outputs/no-such-folder /usr/bin/python3 -m jupyter nbconvert --to notebook "
             f"--execute notebooks/scenario-comparison.ipynb --output-dir {tmp}"], env=env, cwd=args.source_dir)
    check(p.returncode != 0 and f"{args.source_dir / 'outputs' / 'no-such-folder'} does not exist" in p.stderr,
          f"a missing folder: expected a failure naming {args.source_dir / 'outputs' / 'no-such-folder'}:\n"
          f"{p.stderr[-2000:]}")


# ---------------------------------------------------------------------------------------------
# (e) the Excel workbooks (results.xlsx, comparison.xlsx) read with openpyxl


def csv_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def check_sheet(book, sheet: str, csv_path: Path, headings: list[str], label: str,
                formats: dict[str, str] | None = None, name_column: str = "kpi"):
    """The sheet equals the CSV: same rows in order, numbers as numeric cells with the CSV's value to
    the 15 significant digits that Excel keeps (libxlsxwriter writes 16; NaN: an empty cell), text
    as text; `formats` maps a row's KPI name to the expected number format of its value cells, and
    each of them must occur with a number."""
    if not check(sheet in book.sheetnames, f"{label}: no sheet {sheet!r} (sheets: {book.sheetnames})"):
        return
    ws = book[sheet]
    rows = list(ws.iter_rows())
    table = csv_rows(csv_path)
    check([c.value for c in rows[0]] == headings, f"{label}/{sheet}: headings {[c.value for c in rows[0]]}")
    if not check(len(rows) == len(table), f"{label}/{sheet}: {len(rows) - 1} rows, {csv_path.name} has {len(table) - 1}"):
        return
    header = table[0]
    bad = 0
    formats_seen = set()
    for cells, fields in zip(rows[1:], table[1:]):
        for column, cell, text in zip(header, cells, fields):
            try:
                expected = float(text)
            except ValueError:
                expected = None
            if expected is None:  # text (yes/no may be in Dutch)
                ok = cell.data_type == "s" and (cell.value == text or (text, cell.value) in {("yes", "ja"), ("no", "nee")})
            elif math.isnan(expected):
                ok = cell.value is None
            else:
                ok = (cell.data_type == "n" and isinstance(cell.value, (int, float))
                      and math.isclose(float(cell.value), expected, rel_tol=1e-15, abs_tol=0))
            if not ok:
                bad += 1
                if bad <= 5:
                    check(False, f"{label}/{sheet} {cell.coordinate}: {cell.value!r} ({cell.data_type}) "
                                 f"for {column}={text!r}")
        if formats and fields[header.index(name_column)] in formats:
            want = formats[fields[header.index(name_column)]]
            got = {cells[i].number_format for i, c in enumerate(header)
                   if c in ("mean", "ci_low", "ci_high", "value", "diff_mean") and fields[i] != "NaN"}
            if got:  # a KPI of a team that this scenario lacks is NaN throughout
                formats_seen.add(fields[header.index(name_column)])
                check(got == {want}, f"{label}/{sheet}: {fields[header.index(name_column)]} shown as {got}, "
                                     f"expected {want}")
    check(bad == 0, f"{label}/{sheet}: {bad} cells differ from {csv_path.name}")
    if formats:
        check(formats_seen == set(formats), f"{label}/{sheet}: no numbers of {set(formats) - formats_seen}")


def test_workbook(args, tmp: Path):
    try:
        from openpyxl import load_workbook
    except ImportError:
        check(False, "python3-openpyxl is missing: scripts/setup --with-report installs it")
        return
    scen = args.source_dir / "scenarios"
    common = ["--quiet", "--seed", "11"]
    runs = {}
    for name, threads in [("run", "2"), ("again", "1")]:
        runs[name] = tmp / name
        p = run([args.jeugdsim, "run", scen / "integrated.toml", "-r", "2", "--out", runs[name], "--threads", threads]
                + common)
        if not check(p.returncode == 0, f"jeugdsim run: exit {p.returncode}: {p.stderr[-2000:]}"):
            return
    compare = tmp / "compare"
    p = run([args.jeugdsim, "compare", scen / "integrated.toml", scen / "split-jeugd-ouder.toml", "-r", "2",
             "--lang", "en", "--out", compare, "--threads", "2"] + common)
    if not check(p.returncode == 0, f"jeugdsim compare --lang en: exit {p.returncode}: {p.stderr[-2000:]}"):
        return

    # A run, in Dutch (the default).
    path = runs["run"] / "results.xlsx"
    if not check(path.is_file(), f"jeugdsim run wrote no results.xlsx: {sorted(x.name for x in runs['run'].iterdir())}"):
        return
    book = load_workbook(path)
    check(book.sheetnames == ["samenvatting", "kpis per replicatie", "tijdreeksen", "wachtlijsttrends", "herkomst"],
          f"run workbook sheets: {book.sheetnames}")
    formats = {"intake_wait_days_mean": "0.0", "intake_wait_within_norm_share": "0.0%",
               "cost_eur_per_year": '"€" #,##0', "families_entered": "#,##0", "handoffs_per_family": "0.00"}
    check_sheet(book, "samenvatting", runs["run"] / "summary.csv",
                ["indicator", "groep", "gemiddelde", "95%-BI laag", "95%-BI hoog", "replicaties"], "run", formats)
    check_sheet(book, "kpis per replicatie", runs["run"] / "kpis.csv",
                ["scenario", "replicatie", "indicator", "groep", "waarde"], "run", formats)
    check_sheet(book, "tijdreeksen", runs["run"] / "timeseries.csv",
                ["scenario", "replicatie", "dag na opwarmperiode", "reeks", "groep", "waarde"], "run",
                {"cost_eur": '"€" #,##0'}, name_column="metric")
    check_sheet(book, "wachtlijsttrends", runs["run"] / "queue-trends.csv",
                ["wachtlijst", "gem. lengte eerste helft", "gem. lengte tweede helft", "groei", "groei 95%-BI laag",
                 "groei 95%-BI hoog", "replicaties", "groeit nog"], "run")
    if "herkomst" in book.sheetnames:
        prov = json.loads((runs["run"] / "provenance.json").read_text())
        items = {r[0].value: r[1] for r in book["herkomst"].iter_rows(min_row=2) if r[0].value}
        check(items.get("seed") is not None and items["seed"].data_type == "n" and items["seed"].value == prov["seed"],
              f"herkomst: seed {items.get('seed') and items['seed'].value!r}, provenance.json has {prov['seed']}")
        check(items.get("scenario_id") is not None and items["scenario_id"].value == prov["scenario_id"],
              "herkomst: no scenario_id")
    # Identical results, identical workbook (like the CSV files; any thread count).
    again = runs["again"] / "results.xlsx"
    check(again.is_file() and again.read_bytes() == path.read_bytes(),
          "results.xlsx differs between two runs with the same seed")

    # A comparison, in English.
    path = compare / "comparison.xlsx"
    if not check(path.is_file(), "jeugdsim compare wrote no comparison.xlsx"):
        return
    book = load_workbook(path)
    check(book.sheetnames == ["comparison", "provenance"], f"comparison workbook sheets: {book.sheetnames}")
    check_sheet(book, "comparison", compare / "comparison.csv",
                ["KPI", "group", "scenario", "mean", "95% CI low", "95% CI high", "replications",
                 "difference with reference", "difference 95% CI low", "difference 95% CI high", "pairs"],
                "compare", formats)
    scenario_book = compare / "integrated" / "results.xlsx"
    check(scenario_book.is_file() and load_workbook(scenario_book).sheetnames[0] == "summary",
          "compare --lang en: integrated/results.xlsx missing or not in English")


# ---------------------------------------------------------------------------------------------
# (f) a `compare --equal-service` folder


def test_equal(args, tmp: Path):
    """The report of an equal-service comparison leads its summary with what each design needs to meet
    the norm and what that costs (numbers as in equal-service.csv), and shows the staffing per design.
    On tests/data/mmc(-split).toml Erlang C gives 4 pooled servers against 3 + 2 split ones, each
    split FTE costing 50,000 a year (see mmc-split.toml)."""
    data = args.source_dir / "tests" / "data"
    out = tmp / "equal"
    p = run([args.jeugdsim, "compare", "--equal-service", "intake_wait_days_mean <= 0.5", data / "mmc.toml",
             data / "mmc-split.toml", "-r", "4", "--out", out, "--quiet", "--threads", "2"], cwd=args.source_dir)
    if not check(p.returncode == 0, f"compare --equal-service: exit {p.returncode}: {p.stderr[-2000:]}"):
        return
    with open(out / "equal-service.csv", newline="") as f:
        es = {(r["scenario"], r["team"]): r for r in csv.DictReader(f)}
    names = {sid: json.loads((out / sid / "provenance.json").read_text())["scenario_name"] for sid in ("mmc", "mmc-split")}
    env = base_env(tmp, args.source_dir)
    expected = {
        "nl": f"Om de norm te halen heeft ‘{names['mmc-split']}’ 1 fte meer nodig dan ‘{names['mmc']}’ (5 tegen 4 fte) "
              "en kost het € 0,25 miljoen per jaar meer (95%-BI 0,25 tot 0,25); bij die bezetting krijgt in "
              f"‘{names['mmc-split']}’ ",
        "en": f"To reach the norm, ‘{names['mmc-split']}’ needs 1 FTE more than ‘{names['mmc']}’ (5 against 4 FTE) "
              "and costs EUR 0.25 million a year more (95% CI 0.25 to 0.25); at that staffing ",
    }
    for lang in ("nl", "en"):
        label = f"report of an equal-service compare ({lang})"
        p = run([args.jeugdsim, "report", out, "--lang", lang], env=env)
        if not check(p.returncode == 0 and "Traceback" not in p.stderr, f"{label}: exit {p.returncode}: {p.stderr[-2000:]}"):
            continue
        text = (out / "report.html").read_text(encoding="utf-8")
        summary = section(text, 'id="summary"', "</section>")
        lead = section(summary, 'id="equal-service"', "</div>")
        check(lead != "" and summary.index('id="equal-service"') < summary.index("<p>"),
              f"{label}: the summary does not lead with the equal-service result")
        # The sentence as read: tags removed without adding spaces (the numbers are inline spans).
        item = section(lead, "<li>", "</li>")
        words = " ".join(html.unescape(re.sub(r"<[^>]+>", "", item)).split())
        check(expected[lang] in words, f"{label}: lead sentence is\n{words[:600]}\nexpected it to contain\n{expected[lang]}")
        # Every equal-service number is the CSV value, shown with the sign the sentence gives it.
        nums = re.findall(r'<span class="esnum" data-scenario="([^"]+)" data-team="([^"]+)" data-field="([^"]+)" '
                          r'data-scale="([^"]+)" data-sign="([^"]+)">([^<]+)</span>', lead)
        check(len(nums) == 6, f"{label}: {len(nums)} equal-service numbers in the lead, expected 6")
        for sid, team, fld, scale, sign, shown in nums:
            value, decimals = parse_number(shown)
            want = float(es[(sid, team)][fld]) * float(scale) * int(sign)
            check(abs(value - want) <= 0.5 * 10 ** -decimals + 1e-9,
                  f"{label}: shows {shown} for {sid}/{team} {fld}, equal-service.csv gives {want:.6g}")
        # The staffing table: a row per team of either design and the total, the sized FTE per design.
        table = section(lead, 'class="equal-service"', "</table>")
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        check(len(rows) == 6, f"{label}: the staffing table has {len(rows)} rows, expected a header, 3 teams, total and cost")
        total = [r for r in rows if ("Totaal" if lang == "nl" else "Total") in r]
        check(bool(total) and re.search(r"<td>4 (fte|FTE).*<td>5 (fte|FTE)", total[0]) is not None,
              f"{label}: the total row does not read 4 and 5 FTE: {total[:1]}")
        check("intake_wait_days_mean" not in visible_text(lead), f"{label}: the norm is written as a KPI key")
        if lang == "nl":
            check("≤ 0,5" in visible_text(lead), f"{label}: the norm (≤ 0,5) is not stated")
    # Rendered in headless Chromium: the lead is on the page.
    p = chromium(out / "report.html", tmp, "equal-service report", ["--dump-dom", "--virtual-time-budget=3000"])
    if p is not None:
        check(expected["en"][:40] in " ".join(html.unescape(re.sub(r"<[^>]+>", "", p.stdout)).split()),
              "equal-service report: the rendered page lacks the lead sentence")
    # Without equal-service.csv (a plain compare) there is no such block, and no error.
    plain = tmp / "plain"
    shutil.copytree(out, plain)
    (plain / "equal-service.csv").unlink()
    p = run([args.jeugdsim, "report", plain], env=env)
    check(p.returncode == 0 and 'id="equal-service"' not in (plain / "report.html").read_text(encoding="utf-8"),
          f"report without equal-service.csv: exit {p.returncode}, or an equal-service block anyway: {p.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("part", choices=["notebooks", "html", "errors", "documented", "workbook", "equal"])
    parser.add_argument("--jeugdsim", type=Path, required=True)
    parser.add_argument("--source-dir", type=Path, required=True)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    args.jeugdsim, args.source_dir = args.jeugdsim.resolve(), args.source_dir.resolve()
    tmp = Path(tempfile.mkdtemp(prefix=f"jeugdsim-report-{args.part}-"))
    try:
        {"notebooks": test_notebooks, "html": test_html, "errors": test_errors, "documented": test_documented,
         "workbook": test_workbook, "equal": test_equal}[args.part](args, tmp)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed in part {args.part}")
        return 1
    print(f"part {args.part}: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
