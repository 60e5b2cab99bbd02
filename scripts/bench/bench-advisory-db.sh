#!/usr/bin/env bash
# Measures the advisory database on synthetic OSV data: import time and file size, and lookup time.
#
#   scripts/bench/bench-advisory-db.sh [--records N] [--runs N]
#
# 1. scripts/bench/generate-osv.py writes N records (default 100,000) shaped like OSV's into all.zip, and 1,000
#    lookups (two thirds of them hits) into queries.tsv; both are cached in $PLIMSOLL_FIXTURE_CACHE/osv-<N>.
# 2. `plimsoll db import` of the archive, RUNS times (default 3): wall and CPU time, peak RSS, file size per 10,000
#    records; also with --details-length 0 and --full-details.
# 3. `plimsoll db query --queries queries.tsv --timing`, RUNS x 3 times: the time of the one batch of 1,000 lookups
#    inside the process (a fresh process each time, as a scan opens the database once), wall and CPU.
# Results: scripts/bench/results/advisory-db-<date>.md.
#
# Environment: PLIMSOLL_FIXTURE_CACHE (default /var/tmp/plimsoll-fixtures), PLIMSOLL_BIN (default: build it).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}
RECORDS=100000
RUNS=3
while (($#)); do
    case $1 in
        --records) RECORDS=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        *) echo "usage: $0 [--records N] [--runs N]" >&2; exit 2 ;;
    esac
    shift
done

log() { printf '[bench] %s\n' "$*" >&2; }
median() { sort -g | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'; }

[[ -x /usr/bin/time ]] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
if [[ -z ${PLIMSOLL_BIN:-} ]]; then
    log "building plimsoll (release)"
    (cd "$REPO" && swift build -c release --product plimsoll 2>&1 | tail -n 1 >&2)
    PLIMSOLL_BIN="$REPO/.build/release/plimsoll"
fi

DATA="$CACHE/osv-$RECORDS"
if [[ ! -f $DATA/all.zip || ! -f $DATA/queries.tsv ]]; then
    log "generating $RECORDS records in $DATA"
    python3 "$REPO/scripts/bench/generate-osv.py" --records "$RECORDS" --out "$DATA" >&2
fi
WORK=$(mktemp -d "$CACHE/bench-advisory-db.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

import_once() { # database, extra options…
    local database=$1
    shift
    rm -f "$database"
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$PLIMSOLL_BIN" db import --db "$database" "$@" "$DATA/all.zip" >/dev/null
    cat "$WORK/time"
}

log "importing $RECORDS records, $RUNS runs"
: >"$WORK/imports"
for _ in $(seq "$RUNS"); do import_once "$WORK/advisories.db" >>"$WORK/imports"; done
wall=$(cut -d' ' -f1 "$WORK/imports" | median)
cpu=$(awk '{ print $2 + $3 }' "$WORK/imports" | median)
rss=$(cut -d' ' -f4 "$WORK/imports" | median)
size=$(stat -c %s "$WORK/advisories.db")
per10k() { awk -v size="$1" -v records="$RECORDS" 'BEGIN { printf "%.1f MB", size / records * 10000 / 1e6 }'; }
import_once "$WORK/no-details.db" --details-length 0 >/dev/null
import_once "$WORK/full-details.db" --full-details >/dev/null

log "1,000 lookups, $((RUNS * 3)) processes"
: >"$WORK/lookups"
for _ in $(seq $((RUNS * 3))); do
    "$PLIMSOLL_BIN" db query --db "$WORK/advisories.db" --queries "$DATA/queries.tsv" --timing 2>&1 >/dev/null \
        | sed -E 's/.* in ([0-9.]+) ms \(([0-9.]+) ms of CPU\)/\1 \2/' >>"$WORK/lookups"
done
lookup_wall=$(cut -d' ' -f1 "$WORK/lookups" | median)
lookup_cpu=$(cut -d' ' -f2 "$WORK/lookups" | median)
hits=$("$PLIMSOLL_BIN" db query --db "$WORK/advisories.db" --queries "$DATA/queries.tsv" | cut -f3 | sort -u | wc -l)

mkdir -p "$REPO/scripts/bench/results"
RESULT="$REPO/scripts/bench/results/advisory-db-$(date -u +%Y-%m-%d).md"
{
    echo "# Advisory database, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "Synthetic OSV data from scripts/bench/generate-osv.py: $RECORDS records, $(stat -c %s "$DATA/all.zip" | awk '{ printf "%.1f MB", $1 / 1e6 }') zipped."
    echo
    echo "| measure | median of $RUNS |"
    echo "|---|---|"
    echo "| \`db import\` of all.zip, wall | $wall s |"
    echo "| \`db import\`, CPU (user + sys) | $cpu s |"
    echo "| \`db import\`, peak RSS | $((rss / 1024)) MB |"
    echo "| file size per 10,000 records, details up to 1,000 characters (default) | $(per10k "$size") |"
    echo "| file size per 10,000 records, no details | $(per10k "$(stat -c %s "$WORK/no-details.db")") |"
    echo "| file size per 10,000 records, full details | $(per10k "$(stat -c %s "$WORK/full-details.db")") |"
    echo "| 1,000 lookups in one batch (${hits} packages with advisories), wall, median of $((RUNS * 3)) | $lookup_wall ms |"
    echo "| the same, CPU | $lookup_cpu ms |"
} | tee "$RESULT"
log "wrote $RESULT"
