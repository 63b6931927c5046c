"""The Python module against the command line (CTest "python.module").

Usage: test_module.py JEUGDSIM_BINARY SOURCE_DIR  (with PYTHONPATH naming BUILD/python)
Checks that jeugdsim.run's summary and kpis DataFrames equal the summary.csv and kpis.csv that
`jeugdsim run` writes for the same scenario, seed, replications and override; that compare's
comparison equals `jeugdsim compare`'s comparison.csv; that TOML text with includes runs; and
that a bad override raises ScenarioError naming the key.
"""
import os
import subprocess
import sys
import tempfile
import unittest

try:
    import pandas as pd
except ImportError:  # scripts/setup --with-report installs it; without it there is nothing to test
    print("skipped: pandas is not installed (scripts/setup --with-report)")
    sys.exit(77)

import jeugdsim

BINARY, SOURCE = sys.argv[1], sys.argv[2]
TINY = os.path.join(SOURCE, "tests", "data", "tiny.toml")


def read(path):
    return pd.read_csv(path, keep_default_na=False, na_values=["NaN"])


class ModuleAgainstCli(unittest.TestCase):
    def test_run_equals_cli(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "run")
            subprocess.run([BINARY, "run", TINY, "-q", "--seed", "4242", "-r", "4",
                            "--set", "teams.ouder.workers=3", "--out", out], check=True, capture_output=True)
            r = jeugdsim.run(TINY, overrides=["teams.ouder.workers=3"], seed=4242, replications=4, threads=1)
            pd.testing.assert_frame_equal(r.summary, read(os.path.join(out, "summary.csv")), check_exact=True)
            pd.testing.assert_frame_equal(r.kpis, read(os.path.join(out, "kpis.csv")), check_exact=True)
            pd.testing.assert_frame_equal(r.queue_trends, read(os.path.join(out, "queue-trends.csv")),
                                          check_exact=True)
            self.assertEqual(list(r.summary.columns), ["kpi", "group", "mean", "ci_low", "ci_high", "n"])
            self.assertEqual(r.provenance["seed"], 4242)
            self.assertEqual(r.provenance["replications"], 4)
            # Not a vacuous equality: the override changes the numbers.
            base = jeugdsim.run(TINY, seed=4242, replications=4)
            self.assertFalse(base.summary.equals(r.summary))

    def test_compare_equals_cli(self):
        with tempfile.TemporaryDirectory() as tmp:
            other = os.path.join(tmp, "more.toml")
            with open(TINY, encoding="utf-8") as f, open(other, "w", encoding="utf-8") as g:
                g.write(f.read())
            out = os.path.join(tmp, "cmp")
            subprocess.run([BINARY, "compare", TINY, other, "-q", "-r", "3", "--set", "more:teams.jeugd.workers=5",
                            "--out", out], check=True, capture_output=True)
            c = jeugdsim.compare([TINY, other], overrides=["more:teams.jeugd.workers=5"], replications=3)
            pd.testing.assert_frame_equal(c.comparison, read(os.path.join(out, "comparison.csv")), check_exact=True)
            self.assertEqual(sorted(c.scenarios), ["more", "tiny"])
            self.assertEqual(set(c.summary["scenario"]), {"tiny", "more"})

    def test_plan_equals_cli(self):
        mmc = os.path.join(SOURCE, "tests", "data", "mmc.toml")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "plan")
            subprocess.run([BINARY, "plan", mmc, "--team", "servers", "--whole-workers", "-r", "10", "-q",
                            "--target", "intake_wait_days_mean <= 0.5", "--out", out], check=True, capture_output=True)
            p = jeugdsim.plan(mmc, "servers", "intake_wait_days_mean <= 0.5", whole_workers=True, replications=10)
            self.assertTrue(p.feasible)
            pd.testing.assert_frame_equal(p.plan, read(os.path.join(out, "plan.csv")), check_exact=True)
            self.assertEqual(p.plan_json["answers"][0]["workers"], 4)  # Erlang C (tests/cli/test_plan_calibrate.cpp)
            pd.testing.assert_frame_equal(p.answer.summary, read(os.path.join(out, "answer", "summary.csv")),
                                          check_exact=True)

    def test_text_with_includes(self):
        scenarios = os.path.join(SOURCE, "scenarios")
        with open(os.path.join(scenarios, "integrated-fte-plus.toml"), encoding="utf-8") as f:
            text = f.read()
        r = jeugdsim.run(text, replications=1, base_dir=scenarios)
        self.assertGreater(len(r.summary), 10)

    def test_bad_override_raises_with_the_key(self):
        with self.assertRaises(jeugdsim.ScenarioError) as caught:
            jeugdsim.run(TINY, overrides=["teams.jeugd.workers=-2"], replications=1)
        self.assertIn("teams.jeugd.workers", str(caught.exception))
        self.assertEqual(caught.exception.errors[0]["key"], "teams.jeugd.workers")
        self.assertIsInstance(caught.exception, ValueError)

    def test_bad_value_in_text_names_file_line_and_key(self):
        with self.assertRaises(jeugdsim.ScenarioError) as caught:
            jeugdsim.run(("bad.toml", "[meta]\nname = \"x\"\n[simulation]\nhorizon_days = -5\n"))
        self.assertIn("bad.toml:4: simulation.horizon_days", str(caught.exception))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
