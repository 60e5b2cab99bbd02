#!/usr/bin/env python3
"""Checks on Plimsoll's JSON reports that the integration suite runs; each prints one line and exits 0 or 1.

  check.py agree REPORT...                  every report lists the same packages: type, name, version, epoch, purl,
                                            and (unless --ignore-layers) the attributed layer's index and diff_id
  check.py layers REPORT METADATA [--expect NAME=INDEX]... [--default INDEX] [--absent NAME]...
                                            each package's layer is the one expected (index and diff_id from the
                                            packer's metadata), and the named packages are absent
  check.py count REPORT TYPE N              the report lists exactly N packages of TYPE
  check.py count-syft SYFT_JSON TYPE N      the Syft document lists exactly N artifacts of TYPE
  check.py syft-agree SYFT_JSON...          Syft found the same (type, name, version) set in every document
  check.py syft-absent SYFT_JSON NAME...    Syft lists none of the named packages
  check.py go-binaries REPORT ROOT BINARY...  for each Go binary (a path below ROOT), the golang packages the report
                                            attributes to it are exactly what `go version -m` lists: the main module
                                            and dependencies with a version (replacements applied, local directory
                                            replacements left out) and the toolchain as stdlib; a universal Mach-O
                                            binary, which Go before 1.22 cannot read, is compared with --slice-of
  check.py findings REPORT [--expect ID=NAME@VERSION]... [--absent ID]... [--absent-package-version ID=VERSION]...
                                            the report's vulnerabilities include each expected finding (advisory ID
                                            or alias, package name, installed version), none with an absent ID, and
                                            none of ID for a package at VERSION
  check.py trust REPORT FIELD=VALUE...      the report's `trust` object has each field with that value (JSON
                                            scalars compared as text: true, false, null; FIELD may be A|B, the first
                                            present is compared, for a field whose name is not settled)
"""

from __future__ import annotations

import json
import sys


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def identity(package: dict, with_layers: bool) -> tuple:
    key = (package.get("type"), package.get("name"), package.get("version"), package.get("epoch"),
           package.get("purl"))
    if with_layers:
        layer = package.get("layer") or {}
        key += (layer.get("index"), layer.get("diffID"))
    return key


def agree(paths: list[str], with_layers: bool) -> int:
    sets = {path: {identity(package, with_layers) for package in load(path)["packages"]} for path in paths}
    reference_path = paths[0]
    reference = sets[reference_path]
    problems = []
    for path in paths[1:]:
        missing, extra = reference - sets[path], sets[path] - reference
        for item in sorted(missing, key=repr)[:20]:
            problems.append(f"  {path} lacks {item}")
        for item in sorted(extra, key=repr)[:20]:
            problems.append(f"  {path} adds {item}")
    if problems:
        print(f"reports disagree with {reference_path} ({len(reference)} packages):")
        print("\n".join(problems))
        return 1
    print(f"{len(paths)} reports agree on {len(reference)} packages" + (" and their layers" if with_layers else ""))
    return 0


def layers(report_path: str, metadata_path: str, expectations: list[str], default: int | None,
           absent: list[str]) -> int:
    report, metadata = load(report_path), load(metadata_path)
    diff_ids = [layer["diffID"] for layer in metadata["layers"]]
    expected = {item.split("=", 1)[0]: int(item.split("=", 1)[1]) for item in expectations}
    problems = []
    names = set()
    for package in report["packages"]:
        names.add(package["name"])
        wanted = expected.get(package["name"], default)
        if wanted is None:
            continue
        layer = package.get("layer") or {}
        if layer.get("index") != wanted or layer.get("diffID") != diff_ids[wanted]:
            problems.append(f"  {package['name']} {package['version']}: layer {layer.get('index')} "
                            f"({layer.get('diffID')}), expected {wanted} ({diff_ids[wanted]})")
    for name in expected:
        if name not in names:
            problems.append(f"  {name} is missing")
    for name in absent:
        if name in names:
            problems.append(f"  {name} is listed but a later layer removed it")
    if problems:
        print(f"layer attribution wrong in {report_path}:")
        print("\n".join(problems[:40]))
        return 1
    print(f"layer attribution right for {len(report['packages'])} packages; absent as expected: {', '.join(absent) or '-'}")
    return 0


def count(path: str, package_type: str, wanted: int, syft: bool) -> int:
    document = load(path)
    items = document["artifacts"] if syft else document["packages"]
    found = sum(1 for item in items if item.get("type") == package_type)
    if found != wanted:
        print(f"{path}: {found} {package_type} packages, expected {wanted}")
        return 1
    print(f"{found} {package_type} packages, as expected")
    return 0


def syft_agree(paths: list[str]) -> int:
    def packages(path: str) -> set[tuple]:
        return {(item.get("type"), item["name"], item.get("version")) for item in load(path)["artifacts"]}
    reference = packages(paths[0])
    for path in paths[1:]:
        other = packages(path)
        if other != reference:
            print(f"syft disagrees between {paths[0]} and {path}: "
                  f"missing {sorted(reference - other)[:10]}, extra {sorted(other - reference)[:10]}")
            return 1
    print(f"syft lists the same {len(reference)} packages in all {len(paths)} formats")
    return 0


def syft_absent(path: str, names: list[str]) -> int:
    present = sorted({item["name"] for item in load(path)["artifacts"]} & set(names))
    if present:
        print(f"{path} lists {', '.join(present)}, which a later layer removed")
        return 1
    print(f"syft does not list {', '.join(names)}")
    return 0


def findings(path: str, options: list[tuple[str, str]]) -> int:
    report = load(path)
    found = report.get("vulnerabilities")
    if found is None:
        print(f"{path} has no vulnerabilities section: no advisory database was used")
        return 1
    have = set()
    for finding in found:
        for identifier in [finding["id"]] + finding.get("aliases", []):
            have.add((identifier, finding["packageName"], finding["installedVersion"]))
    problems = []
    for option, value in options:
        if option == "--expect":
            identifier, _, package = value.partition("=")
            name, _, version = package.rpartition("@")
            if (identifier, name, version) not in have:
                problems.append(f"missing {value}")
        elif option == "--absent":
            problems += [f"unexpected {i} for {n}@{v}" for i, n, v in sorted(have) if i == value]
        elif option == "--absent-package-version":
            identifier, _, version = value.partition("=")
            problems += [f"unexpected {i} for {n}@{v}" for i, n, v in sorted(have) if i == identifier and v == version]
    expected = sum(1 for option, _ in options if option == "--expect")
    print(f"{len(found)} findings; {expected - sum(p.startswith('missing') for p in problems)}/{expected} expected found"
          + (f"; {'; '.join(problems)}" if problems else ""))
    return 1 if problems else 0


def go_version_m(binary: str) -> set[tuple[str, str]] | None:
    import subprocess
    run = subprocess.run(["go", "version", "-m", binary], capture_output=True, text=True)
    if run.returncode != 0:
        return None
    expected: set[tuple[str, str]] = set()
    lines = run.stdout.splitlines()
    toolchain = lines[0].rsplit(": ", 1)[-1].strip()
    if toolchain.startswith("go"):
        expected.add(("stdlib", toolchain[2:]))
    pending = None
    for line in lines[1:]:
        fields = line.strip().split("\t")
        if fields[0] in ("mod", "dep"):
            if pending:
                expected.add(pending)
            pending = (fields[1], fields[2]) if len(fields) > 2 and fields[2] != "(devel)" else None
        elif fields[0] == "=>":
            # A replacement: by a module (path and version) or by a local directory (no version: left out).
            pending = (fields[1], fields[2]) if len(fields) > 2 and fields[2] != "(devel)" else None
    if pending:
        expected.add(pending)
    return expected


def go_binaries(report_path: str, root: str, binaries: list[str], slices: dict[str, str]) -> int:
    import os
    report = load(report_path)
    problems, compared = [], 0
    for binary in binaries:
        inside = "/" + os.path.relpath(binary, root)
        have = {(p["name"], p["version"].removeprefix("v") if p["name"] == "stdlib" else p["version"])
                for p in report["packages"] if p["type"] == "golang" and inside in p.get("paths", [])}
        reference = slices.get(binary, binary)
        expected = go_version_m(reference)
        if expected is None:
            problems.append(f"go version -m cannot read {reference}")
            continue
        compared += 1
        if have != expected:
            problems.append(f"{inside}: only in plimsoll {sorted(have - expected)}, only in go {sorted(expected - have)}")
    print(f"{compared}/{len(binaries)} binaries compared with go version -m"
          + (f"; {'; '.join(problems)}" if problems else "; all agree"))
    return 1 if problems else 0


def trust(path: str, expectations: list[str]) -> int:
    verdict = load(path).get("trust")
    if not isinstance(verdict, dict):
        print(f"{path} has no trust object")
        return 1
    problems, seen = [], []
    for item in expectations:
        names, _, wanted = item.partition("=")
        name = next((n for n in names.split("|") if n in verdict), names.split("|")[0])
        value = verdict.get(name)
        text = json.dumps(value) if not isinstance(value, str) else value
        seen.append(f"{name}={text}")
        if text != wanted:
            problems.append(f"{name} is {text}, expected {wanted}")
    print(f"trust: {', '.join(seen)}" + (f"; {'; '.join(problems)}" if problems else ""))
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "agree":
        with_layers = "--ignore-layers" not in rest
        return agree([item for item in rest if item != "--ignore-layers"], with_layers)
    if command == "layers":
        report, metadata, options = rest[0], rest[1], rest[2:]
        expectations, absent, default = [], [], None
        for option, value in zip(options[::2], options[1::2]):
            if option == "--expect":
                expectations.append(value)
            elif option == "--absent":
                absent.append(value)
            elif option == "--default":
                default = int(value)
        return layers(report, metadata, expectations, default, absent)
    if command in ("count", "count-syft"):
        return count(rest[0], rest[1], int(rest[2]), syft=command == "count-syft")
    if command == "syft-agree":
        return syft_agree(rest)
    if command == "syft-absent":
        return syft_absent(rest[0], rest[1:])
    if command == "go-binaries":
        slices, binaries, rest_ = {}, [], rest[2:]
        index = 0
        while index < len(rest_):
            if rest_[index] == "--slice-of":
                slices[rest_[index + 1]] = rest_[index + 2]
                index += 3
            else:
                binaries.append(rest_[index])
                index += 1
        return go_binaries(rest[0], rest[1], binaries, slices)
    if command == "findings":
        return findings(rest[0], list(zip(rest[1::2], rest[2::2])))
    if command == "trust":
        return trust(rest[0], rest[1:])
    print(f"unknown check '{command}'\n{__doc__}")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
