#!/usr/bin/python3
"""Stability of the shipped organisation scenarios at several horizons (issue 14, item 3).

For each horizon, runs `jeugdsim compare` on the scenarios (the first is the reference) with the
given replications, and reports per scenario:
  - whether a waiting list is still growing (queue-trends.csv), and which lists;
  - the offered load rho of every team and provider, from kpis by Little's law:
      team:     rho = queue joins / intakes x caseload per FTE / cap per FTE
                (the time-averaged caseload over the cap, scaled up by the demand the team did not
                take on; 1 = every slot busy with the demand offered)
      provider: rho = queue joins x (in care / starts) / places
                (arrivals x mean holding time / places);
  - the paired difference of intake_wait_days_mean (all) against the reference, with its 95% CI.

Usage (from the repository root):
    /usr/bin/python3 calibration/horizon_stability.py --jeugdsim build/release/bin/jeugdsim \
        --years 5 10 20 -r 20 [--out outputs/stability]
"""
import argparse
import os
import subprocess
import tomllib

import pandas as pd

SCENARIOS = ["scenarios/integrated.toml", "scenarios/split-jeugd-ouder.toml",
             "scenarios/jot-gezinsregisseurs.toml", "scenarios/jg-teams.toml"]


def rho_table(folder):
    k = pd.read_csv(os.path.join(folder, "summary.csv"))
    with open(os.path.join(folder, "scenario.resolved.toml"), "rb") as f:
        scen = tomllib.load(f)
    m = {(r.kpi, r.group): r.mean for r in k.itertuples()}
    rows = []
    for name, t in scen.get("teams", {}).items():
        g = f"team:{name}"
        intakes = m.get(("intakes_per_year", g), float("nan"))
        joins = m.get(("queue_joins_per_year", g), float("nan"))
        load = m.get(("caseload_per_fte_mean", g), float("nan"))
        cap = t.get("caseload_cap_per_fte", float("nan"))
        rows.append((g, joins / intakes * load / cap if intakes and cap else float("nan"),
                     m.get(("waiting_list_length_mean", g), float("nan"))))
    for name, p in scen.get("providers", {}).items():
        if p.get("places") == "unlimited":
            continue
        g = f"provider:{name}"
        starts = m.get(("starts_per_year", g), float("nan"))
        joins = m.get(("queue_joins_per_year", g), float("nan"))
        occ = m.get(("in_care_mean", g), float("nan"))
        rows.append((g, joins * (occ / starts) / p["places"] if starts else float("nan"),
                     m.get(("waiting_list_length_mean", g), float("nan"))))
    return pd.DataFrame(rows, columns=["group", "rho", "waiting_list_mean"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jeugdsim", default="build/release/bin/jeugdsim")
    ap.add_argument("--years", nargs="+", type=int, default=[5, 10, 20])
    ap.add_argument("-r", "--replications", type=int, default=20)
    ap.add_argument("--out", default="outputs/stability")
    ap.add_argument("--scenarios", nargs="+", default=SCENARIOS)
    ap.add_argument("--set", action="append", default=[], dest="sets",
                    help="an extra KEY=VALUE override for every run (repeatable)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    warn_rows, rho_rows, diff_rows = [], [], []
    for years in args.years:
        out = os.path.join(args.out, f"h{years}y")
        if os.path.exists(out):
            subprocess.run(["rm", "-r", out], check=True)
        cmd = [args.jeugdsim, "compare", *args.scenarios, "-r", str(args.replications), "-q", "-o", out,
               "--set", f"simulation.horizon_days={years * 365}"]
        for extra in args.sets:
            cmd += ["--set", extra]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr}")
        with open(os.path.join(args.out, f"h{years}y.stderr"), "w") as f:
            f.write(proc.stderr)
        for s in args.scenarios:
            sid = os.path.splitext(os.path.basename(s))[0]
            # The growing lists from queue-trends.csv (the console says it in one line only).
            q = pd.read_csv(os.path.join(out, sid, "queue-trends.csv"))
            q = q[q.growing == "yes"]
            growing = ", ".join(f"{r.group} {r.first_half_mean:.1f} -> {r.second_half_mean:.1f}" for r in q.itertuples())
            warn_rows.append((years, sid, not q.empty, growing))
            r = rho_table(os.path.join(out, sid))
            r.insert(0, "scenario", sid)
            r.insert(0, "years", years)
            rho_rows.append(r)
        c = pd.read_csv(os.path.join(out, "comparison.csv"))
        d = c[(c.kpi == "intake_wait_days_mean") & (c.group == "all")]
        for r in d.itertuples():
            diff_rows.append((years, r.scenario, r.mean, r.ci_low, r.ci_high, r.diff_mean, r.diff_ci_low,
                              r.diff_ci_high))
    warn = pd.DataFrame(warn_rows, columns=["years", "scenario", "growth_warning", "growing_lists"])
    rho = pd.concat(rho_rows, ignore_index=True)
    diff = pd.DataFrame(diff_rows, columns=["years", "scenario", "wait_mean", "wait_ci_low", "wait_ci_high",
                                            "diff_vs_first", "diff_ci_low", "diff_ci_high"])
    warn.to_csv(os.path.join(args.out, "warnings.csv"), index=False)
    rho.to_csv(os.path.join(args.out, "rho.csv"), index=False)
    diff.to_csv(os.path.join(args.out, "headline.csv"), index=False)
    pd.set_option("display.width", 220)
    pd.set_option("display.max_colwidth", 120)
    print(warn.to_string(index=False))
    print(rho.pivot_table(index=["scenario", "group"], columns="years", values="rho").round(2).to_string())
    print(diff.round(2).to_string(index=False))


if __name__ == "__main__":
    main()
