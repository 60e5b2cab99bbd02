#!/usr/bin/env bash
# Times `plimsoll scan --skip-vulnerabilities` on the application image (language packages) against the OS-only
# debootstrap image of the same size class, side by side with Syft on the same images (issue 4, "Fast").
#
#   scripts/bench/bench-app.sh [--runs N]
#
# Plimsoll has no switch to turn its language analyzers off, so "all analyzers vs OS analyzers only" is measured as
# two images of the same size class: app-mixed (scripts/fixtures/build-app-root.sh: PyPI packages, Debian's JARs,
# Node's npm tree, three Go binaries, Debian's Ruby gems; ~165 MB of tar) and debian (debootstrap bookworm minbase,
# OS packages only; ~122 MB of tar), each one gzip layer in an OCI layout; both run every analyzer. Times are also
# given per MB of tar.
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

# pack NAME ROOT: one gzip layer in an OCI layout, once per distinct input.
pack() {
    local name=$1 root=$2 directory="$BENCH/images/$1" key
    key=$( { sha256sum "$PACK"; echo "$root"; ls -l --time-style=+%s "$root.done"; } | sha256sum | cut -c1-16)
    [[ -f $directory/key && $(cat "$directory/key") == "$key" ]] && return 0
    log "packing $name"
    rm -rf "$directory"
    mkdir -p "$directory"
    python3 "$PACK" --tag "plimsoll/$name:bench" --layer "$root" --created-by "$name" --compression gzip \
        --oci-layout "$directory/oci" --work "$directory/work" --metadata "$directory/metadata.json" >/dev/null
    rm -rf "$directory/work"
    echo "$key" >"$directory/key"
}

"$REPO/scripts/fixtures/build-rootfs.sh" debian
"$REPO/scripts/fixtures/build-app-root.sh"
pack app-os-only "$CACHE/rootfs/debian-bookworm"
pack app-mixed "$CACHE/rootfs/app-mixed"

app="$BENCH/images/app-mixed" os="$BENCH/images/app-os-only"
log "hyperfine ($RUNS runs)"
hyperfine --runs "$RUNS" --warmup 1 --style basic --export-json "$BENCH/app.json" \
    -n "plimsoll app-mixed" "'$PLIMSOLL_BIN' scan oci-layout:$app/oci --format json --skip-vulnerabilities --output /dev/null" \
    -n "syft app-mixed" "syft scan -q oci-dir:$app/oci -o syft-json=/dev/null" \
    -n "plimsoll debian (OS only)" "'$PLIMSOLL_BIN' scan oci-layout:$os/oci --format json --skip-vulnerabilities --output /dev/null" \
    -n "syft debian (OS only)" "syft scan -q oci-dir:$os/oci -o syft-json=/dev/null" \
    >"$BENCH/app.txt" 2>&1 || { cat "$BENCH/app.txt" >&2; exit 1; }

# Package counts, one run each, for the table.
"$PLIMSOLL_BIN" scan "oci-layout:$app/oci" --format json --skip-vulnerabilities --output "$BENCH/app-plimsoll.json"
"$PLIMSOLL_BIN" scan "oci-layout:$os/oci" --format json --skip-vulnerabilities --output "$BENCH/os-plimsoll.json"
syft scan -q "oci-dir:$app/oci" -o "syft-json=$BENCH/app-syft.json"
syft scan -q "oci-dir:$os/oci" -o "syft-json=$BENCH/os-syft.json"

date=$(date -u +%Y-%m-%d)
REPORT="$REPO/scripts/bench/results/app-$date.md"
mkdir -p "$(dirname "$REPORT")"
python3 - "$BENCH/app.json" "$app/metadata.json" "$os/metadata.json" "$BENCH" "$RUNS" \
    "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average at the start $(cut -d' ' -f1-3 /proc/loadavg)" \
    "$("$PLIMSOLL_BIN" --version 2>/dev/null || echo unknown) (repository at $(git -C "$REPO" rev-parse --short HEAD))" \
    "$(syft version | awk '/^Version/ {print $2}')" "$date" >"$REPORT" <<'PY'
import collections, json, statistics, sys
results, app_meta, os_meta, bench, runs, machine, plimsoll, syft, date = sys.argv[1:]
results = {r["command"]: r for r in json.load(open(results))["results"]}
def sizes(path):
    layers = json.load(open(path))["layers"]
    return sum(l["size"] for l in layers), sum(l["tarSize"] for l in layers)
def counts(path):
    document = json.load(open(path))
    items = document.get("packages") or document.get("artifacts") or []
    c = collections.Counter(item["type"] for item in items)
    return f"{len(items)} (" + ", ".join(f"{k} {v}" for k, v in sorted(c.items())) + ")"
images = {"app-mixed": sizes(app_meta), "debian (OS only)": sizes(os_meta)}
found = {("plimsoll", "app-mixed"): counts(f"{bench}/app-plimsoll.json"),
         ("syft", "app-mixed"): counts(f"{bench}/app-syft.json"),
         ("plimsoll", "debian (OS only)"): counts(f"{bench}/os-plimsoll.json"),
         ("syft", "debian (OS only)"): counts(f"{bench}/os-syft.json")}
print(f"# Application image benchmark, {date}\n")
print(f"Made by `scripts/bench/bench-app.sh` on {machine}; plimsoll {plimsoll}; syft {syft}. hyperfine, {runs} runs")
print("after one warm-up, page cache hot; wall-time medians. `plimsoll scan --format json --skip-vulnerabilities`,")
print("`syft scan -q oci-dir:... -o syft-json`, both writing to /dev/null.\n")
print("Plimsoll has no switch to turn the language analyzers off, so the OS-only figure is the debootstrap bookworm")
print("minbase image of the same size class (both images run every analyzer; the OS image simply has no language")
print("packages). Time per MB is per MB of uncompressed layer tar.\n")
print("| image | gzip MB | tar MB | tool | median wall s | min–max s | CPU s (user+sys, mean) | wall per tar MB | packages found |")
print("|---|---|---|---|---|---|---|---|---|")
for image, (compressed, tar) in images.items():
    for tool in ("plimsoll", "syft"):
        r = results[f"{tool} {image}"]
        median = statistics.median(r["times"])
        print(f"| {image} | {compressed / 1e6:.1f} | {tar / 1e6:.1f} | {tool} | **{median:.3f}** | "
              f"{min(r['times']):.3f}–{max(r['times']):.3f} | {r['user'] + r['system']:.3f} | "
              f"{median / (tar / 1e6) * 1000:.2f} ms | {found[(tool, image)]} |")
p_app = statistics.median(results["plimsoll app-mixed"]["times"])
p_os = statistics.median(results["plimsoll debian (OS only)"]["times"])
s_app = statistics.median(results["syft app-mixed"]["times"])
s_os = statistics.median(results["syft debian (OS only)"]["times"])
print()
print(f"Plimsoll: {p_app:.3f} s on the application image vs {p_os:.3f} s on the OS-only image "
      f"({p_app / images['app-mixed'][1] * 1e9:.2f} vs {p_os / images['debian (OS only)'][1] * 1e9:.2f} ms per tar MB). "
      f"Syft: {s_app:.3f} s vs {s_os:.3f} s. Plimsoll is {s_app / p_app:.1f}x faster than Syft on the application "
      f"image and {s_os / p_os:.1f}x on the OS-only one.")
PY
log "wrote $REPORT"
cat "$REPORT"
