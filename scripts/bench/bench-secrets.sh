#!/usr/bin/env bash
# What secret scanning costs on a large image (issue 5, "Fast": under 30% over an inventory-only scan of a 1 GB
# image), in one hyperfine run.
#
#   scripts/bench/bench-secrets.sh [--runs N]
#
# The image, big-text, is four gzip layers in an OCI layout, about 1.4 GB of tar, most of it text a secret scanner
# must read: debootstrap bookworm minbase (scripts/fixtures/build-rootfs.sh), the application tree of
# scripts/fixtures/build-app-root.sh, the 42-package PyPI tree of scripts/fixtures/build-secrets-control.sh, and this
# machine's /usr/share (documentation, Perl, Python, data files) as a layer of its own (placed at the layer's root,
# so the secret scanner's skipped trees such as usr/share/doc do not apply: every file is read).
# Three commands, all `plimsoll scan --skip-vulnerabilities --format json`:
#   --scanners vuln            the inventory only
#   --scanners vuln,secret     the inventory and the secret scan (the default `plimsoll scan`)
#   --scanners secret          the secret scan alone (OS analyzers only, for file ownership)
# hyperfine, N runs (default 3) after one warm-up, medians. Results: scripts/bench/results/secrets-<date>.md.
#
# Environment: PLIMSOLL_FIXTURE_CACHE (default /var/tmp/plimsoll-fixtures), PLIMSOLL_BIN (default: .build/release).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}
BENCH="$CACHE/bench"
PACK="$REPO/scripts/fixtures/pack-image.py"
RUNS=3
while (($#)); do
    case $1 in
        --runs) RUNS=$2; shift ;;
        *) echo "usage: $0 [--runs N]" >&2; exit 2 ;;
    esac
    shift
done
export TMPDIR="$CACHE/tmp"
mkdir -p "$BENCH/images" "$TMPDIR"
log() { printf '[bench-secrets] %s\n' "$*" >&2; }

command -v hyperfine >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
PLIMSOLL_BIN=${PLIMSOLL_BIN:-$REPO/.build/release/plimsoll}
if [[ ! -x $PLIMSOLL_BIN ]]; then
    (cd "$REPO" && swift build -c release --product plimsoll) >"$BENCH/swift-build.log" 2>&1
fi

"$REPO/scripts/fixtures/build-rootfs.sh" debian
"$REPO/scripts/fixtures/build-app-root.sh"
"$REPO/scripts/fixtures/build-secrets-control.sh" >/dev/null

image="$BENCH/images/big-text"
roots=("$CACHE/rootfs/debian-bookworm" "$CACHE/rootfs/app-mixed" "$CACHE/rootfs/secrets-control-pypi" /usr/share)
key=$( { sha256sum "$PACK"; for root in "${roots[@]}"; do echo "$root"; cat "$root.done" 2>/dev/null || true; done; } \
    | sha256sum | cut -c1-16)
if [[ ! -f $image/key || $(cat "$image/key") != "$key" ]]; then
    log "packing big-text (about 1.4 GB of tar)"
    rm -rf "$image"
    mkdir -p "$image"
    arguments=()
    for root in "${roots[@]}"; do arguments+=(--layer "$root" --created-by "$(basename "$root")"); done
    python3 "$PACK" --tag plimsoll/big-text:bench "${arguments[@]}" --compression gzip --oci-layout "$image/oci" \
        --work "$image/work" --metadata "$image/metadata.json" >/dev/null
    rm -rf "$image/work"
    echo "$key" >"$image/key"
fi

scan="'$PLIMSOLL_BIN' scan oci-layout:$image/oci --skip-vulnerabilities --format json --output /dev/null"
log "hyperfine ($RUNS runs)"
hyperfine --runs "$RUNS" --warmup 1 --style basic --export-json "$BENCH/secrets.json" \
    -n "inventory only" "$scan --scanners vuln" \
    -n "inventory and secrets" "$scan --scanners vuln,secret" \
    -n "secrets only" "$scan --scanners secret" \
    >"$BENCH/secrets.txt" 2>&1 || { cat "$BENCH/secrets.txt" >&2; exit 1; }
for kind in vuln vuln,secret secret; do
    /usr/bin/time -f %M -o "$BENCH/secrets-${kind/,/-}.rss" "$PLIMSOLL_BIN" scan "oci-layout:$image/oci" \
        --skip-vulnerabilities --scanners "$kind" --format json --output "$BENCH/secrets-${kind/,/-}.json"
done

date=$(date -u +%Y-%m-%d)
REPORT="$REPO/scripts/bench/results/secrets-$date.md"
python3 - "$BENCH" "$image/metadata.json" "$RUNS" \
    "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average at the start $(cut -d' ' -f1-3 /proc/loadavg)" \
    "$("$PLIMSOLL_BIN" --version 2>/dev/null || echo unknown) (repository at $(git -C "$REPO" rev-parse --short HEAD))" \
    "$date" >"$REPORT" <<'PY'
import json, statistics, sys
bench, meta, runs, machine, plimsoll, date = sys.argv[1:]
results = {r["command"]: r for r in json.load(open(f"{bench}/secrets.json"))["results"]}
layers = json.load(open(meta))["layers"]
compressed, tar = sum(l["size"] for l in layers), sum(l["tarSize"] for l in layers)
def rss(kind): return int(open(f"{bench}/secrets-{kind}.rss").read().split()[-1]) / 1024
def found(kind):
    report = json.load(open(f"{bench}/secrets-{kind}.json"))
    return f"{len(report['packages'])} packages, " + (f"{len(report['secrets'])} secret findings" if "secrets" in report else "no secret scan")
print(f"# Secret scanning cost benchmark, {date}\n")
print(f"Made by `scripts/bench/bench-secrets.sh` on {machine}; plimsoll {plimsoll}. hyperfine, {runs} runs after one")
print(f"warm-up, page cache hot; wall-time medians; peak RSS from one run. Image big-text: {len(layers)} gzip layers,")
print(f"{compressed / 1e6:.0f} MB compressed, {tar / 1e6:.0f} MB of tar.\n")
print("| scan | median wall s | min–max s | CPU s (user+sys, mean) | peak RSS MB | found |")
print("|---|---|---|---|---|---|")
for name, kind in (("inventory only", "vuln"), ("inventory and secrets", "vuln-secret"), ("secrets only", "secret")):
    r = results[name]
    print(f"| {name} | **{statistics.median(r['times']):.3f}** | {min(r['times']):.3f}–{max(r['times']):.3f} | "
          f"{r['user'] + r['system']:.3f} | {rss(kind):.0f} | {found(kind)} |")
base = statistics.median(results["inventory only"]["times"])
both = statistics.median(results["inventory and secrets"]["times"])
cpu_base = results["inventory only"]["user"] + results["inventory only"]["system"]
cpu_both = results["inventory and secrets"]["user"] + results["inventory and secrets"]["system"]
print()
print(f"Secret scanning adds {both / base - 1:+.1%} wall time ({both:.3f} s vs {base:.3f} s) and "
      f"{cpu_both / cpu_base - 1:+.1%} CPU ({cpu_both:.2f} s vs {cpu_base:.2f} s) to the inventory-only scan; "
      f"{tar / 1e6 / (both - base) if both > base else float('inf'):.0f} MB of tar per extra wall second.")
PY
log "wrote $REPORT"
cat "$REPORT"
