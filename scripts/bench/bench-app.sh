#!/usr/bin/env bash
# What the language analyzers cost (issue 4, "Fast": under 20% over an OS-only scan of the same image), side by side
# with Syft on the same image in the same hyperfine run.
#
#   scripts/bench/bench-app.sh [--runs N]
#
# The image, app-on-debian, is two gzip layers in an OCI layout: debootstrap bookworm minbase
# (scripts/fixtures/build-rootfs.sh), then the application tree of scripts/fixtures/build-app-root.sh (PyPI packages,
# Debian's JARs, Node's npm tree, three Go binaries, Debian's Ruby gems). Four commands:
#   plimsoll scan --skip-vulnerabilities --scanners vuln                      every package analyzer
#   plimsoll scan --skip-vulnerabilities --scanners vuln --package-types os   OS package analyzers only
# (--scanners vuln keeps the secret scan, on by default since issue 5, out of an inventory benchmark)
#   syft scan                                                   every default cataloger
#   syft scan --select-catalogers os                            Syft's OS catalogers only
# hyperfine, N runs (default 5) after one warm-up, medians. Results: scripts/bench/results/app-<date>.md; raw JSON in
# $PLIMSOLL_FIXTURE_CACHE/bench/.
#
# Environment: PLIMSOLL_FIXTURE_CACHE (default /var/tmp/plimsoll-fixtures), PLIMSOLL_BIN (default: .build/release).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}
BENCH="$CACHE/bench"
PACK="$REPO/scripts/fixtures/pack-image.py"
RUNS=5
while (($#)); do
    case $1 in
        --runs) RUNS=$2; shift ;;
        *) echo "usage: $0 [--runs N]" >&2; exit 2 ;;
    esac
    shift
done
export SYFT_CHECK_FOR_APP_UPDATE=false TMPDIR="$CACHE/tmp"
mkdir -p "$BENCH/images" "$TMPDIR"
log() { printf '[bench-app] %s\n' "$*" >&2; }

command -v hyperfine >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
PLIMSOLL_BIN=${PLIMSOLL_BIN:-$REPO/.build/release/plimsoll}
if [[ ! -x $PLIMSOLL_BIN ]]; then
    (cd "$REPO" && swift build -c release --product plimsoll) >"$BENCH/swift-build.log" 2>&1
fi

# pack NAME ROOT...: one gzip layer per root, in order, in an OCI layout; once per distinct input.
pack() {
    local name=$1 directory="$BENCH/images/$1" key root arguments=()
    shift
    key=$( { sha256sum "$PACK"; for root in "$@"; do echo "$root"; cat "$root.done"; ls -l --time-style=+%s "$root.done"; done; } \
        | sha256sum | cut -c1-16)
    [[ -f $directory/key && $(cat "$directory/key") == "$key" ]] && return 0
    log "packing $name"
    rm -rf "$directory"
    mkdir -p "$directory"
    for root in "$@"; do arguments+=(--layer "$root" --created-by "$(basename "$root")"); done
    python3 "$PACK" --tag "plimsoll/$name:bench" "${arguments[@]}" --compression gzip \
        --oci-layout "$directory/oci" --work "$directory/work" --metadata "$directory/metadata.json" >/dev/null
    rm -rf "$directory/work"
    echo "$key" >"$directory/key"
}

"$REPO/scripts/fixtures/build-rootfs.sh" debian
"$REPO/scripts/fixtures/build-app-root.sh"
pack app-on-debian "$CACHE/rootfs/debian-bookworm" "$CACHE/rootfs/app-mixed"

image="$BENCH/images/app-on-debian"
scan="'$PLIMSOLL_BIN' scan oci-layout:$image/oci --format json --skip-vulnerabilities --scanners vuln --output /dev/null"
log "hyperfine ($RUNS runs)"
hyperfine --runs "$RUNS" --warmup 1 --style basic --export-json "$BENCH/app.json" \
    -n "plimsoll all" "$scan" \
    -n "plimsoll os" "$scan --package-types os" \
    -n "syft all" "syft scan -q oci-dir:$image/oci -o syft-json=/dev/null" \
    -n "syft os" "syft scan -q oci-dir:$image/oci --select-catalogers os -o syft-json=/dev/null" \
    >"$BENCH/app.txt" 2>&1 || { cat "$BENCH/app.txt" >&2; exit 1; }

# Package counts and peak memory, one run each, for the table.
measure() { # NAME OUTPUT COMMAND...: runs once under /usr/bin/time, peak RSS in KB to $BENCH/NAME.rss
    local name=$1 output=$2; shift 2
    /usr/bin/time -f %M -o "$BENCH/$name.rss" "$@" >/dev/null
}
measure plimsoll-all "$BENCH/app-all-plimsoll.json" "$PLIMSOLL_BIN" scan "oci-layout:$image/oci" --format json \
    --skip-vulnerabilities --scanners vuln --output "$BENCH/app-all-plimsoll.json"
measure plimsoll-os "$BENCH/app-os-plimsoll.json" "$PLIMSOLL_BIN" scan "oci-layout:$image/oci" --format json \
    --skip-vulnerabilities --scanners vuln --package-types os --output "$BENCH/app-os-plimsoll.json"
measure syft-all "$BENCH/app-all-syft.json" syft scan -q "oci-dir:$image/oci" -o "syft-json=$BENCH/app-all-syft.json"
measure syft-os "$BENCH/app-os-syft.json" syft scan -q "oci-dir:$image/oci" --select-catalogers os \
    -o "syft-json=$BENCH/app-os-syft.json"

date=$(date -u +%Y-%m-%d)
REPORT="$REPO/scripts/bench/results/app-$date.md"
mkdir -p "$(dirname "$REPORT")"
python3 - "$BENCH/app.json" "$image/metadata.json" "$BENCH" "$RUNS" \
    "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average at the start $(cut -d' ' -f1-3 /proc/loadavg)" \
    "$("$PLIMSOLL_BIN" --version 2>/dev/null || echo unknown) (repository at $(git -C "$REPO" rev-parse --short HEAD))" \
    "$(syft version | awk '/^Version/ {print $2}')" "$date" >"$REPORT" <<'PY'
import collections, json, statistics, sys
results, meta, bench, runs, machine, plimsoll, syft, date = sys.argv[1:]
results = {r["command"]: r for r in json.load(open(results))["results"]}
layers = json.load(open(meta))["layers"]
compressed, tar = sum(l["size"] for l in layers), sum(l["tarSize"] for l in layers)
def counts(path):
    document = json.load(open(path))
    items = document.get("packages") or document.get("artifacts") or []
    c = collections.Counter(item["type"] for item in items)
    return f"{len(items)} (" + ", ".join(f"{k} {v}" for k, v in sorted(c.items())) + ")"
print(f"# Language analyzers' cost benchmark, {date}\n")
print(f"Made by `scripts/bench/bench-app.sh` on {machine}; plimsoll {plimsoll}; syft {syft}. hyperfine, {runs} runs")
print("after one warm-up, page cache hot; wall-time medians; peak RSS from one run under /usr/bin/time.")
print(f"Image app-on-debian: {len(layers)} gzip layers, {compressed / 1e6:.1f} MB compressed, {tar / 1e6:.1f} MB of tar")
print("(debootstrap bookworm minbase, then the application tree of build-app-root.sh).\n")
print("| tool | analyzers | median wall s | min–max s | CPU s (user+sys, mean) | peak RSS MB | packages found |")
print("|---|---|---|---|---|---|---|")
for tool in ("plimsoll", "syft"):
    for kind in ("all", "os"):
        r = results[f"{tool} {kind}"]
        rss = int(open(f"{bench}/{tool}-{kind}.rss").read().split()[-1]) / 1024
        label = {"all": "every analyzer" if tool == "plimsoll" else "every default cataloger",
                 "os": "--package-types os" if tool == "plimsoll" else "--select-catalogers os"}[kind]
        print(f"| {tool} | {label} | **{statistics.median(r['times']):.3f}** | {min(r['times']):.3f}–"
              f"{max(r['times']):.3f} | {r['user'] + r['system']:.3f} | {rss:.0f} | "
              f"{counts(f'{bench}/app-{kind}-{tool}.json')} |")
m = {key: statistics.median(r["times"]) for key, r in results.items()}
print()
print(f"Language analyzers' cost: Plimsoll {m['plimsoll all'] / m['plimsoll os'] - 1:+.1%} over its OS-only scan "
      f"({m['plimsoll all']:.3f} s vs {m['plimsoll os']:.3f} s); Syft {m['syft all'] / m['syft os'] - 1:+.1%} "
      f"({m['syft all']:.3f} s vs {m['syft os']:.3f} s). Full scans: Plimsoll {m['syft all'] / m['plimsoll all']:.1f}x "
      "faster than Syft.")
PY
log "wrote $REPORT"
cat "$REPORT"
