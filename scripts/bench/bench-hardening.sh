#!/usr/bin/env bash
# What the config scanner costs (issue 6, "hardening checks add under 10% to an image scan"): `plimsoll scan
# --scanners vuln` against `--scanners vuln,config` on app-on-debian, the image scripts/bench/bench-app.sh packs
# (debootstrap bookworm minbase plus an application layer), in one hyperfine run. Vulnerability matching is skipped
# (--skip-vulnerabilities) so the figure is the layer walk and the analyzers, where the binary checks run.
# Writes scripts/bench/results/hardening-<date>.md.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}
IMAGE="$CACHE/bench/images/app-on-debian/oci"
RUNS=${RUNS:-10}
command -v hyperfine >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
[[ -d $IMAGE ]] || "$REPO/scripts/bench/bench-app.sh" --runs 1
PLIMSOLL_BIN=${PLIMSOLL_BIN:-$REPO/.build/release/plimsoll}
[[ -x $PLIMSOLL_BIN ]] || (cd "$REPO" && swift build -c release --product plimsoll >/dev/null)
OUT="$REPO/scripts/bench/results/hardening-$(date -u +%Y-%m-%d).md"
scan="'$PLIMSOLL_BIN' scan oci-layout:$IMAGE --format json --skip-vulnerabilities --output /dev/null"
hyperfine --warmup 2 --runs "$RUNS" --export-markdown "$OUT.table" \
    -n "vuln" "$scan --scanners vuln" \
    -n "vuln,config" "$scan --scanners vuln,config" \
    -n "vuln,config (no binaries)" "$scan --scanners vuln,config --skip-binary-hardening"
"$PLIMSOLL_BIN" scan "oci-layout:$IMAGE" --format json --skip-vulnerabilities --scanners config \
    --output "$OUT.json"
{
    echo "# Hardening checks: cost on app-on-debian ($(date -u +%Y-%m-%d), $(nproc) cores, $RUNS runs)"
    echo
    cat "$OUT.table"
    echo
    python3 - "$OUT.json" <<'PY'
import collections, json, sys
report = json.load(open(sys.argv[1]))
findings = report.get("hardening", [])
counts = collections.Counter((f["category"], f["ruleId"]) for f in findings)
print(f"Findings: {len(findings)}; base image: {report.get('baseImage', {}).get('kind')}")
for (category, rule), count in sorted(counts.items()):
    print(f"- {category} {rule}: {count}")
PY
} >"$OUT"
rm -f "$OUT.table" "$OUT.json"
cat "$OUT"
