#!/usr/bin/env bash
# Times the vulnerability-matching stage: one image of 1,000 Debian packages against a database of 100,000 OSV
# records. The stage is the difference between `scan` with and without `--skip-vulnerabilities` on the same
# image (opening the database included), medians of hyperfine runs.
#
#   scripts/bench/bench-match.sh [WORK_DIR]        (PLIMSOLL_BIN overrides .build/release/plimsoll)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${1:-/var/tmp/plimsoll-bench-match}
BIN=${PLIMSOLL_BIN:-$REPO/.build/release/plimsoll}
RUNS=${RUNS:-10}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x "$BIN" ] || (cd "$REPO" && swift build -c release --product plimsoll)
mkdir -p "$WORK"

if [ ! -f "$WORK/advisories.db" ]; then
    python3 "$REPO/scripts/bench/generate-osv.py" --records 100000 --out "$WORK/osv" --seed 1
    "$BIN" db import "$WORK/osv/all.zip" --db "$WORK/advisories.db"
fi

# The generator names distribution source packages srcpkgN; give the image 1,000 of them.
python3 - "$WORK/root" <<'PY'
import os, sys
root = sys.argv[1]
os.makedirs(f"{root}/etc", exist_ok=True)
os.makedirs(f"{root}/var/lib/dpkg", exist_ok=True)
open(f"{root}/etc/os-release", "w").write('ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n')
with open(f"{root}/var/lib/dpkg/status", "w") as status:
    for index in range(1000):
        status.write(f"Package: bin{index}\nStatus: install ok installed\nArchitecture: amd64\n"
                     f"Source: srcpkg{index}\nVersion: 1.{index % 7}-{index % 3}\n\n")
PY

common="scan dir:$WORK/root --scanners vuln --db $WORK/advisories.db --offline --format json --output /dev/null"
hyperfine --runs "$RUNS" --warmup 2 --export-json "$WORK/match.json" \
    -n inventory "$BIN $common --skip-vulnerabilities" -n with-vulnerabilities "$BIN $common"
"$BIN" $common --output "$WORK/report.json"
python3 - "$WORK/match.json" "$WORK/report.json" <<'PY'
import json, statistics, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
inventory = statistics.median(runs["inventory"]["times"])
full = statistics.median(runs["with-vulnerabilities"]["times"])
report = json.load(open(sys.argv[2]))
print(f"packages: {len(report['packages'])}, findings: {len(report.get('vulnerabilities', []))}")
print(f"median scan without matching: {inventory * 1000:.1f} ms; with matching: {full * 1000:.1f} ms")
print(f"matching stage (database open + 1,000 packages matched): {(full - inventory) * 1000:.1f} ms")
PY
