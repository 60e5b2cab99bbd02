#!/usr/bin/env python3
"""Compares the OS and language packages two SBOM-ish documents list, per ecosystem, by (name, version).

  compare-with-syft.py OURS THEIRS [--min-recall R] [--min-precision P] [--ecosystems deb,rpm,apk] [--label TEXT]

Each document may be a Plimsoll JSON report (`scan --format json`), a Syft JSON document (`syft -o syft-json`),
CycloneDX JSON or SPDX 2.x JSON; the format is detected from its keys. OURS is Plimsoll's, THEIRS the reference
(Syft's). Recall is |both| / |theirs|, precision |both| / |ours|, per ecosystem. Every difference is printed, and each
one listed in ACCEPTED below is marked with the reason it is accepted. Exit status 1 when an ecosystem's recall or
precision is below the thresholds, or when a difference is not accepted and --strict is given.

With --min-purl-agreement, the purls of the packages both list must also be equal (percent-decoded, qualifiers
sorted) in at least that share of them.

Versions are compared as the package manager prints them, epoch included: `1:2.36-9` for dpkg, `2:7.76.1-26.el9` for
rpm (a report that keeps the rpm epoch apart, as Plimsoll's does, is put back together first; epoch 0 and no epoch are
the same). Language packages (--ecosystems pypi,npm,maven,golang,...) are compared by their package-URL type, with
each ecosystem's name normalisation (see normalized_name): Syft's `python` is pypi, `java-archive` maven (named
`group:artifact` from its purl), `go-module` golang, and so on.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
from collections import defaultdict

OS_ECOSYSTEMS = ("deb", "rpm", "apk")
LANGUAGE_ECOSYSTEMS = ("pypi", "npm", "maven", "golang", "gem", "composer", "cargo", "nuget")

# Syft's artifact types, named by the package-URL type Plimsoll reports them under.
SYFT_TYPES = {"python": "pypi", "npm": "npm", "java-archive": "maven", "jenkins-plugin": "maven",
              "go-module": "golang", "gem": "gem", "php-composer": "composer", "rust-crate": "cargo",
              "dotnet": "nuget"}


def normalized_name(ecosystem: str, name: str, purl: str | None) -> str:
    """A language package's name as its ecosystem compares names: PEP 503 for PyPI (case-folded, runs of `-_.` as
    one `-`), `group:artifact` for Maven (Syft names a JAR by its artifact and keeps the group in the purl), the
    module path for Go, the (scoped) package name for npm; names are case-folded where the registry is
    case-insensitive (PyPI, NuGet, Composer)."""
    if ecosystem == "pypi":
        return re.sub(r"[-_.]+", "-", name).lower()
    if ecosystem == "maven" and ":" not in name and purl:
        _, purl_name, _, _ = parse_purl(purl)
        body = purl[len("pkg:"):].partition("?")[0].partition("#")[0].partition("@")[0]
        parts = [urllib.parse.unquote(part) for part in body.split("/")]
        if len(parts) >= 3:
            return f"{'/'.join(parts[1:-1])}:{purl_name}"
    if ecosystem in ("nuget", "composer"):
        return name.lower()
    return name

# Differences seen on the integration fixtures and accepted, with why. Each key is (label, ecosystem, name, side): the
# label is the image (--label; "*" for any), side is "ours" (only Plimsoll lists it) or "theirs" (only Syft lists it).
# The value is the reason, printed next to the difference.
ACCEPTED: dict[tuple[str, str, str, str], str] = {
    # debian-2layer's layer 2 runs `dpkg --remove adduser`, which leaves adduser in var/lib/dpkg/status as
    # "Status: deinstall ok config-files" (only its conffile /etc/deluser.conf remains). Syft 1.18.1 lists every
    # stanza of the status file whatever its Status field says (checked by hand: it also lists "half-installed" and
    # "not-installed" stanzas); dpkg itself, `dpkg -l` ("rc") and Plimsoll do not count it as installed.
    ("debian-2layer", "deb", "adduser", "theirs"):
        "Syft lists dpkg stanzas that are not installed (Status: deinstall ok config-files)",
    # Go main modules: Plimsoll reports a binary's main module only when the build info gives it a version (see
    # Sources/Ecosystems/Go/GoBuildInfo+Packages.swift, a deliberate difference); Syft 1.18.1 also guesses the version of
    # a `(devel)` main module from -ldflags `-X .../version.Version=28.2.2`. Docker's CLI is built that way.
    ("app-mixed", "golang", "github.com/docker/cli/cmd/docker", "theirs"):
        "Syft takes a (devel) main module's version from -ldflags; Plimsoll never guesses it (deliberate)",
    # A package-lock.json's root project (its `packages[""]` entry: typeprof's VS Code extension, inside the typeprof
    # gem) is the project the lock file belongs to, not one of its dependencies; Syft lists it, Plimsoll leaves it out
    # (deliberate, Sources/Ecosystems/npm/NPMLockfile.swift).
    ("app-mixed", "npm", "ruby-typeprof", "theirs"):
        "the lock file's root project (packages[\"\"]) is not a dependency; Plimsoll leaves it out (deliberate)",
    # opt/legacy/log4j-core-2.14.1.jar has no META-INF at all (build-app-root.sh strips it, as hand-copied jars are):
    # Syft 1.18.1 reports nothing for it; Plimsoll names it from the file name and the artifact's well-known group,
    # marked confidence "low", so that Log4Shell matches it.
    ("app-mixed", "maven", "org.apache.logging.log4j:log4j-core", "ours"):
        "a jar with no Maven metadata or manifest: Syft skips it, Plimsoll guesses it from its file name (low confidence)",
}

# Differences that are bugs of Plimsoll's, known and not yet fixed: NOT accepted, printed as KNOWN BUG so that every
# run shows them, and not failing --strict so that the thresholds (set to today's figures) guard the rest. Remove an
# entry when the bug is fixed. Keys as in ACCEPTED.
# Plimsoll reads the development lock files shipped inside installed gems (gems/rbs-2.1.0/steep/Gemfile.lock,
# gems/typeprof-0.21.2/Gemfile.lock, gems/typeprof-0.21.2/vscode/package-lock.json) as if their packages were
# installed; Syft (like Trivy) reads no lock files in an image.
LOCK_FILES_INSIDE_GEMS = "a lock file inside an installed gem's folder read as installed packages"
KNOWN_BUGS: dict[tuple[str, str, str, str], str] = {}


def known_bug(label: str, ecosystem: str, name: str, side: str) -> str | None:
    return KNOWN_BUGS.get((label, ecosystem, name, side)) or KNOWN_BUGS.get(("*", ecosystem, name, side))


# Rules for whole classes of differences: (ecosystem, side, predicate on (name, version), reason).
ACCEPTED_RULES = [
    # Main modules built from a checkout, and dependencies replaced by a local folder (`=> ./internal/x (devel)`):
    # no version, and a path that only means something on the build machine; Plimsoll leaves them out (deliberate).
    ("golang", "theirs", lambda name, version: version == "(devel)",
     "Go module without a version ((devel) main module or a `=> ./dir` replacement); Plimsoll leaves these out"),
]

# Purl differences accepted: (ecosystem, predicate on (ours, theirs) canonical purls, reason).
ACCEPTED_PURL_RULES = [
    # Syft 1.18.1 cuts every Go module path after its third segment and puts the rest in the purl's subpath
    # (pkg:golang/github.com/aws/aws-sdk-go-v2@v1.75.2#service/s3), although github.com/aws/aws-sdk-go-v2/service/s3
    # is a module of its own; Plimsoll writes the whole module path as namespace/name, as OSV and the Go proxy name it.
    ("golang", lambda ours, theirs: go_subpath_joined(theirs) == ours,
     "Syft splits Go module paths after 3 segments into the purl subpath; Plimsoll keeps the module path whole"),
]


def go_subpath_joined(purl: str) -> str:
    body, _, subpath = purl.partition("#")
    if not subpath:
        return purl
    path, _, version = body.rpartition("@")
    return f"{path}/{subpath}@{version}"


def accepted(label: str, ecosystem: str, name: str, side: str, versions: list[str] | None = None) -> str | None:
    reason = ACCEPTED.get((label, ecosystem, name, side)) or ACCEPTED.get(("*", ecosystem, name, side))
    if reason or versions is None:
        return reason
    for rule_ecosystem, rule_side, predicate, rule_reason in ACCEPTED_RULES:
        if rule_ecosystem == ecosystem and rule_side == side and all(predicate(name, v) for v in versions):
            return rule_reason
    return None


def accepted_purl(ecosystem: str, ours: str, theirs: str) -> str | None:
    for rule_ecosystem, predicate, reason in ACCEPTED_PURL_RULES:
        if rule_ecosystem == ecosystem and predicate(canonical_purl(ours), canonical_purl(theirs)):
            return reason
    return None


def epoch_joined(version: str, epoch: object) -> str:
    if epoch in (None, "", 0, "0") or ":" in version:
        return version
    return f"{epoch}:{version}"


def normalized_version(ecosystem: str, version: str) -> str:
    if ecosystem == "rpm" and version.startswith("0:"):
        return version[2:]  # rpm treats a missing epoch as 0.
    if ecosystem == "golang" and re.fullmatch(r"go\d.*", version):
        return version[2:]  # The stdlib module: Syft keeps the toolchain's `go1.24.3`, Plimsoll OSV's `1.24.3`.
    return version


def parse_purl(purl: str) -> tuple[str, str, str, dict[str, str]]:
    """(type, name, version, qualifiers) of a package URL; enough of the spec for OS packages."""
    body = purl[len("pkg:"):] if purl.startswith("pkg:") else purl
    body, _, _subpath = body.partition("#")
    body, _, query = body.partition("?")
    qualifiers = {key: urllib.parse.unquote(value) for key, _, value in
                  (item.partition("=") for item in query.split("&") if item)}
    package_type, _, rest = body.partition("/")
    rest, _, version = rest.rpartition("@") if "@" in rest else (rest, "", "")
    name = rest.rsplit("/", 1)[-1]
    return package_type.lower(), urllib.parse.unquote(name), urllib.parse.unquote(version), qualifiers


def canonical_purl(purl: str) -> str:
    """A purl with every part percent-decoded and the qualifiers sorted, so equal purls compare equal."""
    body = purl[len("pkg:"):] if purl.startswith("pkg:") else purl
    body, _, subpath = body.partition("#")
    body, _, query = body.partition("?")
    qualifiers = sorted((key.lower(), urllib.parse.unquote(value)) for key, _, value in
                        (item.partition("=") for item in query.split("&") if item) if value)
    path, _, version = body.rpartition("@") if "@" in body.rsplit("/", 1)[-1] else (body, "", "")
    parts = [urllib.parse.unquote(part) for part in path.split("/")]
    parts[0] = parts[0].lower()
    text = "pkg:" + "/".join(parts) + (f"@{urllib.parse.unquote(version)}" if version else "")
    if qualifiers:
        text += "?" + "&".join(f"{key}={value}" for key, value in qualifiers)
    return text + (f"#{urllib.parse.unquote(subpath)}" if subpath else "")


def packages_of(document: dict) -> tuple[str, set[tuple[str, str, str]], dict[tuple[str, str, str], str]]:
    """The document's kind, its (ecosystem, name, version) set, and each one's purl where the document has it."""
    found: set[tuple[str, str, str]] = set()
    purls: dict[tuple[str, str, str], str] = {}
    if "artifacts" in document and "source" in document:  # Syft JSON
        kind = "syft-json"
        for artifact in document["artifacts"]:
            ecosystem = SYFT_TYPES.get(artifact.get("type", ""), artifact.get("type", ""))
            key = (ecosystem, normalized_name(ecosystem, artifact["name"], artifact.get("purl")),
                   artifact.get("version", ""))
            found.add(key)
            if artifact.get("purl"):
                purls[key] = artifact["purl"]
    elif "bomFormat" in document:  # CycloneDX
        kind = "cyclonedx"

        def walk(components: list[dict]) -> None:
            for component in components:
                purl = component.get("purl", "")
                if purl:
                    package_type, _, purl_version, qualifiers = parse_purl(purl)
                    version = component.get("version") or purl_version
                    key = (package_type, component.get("name", ""), epoch_joined(version, qualifiers.get("epoch")))
                    found.add(key)
                    purls[key] = purl
                walk(component.get("components", []))

        walk(document.get("components", []))
    elif "spdxVersion" in document:  # SPDX 2.x JSON
        kind = "spdx-json"
        for package in document.get("packages", []):
            purls_list = [reference["referenceLocator"] for reference in package.get("externalRefs", [])
                          if reference.get("referenceType") == "purl"]
            if not purls_list:
                continue
            package_type, _, purl_version, qualifiers = parse_purl(purls_list[0])
            version = package.get("versionInfo") or purl_version
            key = (package_type, package.get("name", ""), epoch_joined(version, qualifiers.get("epoch")))
            found.add(key)
            purls[key] = purls_list[0]
    elif "packages" in document:  # Plimsoll JSON report
        kind = "plimsoll-json"
        for package in document["packages"]:
            key = (package["type"], normalized_name(package["type"], package["name"], package.get("purl")),
                   epoch_joined(package["version"], package.get("epoch")))
            found.add(key)
            if package.get("purl"):
                purls[key] = package["purl"]
    else:
        raise SystemExit("unrecognised document: expected Plimsoll JSON, Syft JSON, CycloneDX or SPDX JSON")
    def normal(key: tuple[str, str, str]) -> tuple[str, str, str]:
        return key[0], key[1], normalized_version(key[0], key[2])

    return kind, {normal(key) for key in found}, {normal(key): purl for key, purl in purls.items()}


def load(path: str) -> tuple[str, set[tuple[str, str, str]], dict[tuple[str, str, str], str]]:
    with open(path, encoding="utf-8") as handle:
        return packages_of(json.load(handle))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ours")
    parser.add_argument("theirs")
    parser.add_argument("--min-recall", type=float, default=0.0)
    parser.add_argument("--min-precision", type=float, default=0.0)
    parser.add_argument("--ecosystems", default=",".join(OS_ECOSYSTEMS),
                        help="comma-separated package-URL types to compare (default %(default)s)")
    parser.add_argument("--min-purl-agreement", type=float, default=0.0,
                        help="the share of packages both list whose purls are equal (decoded, qualifiers sorted)")
    parser.add_argument("--strict", action="store_true", help="fail on any difference not listed as accepted")
    parser.add_argument("--label", default="", help="a name for this comparison in the output")
    parser.add_argument("--ours-name", default="plimsoll")
    parser.add_argument("--theirs-name", default="syft")
    arguments = parser.parse_args(argv)

    ours_kind, ours, our_purls = load(arguments.ours)
    theirs_kind, theirs, their_purls = load(arguments.theirs)
    ecosystems = [item for item in arguments.ecosystems.split(",") if item]
    label = f"{arguments.label}: " if arguments.label else ""
    print(f"{label}{arguments.ours_name} ({ours_kind}) vs {arguments.theirs_name} ({theirs_kind})")

    other = sorted({kind for kind, _, _ in ours | theirs} - set(ecosystems))
    if other:
        counts = ", ".join(
            f"{kind}: {sum(1 for item in ours if item[0] == kind)}/{sum(1 for item in theirs if item[0] == kind)}"
            for kind in other)
        print(f"  not compared ({arguments.ours_name}/{arguments.theirs_name}): {counts}")
    failed = False
    for ecosystem in ecosystems:
        mine = {(name, version) for kind, name, version in ours if kind == ecosystem}
        reference = {(name, version) for kind, name, version in theirs if kind == ecosystem}
        if not mine and not reference:
            continue
        both = mine & reference
        recall = len(both) / len(reference) if reference else 1.0
        precision = len(both) / len(mine) if mine else (1.0 if not reference else 0.0)
        purl_pairs = [((ecosystem, name, version), our_purls.get((ecosystem, name, version)),
                       their_purls.get((ecosystem, name, version))) for name, version in sorted(both)]
        purl_pairs = [(key, a, b) for key, a, b in purl_pairs if a and b]
        purl_differences = [(key, a, b) for key, a, b in purl_pairs if canonical_purl(a) != canonical_purl(b)]
        purl_explained = [(key, a, b, accepted_purl(ecosystem, a, b)) for key, a, b in purl_differences]
        unexplained = [item for item in purl_explained if not item[3]]
        purl_agreement = 1 - len(unexplained) / len(purl_pairs) if purl_pairs else 1.0
        verdict = "ok"
        if recall < arguments.min_recall or precision < arguments.min_precision \
                or purl_agreement < arguments.min_purl_agreement:
            verdict = (f"BELOW THRESHOLD (recall >= {arguments.min_recall}, precision >= {arguments.min_precision}, "
                       f"purl agreement >= {arguments.min_purl_agreement})")
            failed = True
        print(f"  {ecosystem}: {arguments.ours_name} {len(mine)}, {arguments.theirs_name} {len(reference)}, "
              f"both {len(both)}; recall {recall:.4f}, precision {precision:.4f}, "
              f"purls equal {len(purl_pairs) - len(purl_differences)}/{len(purl_pairs)}"
              f"{f' (+{len(purl_differences) - len(unexplained)} accepted)' if len(unexplained) < len(purl_differences) else ''}"
              f"  {verdict}")
        for (_, name, version), a, b, reason in purl_explained:
            note = f"  [accepted: {reason}]" if reason else ""
            print(f"    purl differs: {name} {version}: {arguments.ours_name} {a}  {arguments.theirs_name} {b}{note}")
        # Pair up differences by name, so a version disagreement reads as one line, not two.
        only_mine: dict[str, list[str]] = defaultdict(list)
        only_theirs: dict[str, list[str]] = defaultdict(list)
        for name, version in mine - reference:
            only_mine[name].append(version)
        for name, version in reference - mine:
            only_theirs[name].append(version)
        for name in sorted(set(only_mine) | set(only_theirs)):
            if name in only_mine and name in only_theirs:
                line = (f"version differs: {name} {arguments.ours_name}={','.join(sorted(only_mine[name]))} "
                        f"{arguments.theirs_name}={','.join(sorted(only_theirs[name]))}")
                reasons = [accepted(arguments.label, ecosystem, name, side) for side in ("ours", "theirs")]
            elif name in only_mine:
                line = f"only in {arguments.ours_name}: {name} {','.join(sorted(only_mine[name]))}"
                reasons = [accepted(arguments.label, ecosystem, name, "ours", only_mine[name])]
            else:
                line = f"only in {arguments.theirs_name}: {name} {','.join(sorted(only_theirs[name]))}"
                reasons = [accepted(arguments.label, ecosystem, name, "theirs", only_theirs[name])]
            reason = next((reason for reason in reasons if reason), None)
            sides = [side for side, versions in (("ours", only_mine), ("theirs", only_theirs)) if name in versions]
            bug = next((b for b in (known_bug(arguments.label, ecosystem, name, side) for side in sides) if b), None)
            if reason:
                print(f"    {line}  [accepted: {reason}]")
            elif bug:
                print(f"    {line}  [KNOWN BUG, not accepted: {bug}]")
            else:
                print(f"    {line}")
                if arguments.strict:
                    failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
