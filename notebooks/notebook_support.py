"""What the notebooks share besides the charts (those are in report/jeugdsim_charts.py): where a
folder named on the command line is, and KPI values written for people.

A notebook's kernel runs in the notebook's own folder, and nbconvert does not pass on where its
caller stood. So a relative folder such as `outputs/reference/compare` is looked up, in order,
from the caller's folder ($PWD, which the shell sets and the kernel inherits), from the
repository root (the folder above the notebook that holds CMakeLists.txt) and from the
notebook's folder; the first that exists wins.
"""
from __future__ import annotations

import math
import os
from pathlib import Path


def repo_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` (default: the kernel's folder) with CMakeLists.txt
    and notebooks/, or None outside a jeugdsim checkout."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "CMakeLists.txt").is_file() and (folder / "notebooks").is_dir():
            return folder
    return None


def resolve_folder(text: str | os.PathLike) -> Path:
    """`text` as an absolute path: unchanged when absolute, else the first existing of $PWD/text,
    ROOT/text and ./text. When none exists, $PWD/text (what the caller meant), so that the error
    names the folder the user typed from where they typed it."""
    path = Path(text).expanduser()
    if path.is_absolute():
        return path
    candidates = []
    pwd = os.environ.get("PWD")
    if pwd and Path(pwd).is_absolute():
        candidates.append(Path(pwd) / path)
    root = repo_root()
    if root is not None:
        candidates.append(root / path)
    candidates.append(Path.cwd() / path)
    for candidate in candidates:
        if candidate.exists():
            return candidate.resolve()
    return candidates[0]


def kpi_kind(kpi: str) -> str:
    """What a KPI counts, by its name (the same rules as the Excel workbook, io/WorkbookWriter)."""
    if kpi.endswith("_share") or "_share_" in kpi:
        return "share"
    if kpi.startswith("cost_eur"):
        return "euro"
    if "_days" in kpi:
        return "days"
    if "per_family" in kpi or kpi.startswith("caseload"):
        return "ratio"
    if kpi.startswith("hours_") or "fte" in kpi or "per_year" in kpi or kpi.endswith("_mean"):
        return "amount"
    return "count"


def format_kpi(kpi: str, value, lang: str = "nl", signed: bool = False) -> str:
    """One KPI value for people: days 1 decimal, shares in % (differences in percentage points),
    costs in euro with thousands separators, counts whole; Dutch separators for lang nl."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    kind = kpi_kind(kpi)
    sign = "+" if signed else ""
    decimals = {"share": 1, "euro": 0, "days": 1, "ratio": 2, "amount": 1, "count": 0}[kind]
    number = value * 100 if kind == "share" else value
    text = f"{number:{sign},.{decimals}f}"
    if not any(digit in text for digit in "123456789"):
        text = f"{0:,.{decimals}f}"  # no "-0,00" or "+0,0" for what rounds to zero
    if lang == "nl":  # 1,234.5 -> 1.234,5
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    text = text.replace("-", "\u2212")
    if kind == "share":
        return text + ((" %-punt" if lang == "nl" else " pp") if signed else "%")
    if kind == "euro":
        return "€ " + text
    return text


def format_kpi_table(table, lang: str = "nl", kpi_level: str = "kpi", signed_columns=("diff_mean",)):
    """A copy of `table` (KPIs in the index level `kpi_level`, numbers in the cells) with every
    number written by format_kpi for its row's KPI. Columns whose (first) label is in
    `signed_columns` are differences and get a sign."""
    kpis = table.index.get_level_values(kpi_level)
    out = table.astype(object).copy()
    for c, column in enumerate(table.columns):
        top = column[0] if isinstance(column, tuple) else column
        signed = top in signed_columns
        out.iloc[:, c] = [format_kpi(k, v, lang, signed) for k, v in zip(kpis, table.iloc[:, c])]
    return out
