#!/usr/bin/python3
"""Regenerates dpkg-pairs-*.tsv and dpkg-syntax-*.tsv in Tests/EcosystemsTests/Fixtures/versions/.

Pairs: real Debian versions from this machine, ordered by python3-apt's `apt_pkg.version_compare` (apt's copy of
dpkg's algorithm), with a sample cross-checked against `dpkg --compare-versions`. The versions come from the apt
lists under /var/lib/apt/lists (every suite configured, so a package can have several versions), the installed
packages in /var/lib/dpkg/status, and the history of every installed package in
/usr/share/doc/*/changelog.Debian.gz. Packages are grouped by source package.

Syntax: real versions and seeded mutations of them (blanks, stray characters, odd epochs, empty parts), each with
`dpkg --validate-version`'s verdict: `valid`, or dpkg's own reason, which DpkgVersion reports word for word.

Needs: apt-get update; apt-get install -y python3-apt. Run with the system python3 (/usr/bin/python3), which is
the one python3-apt installs into.
"""

import concurrent.futures
import os
import re
import subprocess
import sys

import apt_pkg

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pair_tables import debian_version_groups, seeded, select_pairs, symbol, write_shards  # noqa: E402

PAIRS = 60_000
CROSS_CHECKS = 3_000


def dpkg_verdict(text):
    """`valid`, or the reason `dpkg --validate-version` gives for rejecting `text`."""
    result = subprocess.run(["dpkg", "--validate-version", "--", text], capture_output=True, text=True)
    if result.returncode == 0:
        return "valid"
    match = re.search(r"has bad syntax: (.*)$", result.stderr.strip())
    assert match, (text, result.stderr)
    return match.group(1)


def verdicts(texts):
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip(texts, pool.map(dpkg_verdict, texts)))


def mutations(versions, rng, count):
    """Seeded near-misses of real versions: what a scraper, a typo or a hostile advisory might hand us."""
    inserts = [" ", "_", "@", "!", "/", ",", "é", "=", ":", "-", "~", "+", "A", "\u00a0"]
    prefixes = ["", " ", "\t", "a", "v", "0:", "1:", "01:", "+1:", "-1:", "-0:", ":", "a:", "1a:", "99999999999:",
                "2147483647:", "2147483648:", " 1:", "1 :", "~", "."]
    suffixes = ["", " ", "\t", "-", ":", "-0", "-a", "-~", "-1_0", "-1:0", "_1", " x", "+", "~"]
    result = set()
    while len(result) < count:
        version = rng.choice(versions)
        kind = rng.randrange(3)
        if kind == 0:
            position = rng.randrange(len(version) + 1)
            version = version[:position] + rng.choice(inserts) + version[position:]
        elif kind == 1:
            version = rng.choice(prefixes) + version
        else:
            version = version + rng.choice(suffixes)
        result.add(version)
    return sorted(result)


def main():
    apt_pkg.init()
    rng = seeded("dpkg")
    groups = debian_version_groups()
    all_versions = sorted({v for versions in groups.values() for v in versions})
    verdict = verdicts(all_versions)
    rejected = [v for v in all_versions if verdict[v] != "valid"]
    print(f"{len(all_versions)} distinct versions, {len(rejected)} rejected by dpkg: {rejected[:10]}")
    groups = {name: {v for v in versions if verdict[v] == "valid"} for name, versions in groups.items()}

    def compare(a, b):
        return apt_pkg.version_compare(a, b)

    pairs = select_pairs(groups, compare, PAIRS, rng)
    rows = [(a, b, symbol(compare(a, b))) for a, b in pairs]

    for a, b, expected in rng.sample(rows, CROSS_CHECKS):
        operator = {"<": "lt", "=": "eq", ">": "gt"}[expected]
        assert subprocess.run(["dpkg", "--compare-versions", a, operator, b]).returncode == 0, (a, b, expected)
    print(f"dpkg --compare-versions agrees with apt_pkg on {CROSS_CHECKS} sampled pairs")
    write_shards(
        "dpkg", "real Debian versions; order from python3-apt apt_pkg.version_compare; "
        "scripts/oracles/generate-dpkg-pairs.py", rows)

    valid = [v for v in all_versions if verdict[v] == "valid"]
    syntax_texts = sorted(set(rng.sample(valid, 1_500)) | set(mutations(valid, rng, 4_000)) | set(rejected))
    syntax_texts = [t for t in syntax_texts if not any(c in t for c in "\t\n\r")]
    syntax = verdicts(syntax_texts)
    write_shards(
        "dpkg", "real Debian versions and seeded mutations; verdict from dpkg --validate-version; "
        "scripts/oracles/generate-dpkg-pairs.py", [(t, syntax[t]) for t in syntax_texts], kind="syntax")


if __name__ == "__main__":
    main()
