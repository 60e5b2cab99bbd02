#!/usr/bin/env bash
# What pulling from a registry costs over reading the same image from an OCI layout on disk (issue 7).
#
#   scripts/bench/bench-registry.sh [--runs N] [--image NAME]
#
# The image (default app-mixed, the largest fixture the integration suite packs that is not a secrets corpus:
# $PLIMSOLL_FIXTURE_CACHE/images/NAME/oci) is pushed with skopeo into Debian's docker-registry, anonymous, on
# 127.0.0.1:5400 (scripts/registry/start-registries.sh; stopped on exit). Three commands, same flags
# (--scanners vuln --skip-vulnerabilities --format json: the inventory, no advisory database, no secret scan):
#   plimsoll scan oci-layout:DIR                          from disk
#   plimsoll scan 127.0.0.1:5400/bench/app:1              from the registry, every blob downloaded each run
#   plimsoll scan 127.0.0.1:5400/bench/app:1 --blob-cache  from the registry, blobs from a warm cache (the manifest
#                                                          is still fetched and every blob re-verified)
# hyperfine, N runs (default 5) after one warm-up, medians; the ratios registry/layout. Peak RSS from one run each
# under /usr/bin/time. Results: scripts/bench/results/registry.md; raw JSON in $PLIMSOLL_FIXTURE_CACHE/bench/.
#
# Environment: PLIMSOLL_FIXTURE_CACHE (default /var/tmp/plimsoll-fixtures), PLIMSOLL_BIN (default: .build/release).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}
BENCH="$CACHE/bench"
RUNS=5
NAME=app-mixed
while (($#)); do
    case $1 in
        --runs) RUNS=$2; shift ;;
        --image) NAME=$2; shift ;;
        *) echo "usage: $0 [--runs N] [--image NAME]" >&2; exit 2 ;;
    esac
    shift
done
export TMPDIR="$CACHE/tmp"
mkdir -p "$BENCH" "$TMPDIR"
log() { printf '[bench-registry] %s\n' "$*" >&2; }

command -v hyperfine >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
PLIMSOLL_BIN=${PLIMSOLL_BIN:-$REPO/.build/release/plimsoll}
if [[ ! -x $PLIMSOLL_BIN ]]; then
    (cd "$REPO" && swift build -c release --product plimsoll) >"$BENCH/swift-build.log" 2>&1
fi
layout="$CACHE/images/$NAME/oci"
[[ -f $layout/index.json ]] || { log "no OCI layout at $layout: run Tests/Integration/run.sh first"; exit 1; }

state=$(mktemp -d "$TMPDIR/bench-registries.XXXXXX")
trap '"$REPO/scripts/registry/stop-registries.sh" "$state"; rm -rf "$state"' EXIT
HOSTILE_IMAGE="$CACHE/images/alpine/oci" "$REPO/scripts/registry/start-registries.sh" "$state" >&2
ref=127.0.0.1:5400/bench/app:1
digest=$("$REPO/scripts/registry/push-image.sh" "$layout" "$ref")
log "pushed $NAME as $ref ($digest)"

flags="--scanners vuln --skip-vulnerabilities --format json --output /dev/null"
blobs="$state/blob-cache"
"$PLIMSOLL_BIN" scan "$ref" $flags --blob-cache "$blobs" >/dev/null  # warms the cache, and fails early if it cannot
log "hyperfine ($RUNS runs)"
hyperfine --runs "$RUNS" --warmup 1 --style basic --export-json "$BENCH/registry.json" \
    -n "oci-layout" "'$PLIMSOLL_BIN' scan oci-layout:$layout $flags" \
    -n "registry" "'$PLIMSOLL_BIN' scan $ref $flags" \
    -n "registry, warm blob cache" "'$PLIMSOLL_BIN' scan $ref $flags --blob-cache $blobs" \
    >"$BENCH/registry.txt" 2>&1 || { cat "$BENCH/registry.txt" >&2; exit 1; }

measure() { # NAME COMMAND...: peak RSS in KB to $BENCH/registry-NAME.rss, the report to $BENCH/registry-NAME.json
    local name=$1; shift
    /usr/bin/time -f %M -o "$BENCH/registry-$name.rss" "$@" --scanners vuln --skip-vulnerabilities --format json \
        --output "$BENCH/registry-$name.json" >/dev/null
}
measure layout "$PLIMSOLL_BIN" scan "oci-layout:$layout"
measure registry "$PLIMSOLL_BIN" scan "$ref"
measure registry-cached "$PLIMSOLL_BIN" scan "$ref" --blob-cache "$blobs"
python3 "$REPO/Tests/Integration/check.py" agree "$BENCH/registry-layout.json" "$BENCH/registry-registry.json" \
    "$BENCH/registry-registry-cached.json" >&2

REPORT="$REPO/scripts/bench/results/registry.md"
mkdir -p "$(dirname "$REPORT")"
python3 - "$BENCH" "$layout" "$RUNS" "$NAME" "$digest" \
    "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average at the start $(cut -d' ' -f1-3 /proc/loadavg)" \
    "$("$PLIMSOLL_BIN" --version 2>/dev/null || echo unknown) (repository at $(git -C "$REPO" rev-parse --short HEAD))" \
    "$(docker-registry --version 2>/dev/null | head -n 1)" "$(date -u +%Y-%m-%d)" >"$REPORT" <<'PY'
import json, os, statistics, sys
bench, layout, runs, name, digest, machine, plimsoll, registry, date = sys.argv[1:]
results = {r["command"]: r for r in json.load(open(f"{bench}/registry.json"))["results"]}
manifest = json.load(open(os.path.join(layout, "blobs", *digest.split(":"))))
compressed = sum(layer["size"] for layer in manifest["layers"])
def rss(label):
    return int(open(f"{bench}/registry-{label}.rss").read().split()[-1]) / 1024
packages = len(json.load(open(f"{bench}/registry-layout.json"))["packages"])
print(f"# Registry pull benchmark, {date}\n")
print(f"Made by `scripts/bench/bench-registry.sh` on {machine}; plimsoll {plimsoll}; {registry} on 127.0.0.1")
print(f"(anonymous, filesystem storage, plain HTTP). hyperfine, {runs} runs after one warm-up, page cache hot;")
print("wall-time medians; peak RSS from one run under /usr/bin/time. Flags: --scanners vuln --skip-vulnerabilities")
print("--format json.\n")
print(f"Image {name}: {len(manifest['layers'])} gzip layer(s), {compressed / 1e6:.1f} MB compressed, {packages} packages;")
print(f"manifest {digest}.\n")
print("| source | median wall s | min–max s | CPU s (user+sys, mean) | peak RSS MB |")
print("|---|---|---|---|---|")
for label, key in (("oci-layout", "layout"), ("registry", "registry"), ("registry, warm blob cache", "registry-cached")):
    r = results[label]
    print(f"| {label} | **{statistics.median(r['times']):.3f}** | {min(r['times']):.3f}–{max(r['times']):.3f} | "
          f"{r['user'] + r['system']:.3f} | {rss(key):.0f} |")
m = {label: statistics.median(r["times"]) for label, r in results.items()}
print()
print(f"Registry / layout: {m['registry'] / m['oci-layout']:.2f}x ({m['registry']:.3f} s vs {m['oci-layout']:.3f} s); "
      f"with a warm blob cache {m['registry, warm blob cache'] / m['oci-layout']:.2f}x. All three reports list the "
      "same packages.")
PY
log "wrote $REPORT"
cat "$REPORT"
python3 - "$BENCH/registry.json" <<'PY'
import json, statistics, sys
r = {x["command"]: statistics.median(x["times"]) for x in json.load(open(sys.argv[1]))["results"]}
print(f"ratio registry/oci-layout: {r['registry'] / r['oci-layout']:.2f} "
      f"(warm blob cache: {r['registry, warm blob cache'] / r['oci-layout']:.2f})")
PY
