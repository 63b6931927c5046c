#!/usr/bin/env bash
# `cmake --install` to a temporary prefix, then the installed program on its own: --version, a
# run of an installed scenario from an unrelated folder, and `jeugdsim report` on the result with
# the installed copy of report/ (no JEUGDSIM_REPORT_DIR). Usage: install_test.sh BUILD_DIR
set -euo pipefail
build="$1"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jeugdsim-install-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

prefix="$tmp/prefix"
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }
for f in bin/jeugdsim share/jeugdsim/report/make_report.py share/jeugdsim/report/jeugdsim_charts.py \
         share/jeugdsim/scenarios/integrated.toml share/jeugdsim/scenarios/profiles/municipality-40k.toml \
         share/jeugdsim/docs/README.md share/jeugdsim/docs/scenario-format.md; do
  [[ -e "$prefix/$f" ]] || fail "cmake --install did not install $f"
done

mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"
unset JEUGDSIM_REPORT_DIR
export MPLCONFIGDIR="$tmp/mpl"
bin="$prefix/bin/jeugdsim"
version=$("$bin" --version) || fail "jeugdsim --version failed"
[[ "$version" == jeugdsim\ * ]] || fail "jeugdsim --version printed '$version'"
"$bin" run "$prefix/share/jeugdsim/scenarios/integrated.toml" -r 2 --threads 2 --quiet --out "$tmp/x" >"$tmp/run.log" 2>&1 \
  || { cat "$tmp/run.log"; fail "jeugdsim run on the installed integrated.toml"; }
[[ -s "$tmp/x/summary.csv" ]] || fail "the run wrote no summary.csv"
"$bin" report "$tmp/x" >"$tmp/report.log" 2>&1 || { cat "$tmp/report.log"; fail "jeugdsim report on the run"; }
[[ -s "$tmp/x/report.html" ]] || fail "jeugdsim report wrote no report.html"

# The installed copy of report/ is the one used, not the source tree the binary was built from:
# swap it for a script that only leaves a mark.
cat >"$prefix/share/jeugdsim/report/make_report.py" <<'PY'
import pathlib, sys
pathlib.Path(sys.argv[1], "installed-copy-used").write_text("yes\n")
PY
"$bin" report "$tmp/x" >/dev/null 2>&1 || fail "jeugdsim report with the marker script"
[[ -e "$tmp/x/installed-copy-used" ]] || fail "jeugdsim report did not run PREFIX/share/jeugdsim/report/make_report.py"
echo "install: 1 passed, 0 failed"
