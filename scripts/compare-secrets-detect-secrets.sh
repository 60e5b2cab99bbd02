#!/usr/bin/env bash
# Scores Plimsoll's secret scanning and detect-secrets (Yelp, the peer tool) on the same input: the secrets fixture
# (scripts/fixtures/build-secrets-image.sh) and its clean control (build-secrets-control.sh), with
# scripts/score-secrets.py, and prints both tools' figures side by side.
#
#   scripts/compare-secrets-detect-secrets.sh [--min-recall R] [--max-control-findings N]
#
# detect-secrets scans files, not images, so every layer is extracted into a folder of its own (files a later layer
# deletes included; whiteouts, symlinks and device files left out; hardlinks as copies) and scanned once per layer
# diff_id (the Debian base layer is shared by both images); the image config goes to config/Env.txt (one entry a
# line), config/Labels.txt (KEY=VALUE a line), config/Cmd.txt, and history.txt (created_by of history entry N on
# line N+1). Results map back to image paths ("/etc/shadow", "config:Env", "history:N") and the layer the folder came
# from, and are written in the shape of Plimsoll's `secrets` report (match left empty: detect-secrets reports only
# a hash) so that the same scorer scores both.
#
# The Plimsoll half runs `plimsoll scan oci-layout:DIR --scanners secret --format json` ($PLIMSOLL_BIN, else
# .build/release/plimsoll, else .build/debug/plimsoll); it is skipped with a message when there is no binary, the
# command fails, or its report has no `secrets` key. The threshold options apply to Plimsoll only.
#
# Environment: PLIMSOLL_FIXTURE_CACHE (default /var/tmp/plimsoll-fixtures); results in $CACHE/results/secrets/.
# Needs PyPI once (detect-secrets==1.5.0 when it is missing).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}
SCORE="$REPO/scripts/score-secrets.py"
OUT="$CACHE/results/secrets"
WORK="$CACHE/detect-secrets"
DETECT_SECRETS_VERSION=1.5.0
MIN_RECALL="" MAX_CONTROL=""
while (($#)); do
    case $1 in
        --min-recall) MIN_RECALL=$2; shift 2 ;;
        --max-control-findings) MAX_CONTROL=$2; shift 2 ;;
        -h | --help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
log() { printf '[compare-secrets] %s\n' "$*" >&2; }

if ! command -v detect-secrets >/dev/null 2>&1; then
    PATH="$PATH:$(python3 -m site --user-base)/bin"
fi
if ! command -v detect-secrets >/dev/null 2>&1; then
    log "pip install detect-secrets==$DETECT_SECRETS_VERSION"
    python3 -m pip install -q --disable-pip-version-check "detect-secrets==$DETECT_SECRETS_VERSION" 2>/dev/null \
        || python3 -m pip install -q --disable-pip-version-check --break-system-packages \
            "detect-secrets==$DETECT_SECRETS_VERSION"
    hash -r
    command -v detect-secrets >/dev/null 2>&1 || PATH="$PATH:$(python3 -m site --user-base)/bin"
fi
DS_VERSION=$(detect-secrets --version)

FIXTURE=$("$REPO/scripts/fixtures/build-secrets-image.sh")
CONTROL=$("$REPO/scripts/fixtures/build-secrets-control.sh")
EXPECTED="$FIXTURE/expected.json"
mkdir -p "$OUT" "$WORK/layers" "$WORK/results"

# detect_secrets_report IMAGE_DIR OUTPUT: extract (once per layer), scan (once per layer), convert.
detect_secrets_report() {
    python3 - "$1/oci" "$WORK" "$2" <<'PY'
import hashlib, json, os, shutil, subprocess, sys, tarfile
layout, work, output = sys.argv[1:4]

def blob(digest):
    return os.path.join(layout, "blobs", "sha256", digest.split(":")[1])

index = json.load(open(os.path.join(layout, "index.json")))
manifest = json.load(open(blob(index["manifests"][0]["digest"])))
config = json.load(open(blob(manifest["config"]["digest"])))
diff_ids = config["rootfs"]["diff_ids"]

def extract(layer_blob, target):
    """Every regular file and directory of the layer tar; whiteouts, links to elsewhere and devices left out."""
    if os.path.exists(target + "/.done"):
        return
    shutil.rmtree(target, ignore_errors=True)
    partial = target + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(partial)
    with tarfile.open(layer_blob) as archive:
        for member in archive:
            name = member.name.lstrip("./").lstrip("/")
            base = os.path.basename(name)
            if not name or base.startswith(".wh.") or ".." in name.split("/"):
                continue
            path = os.path.join(partial, name)
            if member.isdir():
                os.makedirs(path, exist_ok=True)
            elif member.isreg() or member.islnk():
                os.makedirs(os.path.dirname(path), exist_ok=True)
                source = archive.extractfile(member)
                if source is None:
                    continue
                with open(path, "wb") as handle:
                    shutil.copyfileobj(source, handle)
                os.chmod(path, 0o644)
    for root, directories, _ in os.walk(partial):
        for directory in directories:
            os.chmod(os.path.join(root, directory), 0o755)
    os.replace(partial, target)
    open(target + "/.done", "w").close()

def scan(folder, result):
    if os.path.exists(result):
        return json.load(open(result))
    completed = subprocess.run(["detect-secrets", "scan", "--all-files", "."], cwd=folder, capture_output=True,
                               check=True)
    data = json.loads(completed.stdout)
    with open(result + ".partial", "w") as handle:
        json.dump(data, handle)
    os.replace(result + ".partial", result)
    return data

findings = []
def add(results, path_of, layer_of, source_of):
    for filename, secrets in sorted(results.get("results", {}).items()):
        for secret in secrets:
            path, line = path_of(filename, secret["line_number"])
            if path is None:
                continue
            finding = {"ruleId": secret["type"], "category": "secret", "title": secret["type"], "severity": "unknown",
                       "path": path, "layer": {"index": layer_of(filename, secret["line_number"])},
                       "match": "", "source": source_of(filename)}
            if line is not None:
                finding["line"] = line
            findings.append(finding)

for layer_index, (descriptor, diff_id) in enumerate(zip(manifest["layers"], diff_ids)):
    folder = os.path.join(work, "layers", diff_id.split(":")[1][:32])
    extract(blob(descriptor["digest"]), folder)
    results = scan(folder, os.path.join(work, "results", diff_id.split(":")[1][:32] + ".json"))
    add(results, lambda name, line: ("/" + os.path.normpath(name).lstrip("./"), line),
        lambda name, line, index=layer_index: index, lambda name: "file")

# The configuration and the history, as text files.
key = manifest["config"]["digest"].split(":")[1][:32]
folder = os.path.join(work, "config", key)
os.makedirs(os.path.join(folder, "config"), exist_ok=True)
runtime = config.get("config", {})
with open(os.path.join(folder, "config", "Env.txt"), "w") as handle:
    handle.write("".join(entry + "\n" for entry in runtime.get("Env") or []))
with open(os.path.join(folder, "config", "Labels.txt"), "w") as handle:
    handle.write("".join(f"{k}={v}\n" for k, v in (runtime.get("Labels") or {}).items()))
with open(os.path.join(folder, "config", "Cmd.txt"), "w") as handle:
    handle.write(json.dumps(runtime.get("Cmd") or []) + "\n")
history = config.get("history", [])
with open(os.path.join(folder, "history.txt"), "w") as handle:
    handle.write("".join(entry.get("created_by", "").replace("\n", " ") + "\n" for entry in history))
history_layer, layer = [], 0
for entry in history:
    history_layer.append(None if entry.get("empty_layer") else layer)
    layer += 0 if entry.get("empty_layer") else 1
results = scan(folder, os.path.join(work, "results", f"config-{key}.json"))
sources = {"config/Env.txt": ("config:Env", "environment"), "config/Labels.txt": ("config:Labels", "label"),
           "config/Cmd.txt": ("config:Cmd", "command")}

def config_path(name, line):
    name = os.path.normpath(name)
    if name == "history.txt":
        return f"history:{line - 1}", None
    return (sources[name][0], line) if name in sources else (None, None)

add(results, config_path,
    lambda name, line: history_layer[line - 1] if os.path.normpath(name) == "history.txt" else None,
    lambda name: "history" if os.path.normpath(name) == "history.txt" else sources.get(os.path.normpath(name),
                                                                                      ("", "file"))[1])
with open(output, "w") as handle:
    json.dump({"tool": "detect-secrets", "image": index["manifests"][0]["digest"], "secrets": findings}, handle,
              indent=1)
print(f"{len(findings)} detect-secrets findings", file=sys.stderr)
PY
}

started=$(date +%s)
log "detect-secrets $DS_VERSION on the fixture"
detect_secrets_report "$FIXTURE" "$OUT/detect-secrets-fixture.json"
log "detect-secrets $DS_VERSION on the control"
detect_secrets_report "$CONTROL" "$OUT/detect-secrets-control.json"
# The summary keeps detect-secrets' figures; the full listing (every miss and false positive) goes to a file.
python3 "$SCORE" "$OUT/detect-secrets-fixture.json" "$EXPECTED" --control "$OUT/detect-secrets-control.json" \
    --label "detect-secrets $DS_VERSION" --summary-json "$OUT/detect-secrets-summary.json" \
    >"$OUT/detect-secrets-score.txt" || true
log "detect-secrets scored: $OUT/detect-secrets-score.txt"

plimsoll_status=skipped plimsoll_reason=""
rm -f "$OUT"/plimsoll-*  # never score or show a previous run's report
PLIMSOLL_BIN=${PLIMSOLL_BIN:-}
if [[ -z $PLIMSOLL_BIN ]]; then
    for candidate in "$REPO/.build/release/plimsoll" "$REPO/.build/debug/plimsoll"; do
        [[ -x $candidate ]] && { PLIMSOLL_BIN=$candidate; break; }
    done
fi
if [[ -z $PLIMSOLL_BIN ]]; then
    plimsoll_reason="no plimsoll binary (set PLIMSOLL_BIN or swift build -c release --product plimsoll)"
else
    scan_ok=1
    for image in fixture control; do
        directory=$FIXTURE; [[ $image == control ]] && directory=$CONTROL
        if ! "$PLIMSOLL_BIN" scan "oci-layout:$directory/oci" --scanners secret --format json \
                --output "$OUT/plimsoll-$image.json" >"$OUT/plimsoll-$image.log" 2>&1; then
            scan_ok=0
            plimsoll_reason="\`plimsoll scan --scanners secret\` failed on the $image: $(grep -m1 . "$OUT/plimsoll-$image.log" | cut -c1-160)"
            break
        fi
    done
    if ((scan_ok)); then
        if python3 -c 'import json,sys; sys.exit(0 if "secrets" in json.load(open(sys.argv[1])) else 1)' \
                "$OUT/plimsoll-fixture.json"; then
            thresholds=()
            [[ -n $MIN_RECALL ]] && thresholds+=(--min-recall "$MIN_RECALL")
            [[ -n $MAX_CONTROL ]] && thresholds+=(--max-control-findings "$MAX_CONTROL")
            if python3 "$SCORE" "$OUT/plimsoll-fixture.json" "$EXPECTED" --control "$OUT/plimsoll-control.json" \
                    --label plimsoll --summary-json "$OUT/plimsoll-summary.json" "${thresholds[@]}" \
                    >"$OUT/plimsoll-score.txt"; then
                plimsoll_status=pass
            else
                plimsoll_status=fail
            fi
        else
            plimsoll_reason="Plimsoll's report has no \`secrets\` key (secret scanning not wired into scan yet)"
        fi
    fi
fi

python3 - "$OUT/detect-secrets-summary.json" "$OUT/plimsoll-summary.json" "$plimsoll_status" <<'PY'
import json, os, sys
columns = [("detect-secrets", sys.argv[1])]
if sys.argv[3] != "skipped" and os.path.exists(sys.argv[2]):
    columns.insert(0, ("plimsoll", sys.argv[2]))
summaries = [(name, json.load(open(path))) for name, path in columns]
def cell(summary, key):
    if key == "recall":
        return f"{summary['matched']}/{summary['items']} = {summary['recall']:.3f}"
    if key == "precision":
        return f"{summary['trueLocations']}/{summary['locations']} = {summary['precision']:.3f}"
    if key.startswith("category:"):
        found, total = summary["recallByCategory"].get(key.split(":")[1], [0, 0])
        return f"{found}/{total}"
    if key == "control":
        return f"{summary.get('controlFindings', '-')} in {summary.get('controlFiles', '-')} files"
    return str(summary.get(key, "-"))
rows = [("recall", "recall (all items)"), ("category:secret", "  secrets"),
        ("category:sensitiveFile", "  sensitive files"), ("category:certificate", "  certificates"),
        ("category:filesystem", "  file-system hygiene"), ("precision", "precision (fixture)"),
        ("control", "control findings (target 0)"), ("findings", "findings on the fixture")]
print(f"{'':32}" + "".join(f"{name:>26}" for name, _ in summaries))
for key, title in rows:
    print(f"{title:32}" + "".join(f"{cell(summary, key):>26}" for _, summary in summaries))
PY
if [[ $plimsoll_status == skipped ]]; then
    echo "SKIP plimsoll: $plimsoll_reason"
else
    tail -n 1 "$OUT/plimsoll-score.txt"
fi
echo "details: $OUT/{detect-secrets,plimsoll}-score.txt ($(($(date +%s) - started)) s)"
[[ $plimsoll_status != fail ]]
