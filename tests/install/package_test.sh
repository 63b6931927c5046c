#!/usr/bin/env bash
# Builds the Debian package with CPack into a temporary folder and inspects it with dpkg-deb:
# the files it installs and the dependencies it declares (no root, nothing installed).
# Usage: package_test.sh BUILD_DIR
set -euo pipefail
build="$1"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jeugdsim-package-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$tmp" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1) \
  || { cat "$tmp/cpack.log"; fail "cpack -G DEB"; }
shopt -s nullglob
debs=("$tmp"/out/jeugdsim_*_*.deb)
((${#debs[@]} == 1)) || { ls -R "$tmp/out"; fail "expected one jeugdsim_VERSION_ARCH.deb, found ${#debs[@]}"; }
deb="${debs[0]}"
info=$(dpkg-deb -I "$deb")
files=$(dpkg-deb -c "$deb")
field() { dpkg-deb -f "$deb" "$1"; }

[[ "$(field Package)" == jeugdsim ]] || fail "Package is '$(field Package)'"
depends=$(field Depends)
recommends=$(field Recommends)
for lib in libc6 libstdc++6 libfmt9 libxlsxwriter; do
  [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib: '$depends'"
done
for py in python3-pandas python3-matplotlib python3-numpy; do
  [[ "$depends $recommends" == *"$py"* ]] || fail "neither Depends nor Recommends names $py"
done
for path in ./usr/bin/jeugdsim ./usr/share/jeugdsim/report/make_report.py ./usr/share/jeugdsim/report/jeugdsim_charts.py \
            ./usr/share/jeugdsim/scenarios/integrated.toml ./usr/share/jeugdsim/scenarios/profiles/municipality-40k.toml \
            ./usr/share/jeugdsim/docs/README.md; do
  grep -q " $path\$" <<<"$files" || fail "the package does not contain $path"
done
grep -q '^-rwxr-xr-x .* ./usr/bin/jeugdsim$' <<<"$files" || fail "./usr/bin/jeugdsim is not executable"
# The packaged binary is the program: it runs from the unpacked tree.
dpkg-deb -x "$deb" "$tmp/root"
"$tmp/root/usr/bin/jeugdsim" --version | grep -q '^jeugdsim ' || fail "the packaged jeugdsim --version failed"
echo "$info" | sed -n '/Package:/,$p'
echo "package: 1 passed, 0 failed"
