#!/usr/bin/env bash
# Runs the whole test suite. Installs the system packages the tests need when they are missing (apt-get, as root),
# builds in Release, and ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests use (real servers and browsers, never mocks): keep in step with the README.
packages=(redis-server redis-tools chromium libgomp1)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]} ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  fi
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet test --solution SessionRec.slnx -c Release --results-directory "$results" --report-trx "$@" || status=$?

# The runner's own summary is per project; CI reads one line for the whole suite, summed from the TRX reports.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("{*}ResultSummary/{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
