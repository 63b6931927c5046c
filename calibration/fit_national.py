#!/usr/bin/python3
"""Fit the base profile jointly to the national CBS targets (issue 14, deliverable 1).

Why a script and not `jeugdsim calibrate`: two of the target kinds are not KPIs of kpis.csv (the
duration distribution of ended trajectories is measured from the event log) and a route share is
a free parameter (an array element of a route, not a numeric dotted key). The script drives
`jeugdsim run --set ...` with common random numbers (the same seed and replications at every
point), reads kpis.csv per replication and event-log.csv, and minimises

    sum over fitted targets of ((model mean - value) / half-band)^2

where the half-band is the distance from the value to the band edge on the side the model mean
lies (a band is where a fit counts, so it is the precision of the figure). Nelder-Mead (scipy)
works on logistic-transformed parameters, so every evaluation lies within the bounds.

Usage (from the repository root):
    /usr/bin/python3 calibration/fit_national.py --jeugdsim build/release/bin/jeugdsim \
        [--reps 10] [--final-reps 20] [--maxfev 150] [--out outputs/calibration/national-cbs]
    /usr/bin/python3 calibration/fit_national.py --evaluate-only   # the current profile, no fit

Targets: calibration/targets/national-cbs.csv and national-cbs-durations.csv (columns input and
fit: see calibration/targets/national-cbs.md). Outputs in --out: fit.csv (every target with the
model mean and 95% interval), trajectory.csv (every evaluation), parameters.csv (fitted values,
bounds, start) and provenance.json.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import tomllib

import numpy as np
import pandas as pd
from scipy import optimize, stats

SCENARIO = "scenarios/integrated.toml"
TARGET_FILES = ["calibration/targets/national-cbs.csv", "calibration/targets/national-cbs-durations.csv"]

# Free parameters: (name, scenario key or special, low, high). Bounds: each names the fact or
# assumption that limits it (national-cbs.md, "Fit").
PARAMETERS = [
    # Channel volumes per 1,000 youth a year: from a third to twice the profile's first estimate.
    ("gp_rate", "channels.gp.rate_per_1000_youth_per_year", 8.0, 45.0),
    ("self_referral_rate", "channels.self_referral.rate_per_1000_youth_per_year", 3.0, 30.0),
    ("medical_rate", "channels.medical.rate_per_1000_youth_per_year", 1.0, 20.0),
    # Weight of the route to the wijkteam (triage:front_door) against the direct routes to a
    # provider (0.6 when a child's mental health need is presented, 0.5 when any child need
    # is), for GP and medical (specialist, jeugdarts) signals.
    ("gp_via_team_weight", "route:gp", 0.02, 2.0),
    ("medical_via_team_weight", "route:medical", 0.02, 2.0),
    # Chance that a known child need is referred to specialist care rather than helped by the
    # team itself: one factor on every [referrals.child] probability (capped at 1).
    ("child_referral_scale", "scale:referrals.child", 0.3, 3.0),
    # GI: how much more often than a wijkteam a case under a measure is referred on.
    ("gi_referral_factor", "teams.gi.referral_factor", 0.5, 6.0),
    # Duration of a measure at the GI (lognormal mean, days).
    ("gi_support_mean_days", "teams.gi.support_days.mean", 150.0, 1100.0),
    # Youth mental health (lognormal mean, days): CBS 85096NED has no per-form table.
    ("youth_mh_mean_days", "providers.youth_mental_health.duration_days.mean", 150.0, 900.0),
    # Court orders (child protection and youth probation) per 1,000 youth a year: at most seed
    # 004's 7.5 (2012, before the decentralisation); CBS 2023 has 2.6 new protection measures per
    # 1,000 youth (children, H1 inflow 4,470 x 2) plus youth probation.
    ("court_rate", "channels.court.rate_per_1000_youth_per_year", 2.5, 7.5),
    # Chance of a new episode after closure (through self-referral, so to the wijkteam): the
    # profile's assumption range 0.05-0.3.
    ("reentry_base_probability", "reentry.base_probability", 0.05, 0.3),
    # Residential care stepping up to closed care (JZ+) at its end.
    ("residential_step_up", "providers.residential.step_up_probability", 0.01, 0.8),
]

# The profile's [referrals.child] probabilities by severity (light, moderate, severe), which
# child_referral_scale multiplies: the shape is the profile's assumption, the level is fitted.
CHILD_REFERRALS = {
    "parenting": [0.05, 0.25, 0.60],
    "behaviour": [0.10, 0.35, 0.70],
    "mental_health": [0.15, 0.50, 0.85],
    "lvb": [0.10, 0.40, 0.80],
    "school": [0.02, 0.10, 0.30],
}


def direct_route(weight):
    return ('[ { to = "provider:youth_mental_health", share = 0.6, when = "presented_any:child.mental_health" }, '
            '{ to = "provider:ambulant", share = 0.5, when = "presented_any:child" }, '
            f'{{ to = "triage:front_door", share = {weight:.4g} }} ]')


def overrides(values):
    sets = []
    for (name, key, _, _), v in zip(PARAMETERS, values):
        if key.startswith("route:"):
            sets.append(f"channels.{key[6:]}.route={direct_route(v)}")
        elif key == "scale:referrals.child":
            for need, p in CHILD_REFERRALS.items():
                scaled = ", ".join(f"{min(1.0, q * v):.4g}" for q in p)
                sets.append(f"referrals.child.{need}.p_by_severity=[{scaled}]")
        else:
            sets.append(f"{key}={v:.4g}")
    return sets


def read_targets():
    frames = []
    for path in TARGET_FILES:
        t = pd.read_csv(path, comment="#", dtype={"group": str})
        t["file"] = path
        frames.append(t)
    t = pd.concat(frames, ignore_index=True)
    t["group"] = t["group"].fillna("all")
    return t


class Model:
    def __init__(self, jeugdsim, scenario, reps, seed=None, horizon=None):
        self.jeugdsim, self.scenario, self.reps, self.seed, self.horizon = jeugdsim, scenario, reps, seed, horizon
        self.targets = read_targets()
        self.extra_sets = []

    def run(self, values, reps):
        with tempfile.TemporaryDirectory(prefix="fit-national-") as tmp:
            out = os.path.join(tmp, "run")
            cmd = [self.jeugdsim, "run", self.scenario, "-r", str(reps), "-q", "-o", out,
                   "--event-log", *[str(r) for r in range(reps)]]
            if self.seed is not None:
                cmd += ["--seed", str(self.seed)]
            sets = overrides(values) + self.extra_sets
            if self.horizon is not None:
                sets.append(f"simulation.horizon_days={self.horizon}")
            for s in sets:
                cmd += ["--set", s]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                sys.exit(f"jeugdsim failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
            kpis = pd.read_csv(os.path.join(out, "kpis.csv"))
            log = pd.read_csv(os.path.join(out, "event-log.csv"), dtype={"team": str, "provider": str})
            with open(os.path.join(out, "scenario.resolved.toml"), "rb") as f:
                scen = tomllib.load(f)
            with open(os.path.join(out, "provenance.json")) as f:
                prov = json.load(f)
            return kpis, log, scen, prov, proc.stderr

    @staticmethod
    def parent_only_providers(scen):
        ref = scen.get("referrals", {})
        child = {v["provider"] for v in ref.get("child", {}).values()}
        if "safety" in ref:
            child.add(ref["safety"]["provider"])
        parent = {v["provider"] for v in ref.get("parent", {}).values()}
        return parent - child

    def durations(self, log, scen, warmup):
        """Shares of ended jeugdhulp trajectories by duration, per replication, from the event log:
        specialist care at a provider that treats child or safety needs, and light help at a team
        that is not a child-protection team (see national-cbs.md for what this leaves out)."""
        parent_only = self.parent_only_providers(scen)
        cp_teams = {n for n, t in scen.get("teams", {}).items() if t.get("child_protection", False)}
        spec = log[(log.activity == "specialist_care") & ~log.provider.isin(parent_only)].copy()
        spec["who"] = "p:" + spec.provider
        light = log[(log.activity == "light_help") & ~log.team.isin(cp_teams)].copy()
        light["who"] = "t:" + light.team
        ev = pd.concat([spec, light])
        ev = ev.sort_values(["replication", "case_id", "episode", "who", "timestamp_day"], kind="stable")
        key = ["replication", "case_id", "episode", "who"]
        starts = ev[ev.lifecycle == "start"].copy()
        ends = ev[ev.lifecycle == "complete"].copy()
        starts["k"] = starts.groupby(key).cumcount()
        ends["k"] = ends.groupby(key).cumcount()
        m = ends.merge(starts, on=key + ["k"], suffixes=("_end", "_start"))
        m = m[m.timestamp_day_end >= warmup]
        months = (m.timestamp_day_end - m.timestamp_day_start) / (365.0 / 12)
        bins = {"months:0-3": (0, 3), "months:3-6": (3, 6), "months:6-12": (6, 12),
                "months:12-24": (12, 24), "months:24+": (24, 1e9)}
        rows = []
        for rep, grp in months.groupby(m.replication):
            n = len(grp)
            for g, (lo, hi) in bins.items():
                rows.append((rep, "ended_duration_share", g, ((grp >= lo) & (grp < hi)).sum() / n))
        return pd.DataFrame(rows, columns=["replication", "kpi", "group", "value"])

    def per_replication(self, values, reps):
        kpis, log, scen, prov, stderr = self.run(values, reps)
        youth = scen["population"]["inhabitants"] * scen["population"]["youth_share"]
        dur = self.durations(log, scen, prov["warmup_days"])
        table = {}
        for i, t in self.targets.iterrows():
            if t.kpi == "ended_duration_share":
                v = dur[(dur.kpi == t.kpi) & (dur.group == t.group)].set_index("replication")["value"]
            else:
                parts = t.group.split("+")
                sel = kpis[(kpis.kpi == t.kpi) & kpis.group.isin(parts)]
                if sel.group.nunique() != len(parts):
                    sys.exit(f"{t.file}: KPI {t.kpi} group {t.group} not in kpis.csv")
                v = sel.groupby("replication")["value"].sum(min_count=1)
                if t.population_base == "per_1000_youth":
                    v = v / youth * 1000.0
                elif t.population_base == "per_1000_inhabitants":
                    v = v / scen["population"]["inhabitants"] * 1000.0
            table[i] = v
        return table, kpis, stderr

    def summarise(self, table):
        rows = []
        for i, t in self.targets.iterrows():
            v = table[i].dropna().to_numpy()
            n = len(v)
            mean = v.mean() if n else math.nan
            half = stats.t.ppf(0.975, n - 1) * v.std(ddof=1) / math.sqrt(n) if n > 1 else math.nan
            rows.append(dict(kpi=t.kpi, group=t.group, value=t.value, low=t.low, high=t.high, input=t.input,
                             fit=t.fit, model_mean=mean, ci_low=mean - half, ci_high=mean + half, n=n,
                             within_band=bool(t.low <= mean <= t.high), source=t.source))
        return pd.DataFrame(rows)

    def objective(self, summary):
        s = summary[(summary.fit == "yes") & (summary.input == "no")]
        half = np.where(s.model_mean > s.value, s.high - s.value, s.value - s.low)
        return float((((s.model_mean - s.value) / half) ** 2).sum())


def to_z(x, lo, hi):
    p = (x - lo) / (hi - lo)
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def from_z(z, lo, hi):
    return lo + (hi - lo) / (1 + math.exp(-z))


def current_values(jeugdsim, scenario):
    """The profile's current values of the free parameters (the start of the fit)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "run")
        subprocess.run([jeugdsim, "run", scenario, "-r", "1", "-q", "-o", out,
                        "--set", "simulation.horizon_days=1", "--set", "simulation.warmup_days=0"],
                       check=True, capture_output=True)
        with open(os.path.join(out, "scenario.resolved.toml"), "rb") as f:
            scen = tomllib.load(f)
    vals = []
    for name, key, lo, hi in PARAMETERS:
        if key.startswith("route:"):
            vals.append(next(r["share"] for r in scen["channels"][key[6:]]["route"] if r["to"] == "triage:front_door"))
            continue
        if key == "scale:referrals.child":
            vals.append(scen["referrals"]["child"]["parenting"]["p_by_severity"][1] / CHILD_REFERRALS["parenting"][1])
            continue
        node = scen
        for part in key.split("."):
            node = node[part] if part in node else None
            if node is None:
                break
        vals.append(float(node) if node is not None else 1.0)
    return vals


def limited_providers(jeugdsim, scenario):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "run")
        subprocess.run([jeugdsim, "run", scenario, "-r", "1", "-q", "-o", out,
                        "--set", "simulation.horizon_days=1", "--set", "simulation.warmup_days=0"],
                       check=True, capture_output=True)
        with open(os.path.join(out, "scenario.resolved.toml"), "rb") as f:
            scen = tomllib.load(f)
    return [n for n, p in scen["providers"].items() if p.get("places") != "unlimited"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jeugdsim", default="build/release/bin/jeugdsim")
    ap.add_argument("--scenario", default=SCENARIO)
    ap.add_argument("--reps", type=int, default=10, help="replications per evaluation of the fit")
    ap.add_argument("--final-reps", type=int, default=20, help="replications of the reported fit")
    ap.add_argument("--maxfev", type=int, default=150)
    ap.add_argument("--horizon-days", type=int, help="measured days of every run (default: the scenario's)")
    ap.add_argument("--out", default="outputs/calibration/national-cbs")
    ap.add_argument("--evaluate-only", action="store_true", help="report the current profile, no fit")
    ap.add_argument("--start", nargs="*", type=float, help="start values (default: the profile's)")
    ap.add_argument("--unlimited-providers", action="store_true",
                    help="fit demand with every provider's places unlimited (the offered load), then "
                         "report the places at --utilisation in loads.csv")
    ap.add_argument("--utilisation", type=float, default=0.85,
                    help="target utilisation of provider places (assumption) for loads.csv")
    args = ap.parse_args()

    model = Model(args.jeugdsim, args.scenario, args.reps, horizon=args.horizon_days)
    if args.unlimited_providers:
        model.extra_sets = [f"providers.{p}.places=\"unlimited\"" for p in limited_providers(args.jeugdsim, args.scenario)]
    start = args.start or current_values(args.jeugdsim, args.scenario)
    t0 = time.time()
    trajectory = []
    best = {"f": math.inf, "x": start}

    def f(z):
        x = [from_z(zi, lo, hi) for zi, (_, _, lo, hi) in zip(z, PARAMETERS)]
        table, _, _ = model.per_replication(x, args.reps)
        val = model.objective(model.summarise(table))
        trajectory.append([len(trajectory) + 1, *x, val])
        if val < best["f"]:
            best.update(f=val, x=x)
        print(f"eval {len(trajectory):4d}  f={val:9.3f}  " +
              " ".join(f"{p[0]}={v:.4g}" for p, v in zip(PARAMETERS, x)), flush=True)
        return val

    if not args.evaluate_only:
        z0 = [to_z(v, lo, hi) for v, (_, _, lo, hi) in zip(start, PARAMETERS)]
        # Initial simplex: one logistic unit along each axis (scipy's default of 5% of z is a
        # step too small to see through the noise of counts).
        simplex = [z0] + [[z + (1.0 if i == j else 0.0) for j, z in enumerate(z0)] for i in range(len(z0))]
        optimize.minimize(f, z0, method="Nelder-Mead",
                          options=dict(maxfev=args.maxfev, xatol=0.02, fatol=0.05, adaptive=True,
                                       initial_simplex=simplex))
    x = best["x"]
    table, kpis, stderr = model.per_replication(x, args.final_reps)
    summary = model.summarise(table)
    wall = time.time() - t0
    os.makedirs(args.out, exist_ok=True)
    summary.to_csv(os.path.join(args.out, "fit.csv"), index=False)
    # Offered load of each provider (mean places in use) and the places at the target utilisation.
    occ = kpis[(kpis.kpi == "in_care_mean") & kpis.group.str.startswith("provider:")]
    loads = occ.groupby("group")["value"].agg(["mean", "std"]).reset_index()
    loads["places_at_utilisation"] = np.ceil(loads["mean"] / args.utilisation).astype(int)
    loads["utilisation"] = args.utilisation
    loads.to_csv(os.path.join(args.out, "loads.csv"), index=False)
    print(loads.to_string(index=False))
    pd.DataFrame([(p[0], p[1], p[2], p[3], s, v, v <= p[2] * 1.001 or v >= p[3] * 0.999)
                  for p, s, v in zip(PARAMETERS, start, x)],
                 columns=["parameter", "key", "low", "high", "start", "fitted", "at_bound"]).to_csv(
        os.path.join(args.out, "parameters.csv"), index=False)
    pd.DataFrame(trajectory, columns=["evaluation", *[p[0] for p in PARAMETERS], "objective"]).to_csv(
        os.path.join(args.out, "trajectory.csv"), index=False)
    with open(os.path.join(args.out, "provenance.json"), "w") as fh:
        json.dump(dict(script="calibration/fit_national.py", scenario=args.scenario, targets=TARGET_FILES,
                       reps_per_evaluation=args.reps, final_reps=args.final_reps, evaluations=len(trajectory),
                       wall_seconds=round(wall, 1), objective_final=model.objective(summary),
                       overrides=overrides(x), extra_sets=model.extra_sets,
                       date=time.strftime("%Y-%m-%d")), fh, indent=2)
    pd.set_option("display.width", 200)
    print(summary[["kpi", "group", "value", "low", "high", "input", "fit", "model_mean", "ci_low", "ci_high",
                   "within_band"]].to_string(index=False))
    print(f"objective {model.objective(summary):.3f}; {len(trajectory)} evaluations; {wall:.0f} s")
    print("overrides:", *overrides(x), sep="\n  ")
    if stderr.strip():
        print(stderr.strip())


if __name__ == "__main__":
    main()
