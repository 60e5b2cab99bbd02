#!/usr/bin/env python3
"""Writes synthetic OSV records shaped like the real ones, for benchmarking the advisory database.

    scripts/bench/generate-osv.py --records 100000 --out DIR [--seed 1] [--queries 1000]

DIR gets all.zip (one <ID>.json per record, deflated, as OSV's bulk data is) and queries.tsv (ECOSYSTEM<TAB>NAME
lines, about two thirds of them naming a package that has advisories). The mix follows OSV's: distribution records
(Debian, Ubuntu, Alpine: one source package per record, often `introduced: "0"` with no fix, urgency in
ecosystem_specific), GHSA-style language records (npm, Maven, PyPI with long `versions` lists, database_specific
severity, CVSS vectors) and Go records (SEMVER ranges, symbols in ecosystem_specific). Details are 40-160 words.
"""
import argparse
import json
import random
import zipfile
from pathlib import Path

WORDS = (
    "a an the in of to when with via allows attackers remote local crafted request response buffer overflow "
    "heap use after free null pointer dereference denial service memory corruption integer parser header "
    "certificate validation bypass authentication session cookie path traversal injection command execution "
    "arbitrary code input length limit unchecked function library before version fixed release upstream"
).split()

DISTROS = [("Debian:11", 0.10), ("Debian:12", 0.14), ("Ubuntu:22.04:LTS", 0.12), ("Alpine:v3.19", 0.06),
           ("Alpine:v3.20", 0.04)]
LANGUAGES = [("PyPI", 0.16), ("npm", 0.14), ("Maven", 0.08), ("Go", 0.10), ("crates.io", 0.03),
             ("RubyGems", 0.03)]


def sentence(rng, low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def package_name(rng, ecosystem, index):
    if ecosystem.startswith(("Debian", "Ubuntu", "Alpine")):
        return f"srcpkg{index}"
    if ecosystem == "Maven":
        return f"org.example{index % 97}:artifact-{index}"
    if ecosystem == "Go":
        return f"github.com/org{index % 211}/module{index}"
    if ecosystem == "npm":
        return f"@scope{index % 53}/package-{index}" if index % 4 == 0 else f"package-{index}"
    return f"Package_{index}"


def version(rng, scheme):
    major, minor, patch = rng.randint(0, 12), rng.randint(0, 30), rng.randint(0, 40)
    if scheme == "dpkg":
        return f"{major}.{minor}.{patch}-{rng.randint(1, 9)}+deb12u{rng.randint(1, 5)}"
    if scheme == "apk":
        return f"{major}.{minor}.{patch}-r{rng.randint(0, 9)}"
    return f"{major}.{minor}.{patch}"


def cvss(rng):
    return "CVSS:3.1/AV:{}/AC:{}/PR:N/UI:{}/S:U/C:{}/I:{}/A:{}".format(
        rng.choice("NALP"), rng.choice("LH"), rng.choice("NR"), rng.choice("NLH"), rng.choice("NLH"),
        rng.choice("NLH"))


def record(rng, number, ecosystem, name):
    year = rng.randint(2015, 2025)
    cve = f"CVE-{year}-{10000 + number}"
    modified = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z"
    base = ecosystem.split(":")[0]
    affected = {"package": {"ecosystem": ecosystem, "name": name}}
    body = {"id": "", "modified": modified, "published": modified, "aliases": [cve],
            "details": " ".join(sentence(rng, 8, 16) for _ in range(rng.randint(4, 10)))}
    if base in ("Debian", "Ubuntu", "Alpine"):
        scheme = "apk" if base == "Alpine" else "dpkg"
        events = [{"introduced": "0"}]
        if rng.random() < 0.8:
            events.append({"fixed": version(rng, scheme)})
        affected["ranges"] = [{"type": "ECOSYSTEM", "events": events}]
        if base == "Debian":
            affected["ecosystem_specific"] = {"urgency": rng.choice(["low", "medium", "high", "not yet assigned"])}
        prefix = {"Debian": "DEBIAN-", "Ubuntu": "UBUNTU-", "Alpine": "ALPINE-"}[base]
        body["id"] = f"{prefix}{cve}"
        if base == "Ubuntu":
            body["severity"] = [{"type": "Ubuntu", "score": rng.choice(["low", "medium", "high"])}]
        body["references"] = [{"type": "ADVISORY", "url": f"https://security-tracker.example/{cve}"}]
    elif base == "Go":
        events = [{"introduced": "0"}, {"fixed": version(rng, "semver")}]
        affected["ranges"] = [{"type": "SEMVER", "events": events}]
        affected["ecosystem_specific"] = {
            "imports": [{"path": name, "symbols": [f"Func{i}" for i in range(rng.randint(1, 6))]}]}
        body["id"] = f"GO-{year}-{number:04d}"
        body["summary"] = sentence(rng, 5, 10)
        body["references"] = [{"type": "FIX", "url": f"https://{name}/commit/{rng.getrandbits(64):016x}"}]
    else:
        low, high = sorted((version(rng, "semver"), version(rng, "semver")))
        events = [{"introduced": low}, {"fixed": high}]
        if rng.random() < 0.3:
            events = [{"introduced": "0"}, {"last_affected": low}]
        affected["ranges"] = [{"type": "ECOSYSTEM", "events": events}]
        if base == "PyPI":
            affected["versions"] = [version(rng, "semver") for _ in range(rng.randint(5, 120))]
        affected["database_specific"] = {"source": "https://github.com/github/advisory-database"}
        body["id"] = f"GHSA-{rng.getrandbits(20):05x}-{rng.getrandbits(20):05x}-{number:06d}"
        body["summary"] = sentence(rng, 5, 12)
        body["severity"] = [{"type": "CVSS_V3", "score": cvss(rng)}]
        body["database_specific"] = {"severity": rng.choice(["LOW", "MODERATE", "HIGH", "CRITICAL"]),
                                     "cwe_ids": ["CWE-79"], "github_reviewed": True}
        body["references"] = [{"type": "WEB", "url": f"https://example.org/{base}/{number}/{i}"}
                              for i in range(rng.randint(2, 6))]
    body["affected"] = [affected]
    if rng.random() < 0.1:  # Some records name a second package or release.
        second = json.loads(json.dumps(affected))
        if base in ("Debian", "Ubuntu", "Alpine"):
            second["package"]["ecosystem"] = ecosystem + ":security" if base != "Alpine" else ecosystem
        second["package"]["name"] = name + "-extra"
        body["affected"].append(second)
    body["schema_version"] = "1.6.0"
    return body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=1_000)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    out = Path(arguments.out)
    out.mkdir(parents=True, exist_ok=True)
    mix = DISTROS + LANGUAGES
    weights = [weight for _, weight in mix]
    packages = []
    total_bytes = 0
    with zipfile.ZipFile(out / "all.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(arguments.records):
            ecosystem = rng.choices([name for name, _ in mix], weights)[0]
            # About three advisories per package, as in the real data.
            index = rng.randint(0, max(1, arguments.records // 3))
            name = package_name(rng, ecosystem, index)
            packages.append((ecosystem, name))
            body = record(rng, number, ecosystem, name)
            data = json.dumps(body, indent=2).encode()
            total_bytes += len(data)
            archive.writestr(f"{body['id']}.json", data)
    with open(out / "queries.tsv", "w") as queries:
        for number in range(arguments.queries):
            ecosystem, name = rng.choice(packages)
            if number % 3 == 2:
                name = f"absent-{number}"
            queries.write(f"{ecosystem}\t{name}\n")
    print(f"{arguments.records} records, {total_bytes / arguments.records:.0f} bytes each on average, "
          f"{(out / 'all.zip').stat().st_size / 1e6:.1f} MB zipped")


if __name__ == "__main__":
    main()
